"""make paper-quick: analysis/paper.py --quick writes the paper-vs-socsim report (label `paper`).

Into a temporary directory. Checks:
- every experiment row is present: one optimality row per (base use case, phone, baseline that ran),
  one storage row per base scenario, a design-set row per base scenario, an adaptation row per
  (_adapt_ scenario, variant), at least one reaction row; report.md shows every row's key and the
  "cannot" section;
- CARIn's optimality is >= each baseline's (within paper_report.TIE) wherever the report says so: the
  optimality is recomputed here from the runs' traces with analysis/optimality.py (not read from
  the report), and the claim must match the recomputed means in both directions;
- every ratio in report.csv is the mean of its per-seed ratios recomputed from the runs (optimality);
- the sentences carry the row's numbers (the ratio printed in an optimality sentence is the row's).
"""
import os
import shutil
import subprocess
import sys

import pandas as pd

from common import BIN, done, expect, fail, ROOT, scratch_dir

sys.path.insert(0, ROOT)
from analysis import make_figures, paper, paper_report  # noqa: E402
from analysis import optimality as opt  # noqa: E402
from analysis import trace  # noqa: E402

out = scratch_dir("socsim_paper_")
try:
    p = subprocess.run([sys.executable, os.path.join(ROOT, "analysis", "paper.py"), "--quick", "--bin", BIN,
                        "--out", out, "-j", str(min(2, os.cpu_count() or 1))], capture_output=True, text=True,
                       timeout=900)
    if p.returncode != 0:
        fail(f"paper.py --quick: exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    rows = pd.read_csv(os.path.join(out, "report.csv"), keep_default_na=False, na_values=[""])
    with open(os.path.join(out, "report.md")) as f:
        md = f.read()
    base = pd.read_csv(os.path.join(out, "runs", "base", "table.csv"))
    adapt = pd.read_csv(os.path.join(out, "runs", "adapt", "table.csv"))

    # Every experiment row is present.
    bases = [os.path.splitext(os.path.basename(s))[0] for s in make_figures.base_scenarios()]
    adapts = [os.path.splitext(os.path.basename(s))[0] for s in make_figures.adapt_scenarios()]
    keys = set(rows.key)
    for sc in bases:
        for label in sorted(set(base[base.scenario == sc].scheduler) - {"carin"}):
            expect(f"optimality/{sc}/{label}" in keys, f"no optimality row for {sc} {label}")
        expect(f"storage/{sc}/oodin" in keys, f"no storage row for {sc}")
        expect(f"design_set/{sc}/carin" in keys, f"no design-set row for {sc}")
    for sc in adapts:
        for spec in paper.ADAPT_SPECS:
            expect(f"adaptation/{sc}/{spec.label}" in keys, f"no adaptation row for {sc} {spec.label}")
    expect((rows.experiment == "reaction").any(), "no reaction row")
    expect((rows.experiment == "latency").any(), "no latency row")
    for k in keys:
        expect(f"`{k}`" in md, f"report.md does not show row {k}")
    expect("## What the paper measured that socsim cannot" in md, "no 'cannot' section")
    n_baselines = len(set(base.scheduler) - {"carin"})
    expect(n_baselines >= 9, f"only {n_baselines} baselines ran: {sorted(set(base.scheduler))}")

    # CARIn >= baseline wherever the report says so, recomputed from the traces.
    checked = 0
    for sc, sub in base.groupby("scenario"):
        slo = opt.slo_from_scenario(trace.config(sub.trace.iloc[0], "scenario"))
        scores = {}  # label -> [per-seed score]
        for seed, pool in sub.groupby("seed"):
            runs = list(pool.groupby("trace", sort=False))
            s = opt.score_runs([opt.run_from_trace(path) for path, _ in runs], slo)
            for (path, g), x in zip(runs, s):
                scores.setdefault(g.scheduler.iloc[0], []).append(x)
        carin = sum(scores["carin"]) / len(scores["carin"])
        for label, xs in scores.items():
            if label == "carin":
                continue
            row = rows[rows.key == f"optimality/{sc}/{label}"].iloc[0]
            mean = sum(xs) / len(xs)
            claim = row.carin_geq == "yes"
            expect(claim == (carin >= mean - paper_report.TIE),
                   f"{sc} {label}: report says CARIn ≥ is {row.carin_geq!r}, recomputed CARIn {carin:.6g} vs {mean:.6g}")
            # The report reads summary.csv, this test the traces: equal within summary.csv's rounding.
            expect(abs(row.value_mean - mean) < 1e-7 and abs(row.carin_mean - carin) < 1e-7,
                   f"{sc} {label}: report {row.value_mean}, {row.carin_mean}; recomputed {mean}, {carin}")
            checked += 1
            if row.sentence.startswith(("both", "CARIn scores 0")) or "scores 0" in row.sentence:
                continue
            if "ratio" in row.sentence:
                expect(f"ratio {row.ratio_mean:.3g}" in row.sentence, f"{sc} {label}: sentence {row.sentence!r} "
                       f"does not carry the ratio {row.ratio_mean:.3g}")
    expect(checked == (rows.experiment == "optimality").sum(), f"checked {checked} optimality rows of "
           f"{(rows.experiment == 'optimality').sum()}")
    for f in ("optimality.png", "optimality_storage.png", "reaction.png"):
        expect(os.path.getsize(os.path.join(out, "figures", f)) > 0, f"no figure {f}")
finally:
    shutil.rmtree(out, ignore_errors=True)
done("test_paper")
