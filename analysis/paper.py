"""Reproduce CARIn's evaluation from one command: the campaigns, then results/paper/report.md.

    /usr/bin/python3 analysis/paper.py [--quick] [-j N] [--out DIR] [--seeds N] [--bin SOCSIM] [--fresh]

``make paper`` (full): the base use cases UC1-UC4 x the three phones x CARIn and every baseline
(BASELINES; "transferred" once per other phone) at the scenarios' duration (20 s), and the _adapt_
variants (30 s) x the adaptation variants (ADAPT_SPECS: CARIn, CARIn with the decisions of issue 15
undone one at a time, OODIn), SEEDS_FULL seeds; output in results/paper/. ``make paper-quick`` (CI):
base runs of QUICK_BASE_S, SEEDS_QUICK seeds; output in results/paper-quick/. Each campaign goes
through the sweep machinery as analysis/campaign.py does it (a campaign file, ``socsim sweep
--resume``, ``socsim merge``) into DIR/runs/<campaign>/, so a rerun with the same build only
rewrites the report.

DIR receives report.md (analysis/paper_report.py says what each row is and how its sentence is
generated from the numbers), report.csv (the same rows, machine-readable, with the claim
``carin_geq`` that tests/cli/test_paper.py recomputes from the runs), the figures (optimality,
optimality_storage, reaction, as analysis/fig_*.py draw them) and timings.csv.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from analysis import campaign  # noqa: E402
from analysis import make_figures as mf  # noqa: E402
from analysis import paper_report  # noqa: E402

BASELINES = ["oodin", "single_model", "transferred", "multi_dnn_unaware", "oracle", "round_robin",
             "shortest_expected_latency", "least_slack_time", "heft"]
# The adaptation variants: CARIn as shipped, each decision of issue 15 undone on its own, and OODIn.
ADAPT_SPECS = [campaign.Spec("carin"),
               campaign.Spec("carin", {"confirm_samples": "3"}, label="carin_confirm3"),
               campaign.Spec("carin", {"predict_switch": "false"}, label="carin_nopredict"),
               campaign.Spec("oodin")]
SEEDS_FULL, SEEDS_QUICK = 3, 2
QUICK_BASE_S = 3.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help=f"base runs of {QUICK_BASE_S:g} s, {SEEDS_QUICK} seeds (CI)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", help="report directory (default results/paper/, quick: results/paper-quick/)")
    ap.add_argument("--seeds", type=int, help=f"seeds per run (default {SEEDS_FULL}, quick {SEEDS_QUICK})")
    ap.add_argument("--bin", default=campaign.default_bin())
    ap.add_argument("--fresh", action="store_true", help="rerun every simulation")
    a = ap.parse_args(argv)
    out = a.out or os.path.join(ROOT, "results", "paper-quick" if a.quick else "paper")
    runs = os.path.join(out, "runs")
    seeds = list(range(1, 1 + (a.seeds or (SEEDS_QUICK if a.quick else SEEDS_FULL))))
    if not os.access(a.bin, os.X_OK):
        print(f"paper: no socsim binary at {a.bin} (build it, or pass --bin)", file=sys.stderr)
        return 2
    os.environ["SOCSIM_BIN"] = a.bin
    t0 = time.monotonic()
    timings = []
    try:
        t = time.monotonic()
        base = campaign.run_matrix(mf.base_scenarios(), mf.specs_for(["carin"] + BASELINES), seeds,
                                   os.path.join(runs, "base"), a.jobs, QUICK_BASE_S if a.quick else None, a.bin,
                                   a.fresh)
        timings.append(("base campaign", time.monotonic() - t))
        t = time.monotonic()
        adapt = campaign.run_matrix(mf.adapt_scenarios(), ADAPT_SPECS, seeds, os.path.join(runs, "adapt"), a.jobs,
                                    None, a.bin, a.fresh)
        timings.append(("adapt campaign", time.monotonic() - t))
    except RuntimeError as e:
        print(f"paper: {e}", file=sys.stderr)
        return 2
    t = time.monotonic()
    mode = f"{'quick' if a.quick else 'full'} mode: base runs {QUICK_BASE_S:g} s" if a.quick else "full mode"
    written = paper_report.write(base.table, adapt.table, out, a.bin, mode=f"{mode}, seeds {seeds[0]}-{seeds[-1]}")
    timings.append(("report and figures", time.monotonic() - t))
    timings.append(("total", time.monotonic() - t0))
    with open(os.path.join(out, "timings.csv"), "w") as f:
        f.write("stage,wall_s\n" + "".join(f"{s},{w:.1f}\n" for s, w in timings))
    failures = base.failures + adapt.failures
    print(f"paper: {len(written)} files in {out} ({base.ran + adapt.ran} runs, {base.reused + adapt.reused} reused, "
          f"{len(failures)} failed) in {timings[-1][1]:.1f} s")
    for j, err in failures:
        print(f"  failed: {campaign.scenario_name(j.scenario)} {j.spec.label} seed {j.seed}: {err}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
