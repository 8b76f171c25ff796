"""Regenerate every figure: run the campaigns they need, then each figure script (CARIN.md §7).

    /usr/bin/python3 analysis/make_figures.py [--quick] [-j N] [--out DIR] [--runs DIR] [--seeds N] [--bin SOCSIM]

Full mode (``make figures``): the base use-case scenarios (UC1-UC4 x three phones) at their own
duration (20 s) and the _adapt_ variants (30 s), every scheduler of SCHEDULERS that ``socsim list
schedulers`` lists, 3 seeds; output in figures/. Quick mode (``make figures-quick``, CI): base runs
of 4 s, one _adapt_ run at its full 30 s, 1 seed; output in results/figures-quick/. Runs are kept
under --runs (default results/figures-runs/<mode>/) and reused when rerun with the same command
(analysis/campaign.py), so a second invocation only redraws.

Schedulers are data (SCHEDULERS below); those not registered yet are skipped with a note, and the
figures say which are missing. Every figure writes PNG, PDF and its data as CSV.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import pandas as pd  # noqa: E402

from analysis import campaign  # noqa: E402
from analysis import figstyle as fs  # noqa: E402

USE_CASES = os.path.join(ROOT, "scenarios", "use_cases")
REFERENCE = "carin"
# The schedulers compared in the optimality, cross-SoC and storage figures ("transferred" is expanded to
# one spec per other phone: CARIn's design from that phone, deployed unchanged).
SCHEDULERS = ["carin", "oodin", "single_model", "transferred", "multi_dnn_unaware", "oracle", "round_robin",
              "shortest_expected_latency", "least_slack_time", "heft"]
ADAPT_SCHEDULERS = ["carin", "oodin"]
ADAPT_FIGURE = "uc1_adapt_tensor_g2"          # the adaptation and timeline figures' scenario
ADAPT_FIGURES_FULL = ["uc3_adapt_snapdragon865"]  # extra adaptation figures in full mode (multi-DNN)
LATENCY_SCENARIO = "uc1_tensor_g2"
QUICK_BASE_S = 4.0


def scenario_path(name: str) -> str:
    return os.path.join(USE_CASES, name + ".json")


def base_scenarios() -> list:
    return sorted(p for p in glob.glob(os.path.join(USE_CASES, "uc*_*.json")) if "_adapt_" not in p)


def adapt_scenarios() -> list:
    return sorted(glob.glob(os.path.join(USE_CASES, "uc*_adapt_*.json")))


def specs_for(names):
    """A function scenario path -> [Spec], expanding "transferred" over the other phones."""
    def specs(path: str) -> list:
        soc = fs.parse_scenario(campaign.scenario_name(path))["soc"]
        out = []
        for n in names:
            if n == "transferred":
                out += [campaign.Spec(n, {"from_soc": s}) for s in fs.SOCS if s != soc]
            else:
                out.append(campaign.Spec(n))
        return out
    return specs


def expected_outputs(quick: bool) -> dict:
    """{figure name: [CSV suffixes]} that a run of this mode writes (tests/cli/test_figures.py checks them)."""
    out = {"optimality": ["", "_runs"], "adaptation": ["", "_markers"], "latency": [""], "design_set": [""],
           "storage": [""], "reaction": ["", "_events"], "timeline": [""]}
    for uc in ("uc1", "uc2", "uc3", "uc4"):
        out[f"cross_soc_{uc}"] = [""]
    if not quick:
        for sc in ADAPT_FIGURES_FULL:
            out[f"adaptation_{fs.parse_scenario(sc)['uc']}"] = ["", "_markers"]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="short runs, 1 seed (CI)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", help="figure directory (default figures/, quick: results/figures-quick/)")
    ap.add_argument("--runs", help="campaign directory (default results/figures-runs/<mode>/)")
    ap.add_argument("--seeds", type=int, help="seeds per run (default 3, quick 1)")
    ap.add_argument("--bin", default=campaign.default_bin())
    ap.add_argument("--fresh", action="store_true", help="rerun every simulation")
    a = ap.parse_args(argv)
    mode = "quick" if a.quick else "full"
    out = a.out or os.path.join(ROOT, "figures" if not a.quick else os.path.join("results", "figures-quick"))
    runs = a.runs or os.path.join(ROOT, "results", "figures-runs", mode)
    seeds = list(range(1, 1 + (a.seeds or (1 if a.quick else 3))))
    if not os.access(a.bin, os.X_OK):
        print(f"make_figures: no socsim binary at {a.bin} (build it, or pass --bin)", file=sys.stderr)
        return 2
    os.environ["SOCSIM_BIN"] = a.bin
    t0 = time.monotonic()
    timings = []

    def stage(label, since):
        timings.append((label, time.monotonic() - since))
        print(f"make_figures: {label} done in {timings[-1][1]:.1f} s", flush=True)

    known = campaign.list_schedulers(a.bin)
    missing = [s for s in SCHEDULERS if s not in known]
    print(f"make_figures: {mode} mode, seeds {seeds[0]}-{seeds[-1]}, -j {a.jobs}; schedulers registered: "
          f"{', '.join(s for s in SCHEDULERS if s in known)}" + (f"; not yet: {', '.join(missing)}" if missing else ""))

    # 1. Base use cases: optimality, storage, cross-SoC.
    t = time.monotonic()
    base = campaign.run_matrix(base_scenarios(), specs_for(SCHEDULERS), seeds, os.path.join(runs, "base"), a.jobs,
                               QUICK_BASE_S if a.quick else None, a.bin, a.fresh)
    stage(f"base campaign ({base.ran} run, {base.reused} reused, {len(base.failures)} failed)", t)

    # 2. Adaptation runs: reaction, adaptation, timeline.
    t = time.monotonic()
    adapt_list = [scenario_path(ADAPT_FIGURE)] if a.quick else adapt_scenarios()
    adapt = campaign.run_matrix(adapt_list, specs_for(ADAPT_SCHEDULERS), seeds, os.path.join(runs, "adapt"), a.jobs,
                                None, a.bin, a.fresh)
    stage(f"adapt campaign ({adapt.ran} run, {adapt.reused} reused, {len(adapt.failures)} failed)", t)

    # 3. Figures.
    from analysis import (fig_adaptation, fig_cross_soc, fig_design_set, fig_latency, fig_optimality, fig_reaction,
                          fig_storage, fig_timeline)
    t = time.monotonic()
    written = []
    written += fig_optimality.make(base.table, out, REFERENCE, missing)
    written += fig_storage.make(base.table, out)
    for uc in ("uc1", "uc2", "uc3", "uc4"):
        written += fig_cross_soc.make(base.table, out, uc)
    written += fig_reaction.make(adapt.table, out)

    def adapt_traces(scenario: str) -> list:
        tab = adapt.table.drop_duplicates("trace")
        tab = tab[(tab.scenario == scenario) & (tab.seed == seeds[0])]
        order = {s: i for i, s in enumerate(ADAPT_SCHEDULERS)}
        return [r.trace for r in sorted(tab.itertuples(), key=lambda r: order.get(r.scheduler, 99))]

    traces = adapt_traces(ADAPT_FIGURE)
    if traces:
        written += fig_adaptation.make(traces, out)
        written += fig_timeline.make(traces[0], out)
    if not a.quick:
        for sc in ADAPT_FIGURES_FULL:
            tr = adapt_traces(sc)
            if tr:
                written += fig_adaptation.make(tr, out, name=f"adaptation_{fs.parse_scenario(sc)['uc']}")
    stage("trace figures", t)

    t = time.monotonic()
    written += fig_latency.make(fig_latency.solve(scenario_path(LATENCY_SCENARIO), a.bin), out)
    written += fig_design_set.make(fig_design_set.solve_all(adapt_scenarios(), a.bin, a.jobs), out)
    stage("solve figures", t)

    total = time.monotonic() - t0
    failures = base.failures + adapt.failures
    with open(os.path.join(out, "timings.csv"), "w") as f:
        pd.DataFrame(timings + [("total", total)], columns=["stage", "wall_s"]).to_csv(f, index=False,
                                                                                      float_format="%.1f")
    print(f"make_figures: {len(written)} files in {out}; {len(failures)} failed runs; total {total:.1f} s "
          f"({mode} mode, -j {a.jobs})")
    for j, err in failures:
        print(f"  failed: {campaign.scenario_name(j.scenario)} {j.spec.label} seed {j.seed}: {err}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
