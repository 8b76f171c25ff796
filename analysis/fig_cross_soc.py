"""Figure: one use case across the three phones, per scheduler: throughput, latency, energy per inference.

From a campaign's table.csv over the base use-case scenarios. Per run, app-level numbers:
throughput = completed inferences per second summed over the tasks; latency = the tasks' mean
latency averaged over the tasks; energy = dynamic energy per completed inference (the tasks'
energy_mj_per_inference weighted by their completions). Bars: mean over seeds; whiskers: 95 % CI
(Student t, n-1 degrees of freedom; analysis/stats.py) when there are several seeds. Mean latencies
are steady-state: the requests that waited for the initial model load (the warm-up) are left out.

    /usr/bin/python3 analysis/fig_cross_soc.py results/campaign/table.csv --use-case uc1 -o figures/
"""

from __future__ import annotations

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analysis import figstyle as fs  # noqa: E402
from analysis.stats import CI_METHOD, ci95  # noqa: E402

METRICS = (("throughput_hz", "throughput\n(inf/s)"), ("latency_ms", "mean latency\n(ms)"),
           ("energy_mj_per_inference", "energy per\ninference (mJ)"))


def app_metrics(summary: pd.DataFrame) -> pd.DataFrame:
    """One row per run (scenario, scheduler, seed) with the app-level metrics of the module docstring."""
    rows = []
    for (scenario, sched, seed), g in summary.groupby(["scenario", "scheduler", "seed"], sort=True):
        done = g.completed.sum()
        sc = fs.parse_scenario(scenario)
        rows.append({"scenario": scenario, "use_case": sc["uc"], "soc": g.soc.iloc[0], "scheduler": sched,
                     "seed": seed, "tasks": len(g), "throughput_hz": g.throughput_hz.sum(),
                     "latency_ms": g.latency_mean_ms.mean(),
                     "energy_mj_per_inference": (g.energy_mj_per_inference * g.completed).sum() / done if done
                     else np.nan})
    return pd.DataFrame(rows)


def make(summary: pd.DataFrame, out_dir: str, use_case: str = "uc1", name: str | None = None) -> list:
    import matplotlib.pyplot as plt
    name = name or f"cross_soc_{use_case}"
    runs = app_metrics(summary)
    runs = runs[runs.use_case == use_case] if len(runs) else runs
    rows = []
    for (soc, sched), g in runs.groupby(["soc", "scheduler"], sort=True):
        r = {"use_case": use_case, "soc": soc, "scheduler": sched, "seeds": len(g)}
        for m, _ in METRICS:
            r[m + "_mean"] = g[m].mean()
            r[m + "_ci95"] = ci95(list(g[m]))
        rows.append(r)
    cols = ["use_case", "soc", "scheduler", "seeds"] + [f"{m}_{s}" for m, _ in METRICS for s in ("mean", "ci95")]
    df = pd.DataFrame(rows, columns=cols)
    scheds = sorted(df.scheduler.unique(), key=fs.sched_sort_key)
    socs = [s for s in fs.SOCS if s in set(df.soc)]
    fig, axes = plt.subplots(len(METRICS), 1, figsize=(fs.COLUMN_W, 3.6), sharex=True, squeeze=False)
    width = 0.8 / max(1, len(scheds))
    for ax, (m, label) in zip(axes[:, 0], METRICS):
        for i, s in enumerate(scheds):
            for k, soc in enumerate(socs):
                r = df[(df.scheduler == s) & (df.soc == soc)]
                if r.empty:
                    continue
                x = k - 0.4 + width * (i + 0.5)
                y, e = r[m + "_mean"].iloc[0], r[m + "_ci95"].iloc[0]
                ax.bar(x, y, width, color=fs.sched_color(s), edgecolor="black", lw=0.3, zorder=2)
                if e > 0:
                    ax.errorbar(x, y, yerr=e, color="black", lw=0.5, capsize=1.0, zorder=3)
        ax.set_ylabel(label)
        ax.grid(axis="y")
        if m == "latency_ms" and len(df) and df[m + "_mean"].max() / max(df[m + "_mean"].min(), 1e-9) > 20:
            ax.set_yscale("log")
    axes[-1, 0].set_xticks(range(len(socs)), [fs.SOC_LABEL.get(s, s) for s in socs])
    from matplotlib.patches import Patch
    handles = [Patch(facecolor=fs.sched_color(s), edgecolor="black", lw=0.3) for s in scheds]
    labels = [fs.sched_label(s) for s in scheds]
    seeds = int(df.seeds.max()) if len(df) else 0
    fs.layout(fig, f"{fs.UC_LABEL.get(use_case, use_case)} across phones", handles, labels,
              ncol=3 if not labels or max(map(len, labels)) <= 20 else 2,
              caption_text=f"{fs.CAPTION}; mean over n = {seeds} seed(s), whiskers: {CI_METHOD}; throughput summed and latency averaged over "
                           "tasks (after the warm-up: the initial model load is left out), energy = dynamic energy per completed "
                           "inference")
    return fs.save(fig, out_dir, name, df)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("summary", help="a campaign's table.csv over base use-case scenarios")
    ap.add_argument("--use-case", default="uc1")
    ap.add_argument("-o", "--out", default="figures")
    a = ap.parse_args(argv)
    for p in make(pd.read_csv(a.summary), a.out, a.use_case):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
