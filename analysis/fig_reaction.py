"""Figure: time overhead of reacting to a runtime change, CARIn versus OODIn (CARIN.md §7).

From the _adapt_ runs' traces. For every runtime event (a background load starting, the load
ending, memory pressure starting) the reaction is the first burst of design switches (all
switches at one instant, the initial deployment excluded) at or after the event and before the
next event. Its overhead is
    detection delay  switch time - event time - solve time (the Runtime Manager's sampling and
                     confirmation; OODIn's detection of the change): a re-solving scheduler records
                     its switch when the solver has finished, so its solve time is taken out here
                     and counted once, below (floored at 0);
    switch cost      the switches' cost_ns (model loads), summed over the burst's tasks;
    solve time       the run's solve_time_ns / its number of re-solves (OODIn re-solves on a change;
                     CARIn's RASS ran offline, so 0). Re-solves = bursts of switches with reason
                     "resolve", or, when there are none, the runtime events.
An event with no reaction counts as "no switch" in the CSV and is left out of the bars. Bars: mean
over the runs (scenarios x seeds) per event kind, stacked by component; whiskers: the range of the
total.

    /usr/bin/python3 analysis/fig_reaction.py results/campaign/table.csv -o figures/
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
from analysis import trace  # noqa: E402

NAME = "reaction"
SCHEDULERS = ("carin", "oodin")
RUNTIME_KINDS = ("background_load", "memory_pressure", "processor_offline", "processor_online", "ambient",
                 "frequency_cap")
COMPONENTS = (("detection_ms", "detection delay", "#fdae61"), ("switch_cost_ms", "switch cost (model load)",
                                                                "#74add1"), ("solve_ms", "run-time solve", "#d73027"))
COLUMNS = ["scenario", "use_case", "soc", "scheduler", "seed", "event", "event_time_s", "reacted", "switch_time_s",
           "switches", "reason", "detection_ms", "switch_cost_ms", "solve_ms", "total_ms"]


def event_name(kind: str, value: float) -> str:
    if kind == "background_load":
        return "load starts" if value > 0 else "load ends"
    if kind == "memory_pressure":
        return "memory pressure"
    return kind.replace("_", " ")


def reactions(path: str, scenario: str = "", scheduler: str = "", seed=None) -> list:
    """One dict per runtime event of a trace (see the module docstring)."""
    ev = trace.load(path, "events")
    ev = ev[ev.kind.astype(str).isin(RUNTIME_KINDS)].sort_values("time_ns")
    sw = trace.load(path, "switches")
    sw = sw[sw.reason.astype(str) != "deploy"]
    attrs = trace.load(path, "summary").attrs
    bursts = sw.groupby("time_ns", sort=True)
    burst_times = sorted(bursts.groups)
    resolves = sum(1 for t in burst_times if (bursts.get_group(t).reason.astype(str) == "resolve").any())
    n_solves = resolves or len(ev)
    solve_ms = attrs["solve_time_ns"] * 1e-6 / n_solves if n_solves and attrs["solve_time_ns"] else 0.0
    sc = fs.parse_scenario(scenario)
    times = list(ev.time_ns) + [np.iinfo(np.int64).max]
    rows = []
    for i, (_, e) in enumerate(ev.iterrows()):
        t0, t1 = e.time_ns, times[i + 1]
        if t1 == t0:  # two events at one instant: the reaction belongs to the last
            t1 = t0 + 1
        nxt = [t for t in burst_times if t0 <= t < t1]
        row = {"scenario": scenario, "use_case": sc["uc"], "soc": sc["soc"], "scheduler": scheduler, "seed": seed,
               "event": event_name(str(e.kind), e.value), "event_time_s": t0 * 1e-9}
        if nxt:
            b = bursts.get_group(nxt[0])
            row.update({"reacted": True, "switch_time_s": nxt[0] * 1e-9, "switches": len(b),
                        "reason": "+".join(sorted(set(b.reason.astype(str)))),
                        "detection_ms": max(0.0, (nxt[0] - t0) * 1e-6 - solve_ms),
                        "switch_cost_ms": b.cost_ns.sum() * 1e-6, "solve_ms": solve_ms})
            row["total_ms"] = row["detection_ms"] + row["switch_cost_ms"] + row["solve_ms"]
        else:
            row.update({"reacted": False, "switches": 0, "reason": "no switch"})
        rows.append(row)
    return rows


def table(summary: pd.DataFrame, schedulers=SCHEDULERS) -> pd.DataFrame:
    runs = summary.drop_duplicates("trace")
    runs = runs[runs.scheduler.isin(schedulers)]
    rows = []
    for _, r in runs.iterrows():
        rows += reactions(r.trace, r.scenario, r.scheduler, r.seed)
    return pd.DataFrame(rows, columns=COLUMNS)


def make(summary: pd.DataFrame, out_dir: str, schedulers=SCHEDULERS, name: str = NAME) -> list:
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    df = table(summary, schedulers)
    kinds = [k for k in ("load starts", "load ends", "memory pressure") if k in set(df.event)]
    kinds += sorted(set(df.event) - set(kinds))
    present = [s for s in schedulers if s in set(df.scheduler)]
    fig, ax = plt.subplots(figsize=(fs.COLUMN_W, 2.4))
    width = 0.8 / max(1, len(present))
    agg = []
    for i, s in enumerate(present):
        for k, kind in enumerate(kinds):
            sub = df[(df.scheduler == s) & (df.event == kind) & df.reacted.astype(bool)]
            n_all = int(((df.scheduler == s) & (df.event == kind)).sum())
            x = k - 0.4 + width * (i + 0.5)
            row = {"scheduler": s, "event": kind, "events": n_all, "reacted": len(sub)}
            if sub.empty:
                ax.text(x, 0, "no switch", rotation=90, fontsize=4.5, ha="center", va="bottom", color="#777777")
                agg.append(row)
                continue
            bottom = 0.0
            for col, _, color in COMPONENTS:
                v = float(sub[col].mean())
                row[col + "_mean"] = v
                ax.bar(x, v, width, bottom=bottom, color=color, edgecolor=fs.sched_color(s), lw=0.8, zorder=2)
                bottom += v
            lo, hi = float(sub.total_ms.min()), float(sub.total_ms.max())
            row.update({"total_ms_mean": bottom, "total_ms_min": lo, "total_ms_max": hi})
            ax.errorbar(x, bottom, yerr=[[bottom - lo], [hi - bottom]], color="black", lw=0.5, capsize=1.2, zorder=3)
            ax.text(x, hi * 1.02 + 1, fs.sched_label(s), rotation=90, fontsize=4.8, ha="center", va="bottom")
            agg.append(row)
    ax.set_xticks(range(len(kinds)), kinds)
    ax.set_ylabel("reaction overhead (ms)")
    ax.grid(axis="y")
    ymax = max([r.get("total_ms_max", 0) for r in agg] + [1.0])
    ax.set_ylim(0, ymax * 1.35)
    handles = [Patch(facecolor=c, edgecolor="black", lw=0.3) for _, _, c in COMPONENTS]
    labels = [lab for _, lab, _ in COMPONENTS]
    for s in present:
        handles.append(Patch(facecolor="white", edgecolor=fs.sched_color(s), lw=1.0))
        labels.append(f"outline: {fs.sched_label(s)}")
    absent = [s for s in schedulers if s not in present]
    note = f"; not registered yet: {', '.join(fs.sched_label(s) for s in absent)}" if absent else ""
    n_runs = df.drop_duplicates(["scenario", "scheduler", "seed"]).shape[0] if len(df) else 0
    fs.layout(fig, "Reaction to runtime events", handles, labels, ncol=3,
              caption_text=f"{fs.CAPTION}; mean over {n_runs} _adapt_ runs, whiskers: range of the total{note}")
    agg_df = pd.DataFrame(agg, columns=["scheduler", "event", "events", "reacted", "detection_ms_mean",
                                        "switch_cost_ms_mean", "solve_ms_mean", "total_ms_mean", "total_ms_min",
                                        "total_ms_max"])
    return fs.save(fig, out_dir, name, agg_df, {"events": df})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("summary", help="a campaign's table.csv over _adapt_ scenarios")
    ap.add_argument("-o", "--out", default="figures")
    a = ap.parse_args(argv)
    for p in make(pd.read_csv(a.summary), a.out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
