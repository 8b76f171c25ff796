"""Figure: optimality of CARIn versus each baseline, per use case and phone (CARIN.md §7).

For every (scenario, seed) the runs of all schedulers form one pool; each run's optimality is
computed among the pool's runs (analysis/optimality.py: the scenario's SLO and optimality, best_j
over the pool) and divided by CARIn's. Bars: the mean ratio over seeds with a 95 % confidence
interval (Student t); hatched when some seed's run breaks an SLO constraint. The ratio names the
optimality it used (the axis label). Input: a campaign's table.csv (analysis/campaign.py) over the
base use-case scenarios.

A run's size metric is by default the model files that served requests (analysis/optimality.py:
deployed_size_mib; issue 15 (a)); --size storage uses storage_mib, which also counts the files
kept on the device but never run (CARIn's fall-backs, OODIn's whole design space). Only SLOs with
a size objective or constraint (UC2) are affected; make_figures draws both (optimality,
optimality_storage). A run that breaks a constraint (the implicit deadline ones included) scores 0
and is hatched (analysis/optimality.py score_runs, issue 15 (c)).

    /usr/bin/python3 analysis/fig_optimality.py results/campaign/table.csv -o figures/
"""

from __future__ import annotations

import argparse
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analysis import figstyle as fs  # noqa: E402
from analysis import optimality as opt  # noqa: E402
from analysis.stats import CI_METHOD, ci95  # noqa: E402
from analysis import trace  # noqa: E402

REFERENCE = "carin"
NAME = "optimality"


def run_scores(summary: pd.DataFrame, reference: str = REFERENCE, size: str = "deployed") -> pd.DataFrame:
    """One row per run: its optimality within its (scenario, seed) pool and the ratio to the reference's.
    size: "deployed" (the model files that served requests, the default) or "storage" (storage_mib)."""
    rows = []
    slos = {}
    for (scenario, seed), pool in summary.groupby(["scenario", "seed"], sort=True):
        runs = list(pool.groupby("trace", sort=False))
        if scenario not in slos:
            slos[scenario] = opt.slo_from_scenario(trace.config(runs[0][0], "scenario"))
        slo = slos[scenario]
        cands, labels = [], []
        for path, g in runs:
            cands.append(opt.run_from_rows(g, label=path, size=size))
            labels.append(g.scheduler.iloc[0])
        scores = opt.score_runs(cands, slo)
        ref = scores[labels.index(reference)] if reference in labels else float("nan")
        sc = fs.parse_scenario(scenario)
        for label, c, s in zip(labels, cands, scores):
            bad = opt.violations(c, slo) if opt.completed_all(c) else ["a task completed nothing"]
            rows.append({"scenario": scenario, "use_case": sc["uc"], "soc": sc["soc"], "seed": seed,
                         "scheduler": label, "optimality_name": slo.optimality, "size_metric": size,
                         "optimality": s, "ratio_to_" + reference: s / ref if ref > 0 else float("nan"),
                         "feasible": not bad, "violations": "; ".join(bad)})
    return pd.DataFrame(rows)


def aggregate(scores: pd.DataFrame, reference: str = REFERENCE) -> pd.DataFrame:
    col = "ratio_to_" + reference
    rows = []
    for (scenario, label), g in scores.groupby(["scenario", "scheduler"], sort=True):
        rows.append({"scenario": scenario, "use_case": g.use_case.iloc[0], "soc": g.soc.iloc[0], "scheduler": label,
                     "optimality_name": g.optimality_name.iloc[0], "size_metric": g.size_metric.iloc[0],
                     "seeds": len(g),
                     "optimality_mean": g.optimality.mean(), col + "_mean": g[col].mean(),
                     col + "_ci95": ci95(list(g[col])), "feasible_runs": int(g.feasible.sum()),
                     "violations": " | ".join(sorted({v for v in g.violations if v}))})
    return pd.DataFrame(rows)


SIZE_TEXT = {"storage": "size = storage kept on the device", "deployed": "size = model files that served requests"}


def plot(table: pd.DataFrame, reference: str = REFERENCE, missing=(), size: str = "deployed"):
    import matplotlib.pyplot as plt
    col = "ratio_to_" + reference
    ucs = sorted(table.use_case.unique()) if len(table) else []
    baselines = sorted((s for s in table.scheduler.unique() if s != reference), key=fs.sched_sort_key)
    name = ", ".join(sorted(table.optimality_name.unique())) or opt.DEFAULT
    if not baselines:  # nothing to compare yet: say so
        import textwrap
        fig, ax = plt.subplots(figsize=(fs.COLUMN_W, 1.6))
        ax.axis("off")
        text = (f"No baseline scheduler is registered yet: only {fs.sched_label(reference)} ran, so every ratio "
                "is 1." + (f" Missing: {', '.join(missing)}." if missing else ""))
        ax.text(0.5, 0.5, "\n".join(textwrap.wrap(text, 60)), ha="center", va="center", fontsize=6.5,
                color="#555555", transform=ax.transAxes)
        fs.layout(fig, f"Optimality relative to {fs.sched_label(reference)}", caption_text=fs.CAPTION)
        return fig
    fig, axes = plt.subplots(len(ucs), 1, figsize=(fs.COLUMN_W, 1.2 + 1.0 * len(ucs)), sharex=False, squeeze=False)
    cap = 3.0
    for ax, uc in zip(axes[:, 0], ucs):
        ax.axhline(1.0, color=fs.sched_color(reference), lw=0.8, ls="--", zorder=1)
        ax.set_ylabel(f"ratio to {fs.sched_label(reference)}\n({name})")
        sub = table[table.use_case == uc]
        socs = [s for s in fs.SOCS if s in set(sub.soc)] + sorted(set(sub.soc) - set(fs.SOCS))
        width = 0.8 / len(baselines)
        for i, b in enumerate(baselines):
            for k, soc in enumerate(socs):
                r = sub[(sub.scheduler == b) & (sub.soc == soc)]
                x = k - 0.4 + width * (i + 0.5)
                if r.empty or not math.isfinite(r[col + "_mean"].iloc[0]):
                    if not b.endswith("from_soc-" + soc):  # a design transferred from this very phone: no slot
                        ax.text(x, 0.02, "n/a", rotation=90, fontsize=4.5, ha="center", va="bottom", color="#888888")
                    continue
                y, e = r[col + "_mean"].iloc[0], r[col + "_ci95"].iloc[0]
                infeasible = r.feasible_runs.iloc[0] < r.seeds.iloc[0]
                ax.bar(x, min(y, cap), width, color=fs.sched_color(b), edgecolor="black", lw=0.3,
                       hatch="////" if infeasible else None, zorder=2)
                if infeasible and y < 0.03:  # a zero-height bar shows no hatch: mark it
                    ax.plot(x, 0.05, marker="x", ms=3, mew=0.8, color=fs.sched_color(b), zorder=3)
                if e > 0:
                    ax.errorbar(x, min(y, cap), yerr=e, color="black", lw=0.5, capsize=1.0, zorder=3)
                if y > cap:
                    ax.text(x, cap, f"{y:.1f}", fontsize=4.5, ha="center", va="bottom")
        last = uc == ucs[-1]
        ax.set_xticks(range(len(socs)), [fs.SOC_LABEL.get(s, s) for s in socs] if last else [])
        ax.set_title(fs.UC_LABEL.get(uc, uc), loc="left")
        ax.set_ylim(0, max(1.15, min(cap, float(np.nanmax(sub[col + "_mean"]))) * 1.12))
        ax.grid(axis="y")
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    handles = [Line2D([], [], color=fs.sched_color(reference), lw=0.8, ls="--")]
    labels = [f"{fs.sched_label(reference)} (= 1)"]
    for b in baselines:
        handles.append(Patch(facecolor=fs.sched_color(b), edgecolor="black", lw=0.3))
        labels.append(fs.sched_label(b))
    handles.append(Patch(facecolor="white", edgecolor="black", hatch="////", lw=0.3))
    labels.append("breaks an SLO constraint")
    handles.append(Line2D([], [], color="black", marker="x", ms=3, mew=0.8, lw=0))
    labels.append("breaks an SLO constraint, ratio ≈ 0")
    fs.layout(fig, f"Optimality relative to {fs.sched_label(reference)} (1 = equal, higher is better)", handles,
              labels, ncol=3 if max(map(len, labels)) <= 20 else 2,
              caption_text=f"{fs.CAPTION}; optimality {name} within each (use case, phone, seed)'s runs, "
                           f"{SIZE_TEXT.get(size, size)}; mean over n = {int(table.seeds.max()) if len(table) else 0} seed(s), whiskers: {CI_METHOD}")
    return fig


def make(summary: pd.DataFrame, out_dir: str, reference: str = REFERENCE, missing=(), size: str = "deployed",
         name: str = NAME) -> list:
    scores = run_scores(summary, reference, size)
    if not len(scores):
        scores = pd.DataFrame(columns=["scenario", "use_case", "soc", "seed", "scheduler", "optimality_name",
                                       "size_metric", "optimality", f"ratio_to_{reference}", "feasible", "violations"])
    table = aggregate(scores, reference) if len(scores) else pd.DataFrame(
        columns=["scenario", "use_case", "soc", "scheduler", "optimality_name", "size_metric", "seeds",
                 "optimality_mean", f"ratio_to_{reference}_mean", f"ratio_to_{reference}_ci95", "feasible_runs",
                 "violations"])
    return fs.save(plot(table, reference, missing, size), out_dir, name, table, {"runs": scores})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("summary", help="a campaign's table.csv")
    ap.add_argument("--size", choices=opt.SIZE_TERMS, default="deployed",
                    help="the size metric of a run: the model files that served requests (default) or storage_mib")
    ap.add_argument("-o", "--out", default="figures")
    a = ap.parse_args(argv)
    for p in make(pd.read_csv(a.summary), a.out, size=a.size,
                  name=NAME if a.size == "deployed" else f"{NAME}_{a.size}"):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
