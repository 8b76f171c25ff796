"""Plot any sweep: a metric against one campaign axis, one line per value of another, from summary.csv.

    /usr/bin/python3 analysis/fig_sweep.py DIR [--x AXIS] [--hue AXIS] [--col AXIS] [--y METRIC ...]
                                           [--task NAME] [-o OUT] [--name NAME]

DIR is a sweep directory after ``socsim merge DIR`` (or ``socsim compare -o DIR``). Its summary.csv
has one row per run x task; each point is the mean over the runs that share its coordinates (the
replications or seeds) with the half-width of its 95 % confidence interval (Student t) as an error
bar. Axes: --x (default: the first axis whose values are all numbers, else the first axis),
--hue (default: scheduler if it is an axis, else the next one), --col (a panel per value; default:
the axis left over, if one is). Any other axis with several values must be fixed with --where
AXIS=VALUE, or its runs would be pooled. Metrics (--y, default latency_p90_ms throughput_hz
energy_mj violation_rate): any numeric column of summary.csv (the task's /summary metrics and the
run's run_* totals), plus violation_rate = violated / arrived. Several tasks: one line per task
and hue value, unless --task picks one.

Writes OUT/NAME.png, .pdf and .csv (the plotted points: coordinates, task, metric, mean, ci95, n).
A bad axis, metric, task or --where exits 2 naming what exists.
"""

from __future__ import annotations

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import pandas as pd  # noqa: E402

from analysis import figstyle as fs  # noqa: E402
from analysis.stats import ci95  # noqa: E402

FIXED = ["run", "run_id", "replication", "seed", "task"]  # summary.csv columns that are not axes or metrics
TEXT = ["run_scenario", "run_soc", "run_scheduler", "trace"]
DEFAULT_Y = ["latency_p90_ms", "throughput_hz", "energy_mj", "violation_rate"]
LABEL = {"latency_p90_ms": "p90 latency (ms)", "latency_mean_ms": "mean latency (ms)", "throughput_hz": "throughput (Hz)",
         "energy_mj": "energy per inference (mJ)", "violation_rate": "SLO violation rate",
         "accuracy_pct": "accuracy (%)", "run_energy_mj": "run energy (mJ)", "run_peak_temp_c": "peak temperature (°C)"}


class UsageError(Exception):
    pass


def axes_of(summary: pd.DataFrame) -> list:
    """The campaign's axes: the columns between run_id and replication."""
    cols = list(summary.columns)
    return cols[cols.index("run_id") + 1:cols.index("replication")]


def numeric(values) -> bool:
    return pd.to_numeric(pd.Series(list(values)), errors="coerce").notna().all()


def choose(summary: pd.DataFrame, x=None, hue=None, col=None, where=()) -> tuple:
    """(x, hue, col) from the arguments and the defaults; checks every name and that no varying axis is left."""
    axes = axes_of(summary)
    if not axes:
        raise UsageError("the sweep has no axes (only replications): nothing to plot against")
    for name in (x, hue, col):
        if name is not None and name not in axes:
            raise UsageError(f"no axis {name!r} in this sweep (its axes: {', '.join(axes)})")
    fixed = {}
    for w in where:
        k, sep, v = w.partition("=")
        if not sep or k not in axes:
            raise UsageError(f"--where {w!r}: expected AXIS=VALUE with an axis of this sweep ({', '.join(axes)})")
        values = summary[k].astype(str).unique()
        if v not in values:
            raise UsageError(f"--where {w!r}: {k} has no value {v!r} (its values: {', '.join(sorted(values))})")
        fixed[k] = v
    free = [a for a in axes if a not in fixed]
    if x is None:
        x = next((a for a in free if numeric(summary[a])), free[0] if free else axes[0])
    rest = [a for a in free if a not in (x, hue, col)]
    if hue is None and rest:
        hue = "scheduler" if "scheduler" in rest else rest[0]
        rest.remove(hue)
    if col is None and rest:
        col = rest.pop(0)
    pooled = [a for a in rest if summary[a].nunique() > 1]
    if pooled:
        raise UsageError(f"axis {pooled[0]!r} varies but is neither --x, --hue nor --col: fix it with "
                         f"--where {pooled[0]}=VALUE (values: {', '.join(map(str, summary[pooled[0]].unique()))})")
    return x, hue, col, fixed


def points(summary: pd.DataFrame, x: str, hue, col, metrics: list, task=None, where=None) -> pd.DataFrame:
    """One row per (col, hue, task, x, metric): mean, ci95 and n over the runs sharing those coordinates."""
    s = summary.copy()
    for k, v in (where or {}).items():
        s = s[s[k].astype(str) == v]
    if task is not None:
        if task not in set(s["task"]):
            raise UsageError(f"no task {task!r} (tasks: {', '.join(sorted(set(s['task'])))})")
        s = s[s["task"] == task]
    s["violation_rate"] = s["violated"] / s["arrived"].where(s["arrived"] > 0)
    known = [c for c in s.columns if c not in FIXED + TEXT + axes_of(summary) and pd.api.types.is_numeric_dtype(s[c])]
    for m in metrics:
        if m not in known:
            raise UsageError(f"no metric {m!r} (metrics: {', '.join(known)})")
    keys = [k for k in (col, hue) if k] + ["task", x]
    rows = []
    for key, g in s.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        for m in metrics:
            v = g[m].dropna().tolist()
            rows.append({**dict(zip(keys, key)), "metric": m, "mean": sum(v) / len(v) if v else float("nan"),
                         "ci95": ci95(v), "n": len(v)})
    out = pd.DataFrame(rows)
    if numeric(out[x]):
        out[x] = pd.to_numeric(out[x])
    # Panels, lines and tasks in the campaign's order (the order of first appearance), x ascending.
    order = {k: {v: i for i, v in enumerate(dict.fromkeys(s[k]))} for k in keys[:-1]}
    return out.sort_values([k for k in keys[:-1]] + ["metric", x], kind="stable",
                           key=lambda c: c.map(order[c.name]) if c.name in order else c).reset_index(drop=True)


def make(summary: pd.DataFrame, out: str, x=None, hue=None, col=None, metrics=None, task=None, where=(),
         name: str = "sweep", title: str | None = None) -> list:
    """Draws the figure; returns the paths written."""
    import matplotlib.pyplot as plt
    metrics = metrics or DEFAULT_Y
    x, hue, col, fixed = choose(summary, x, hue, col, where)
    data = points(summary, x, hue, col, metrics, task, fixed)
    cols = list(dict.fromkeys(data[col])) if col else [None]
    fig, grid = plt.subplots(len(metrics), len(cols), figsize=(min(fs.DOUBLE_W, 2.2 * len(cols) + 0.6),
                                                                 1.5 * len(metrics) + 0.9),
                             squeeze=False, sharex=True)
    tasks = list(dict.fromkeys(data["task"]))
    series = list(dict.fromkeys(zip(data[hue] if hue else [""] * len(data), data["task"])))
    handles = {}
    for j, c in enumerate(cols):
        for i, m in enumerate(metrics):
            ax = grid[i][j]
            sub = data[(data["metric"] == m) & ((data[col] == c) if col else True)]
            for k, (h, t) in enumerate(series):
                line = sub[((sub[hue] == h) if hue else True) & (sub["task"] == t)]
                if line.empty:
                    continue
                label = (fs.sched_label(str(h)) if hue == "scheduler" else str(h)) if hue else ""
                label = label + (f" · {t}" if len(tasks) > 1 else "") or t
                color = fs.sched_color(str(h)) if hue == "scheduler" else f"C{k % 10}"
                handles[label] = ax.errorbar(line[x].astype(str) if not numeric(line[x]) else line[x], line["mean"],
                                             yerr=line["ci95"], color=color, marker="o", markersize=2.5, capsize=1.5,
                                             linestyle=["-", "--", ":", "-."][tasks.index(t) % 4])
            if i == 0 and col:
                ax.set_title(fs.SOC_SHORT.get(str(c), str(c)) if col == "soc" else f"{col} = {c}")
            if j == 0:
                ax.set_ylabel(LABEL.get(m, m))
            if i == len(metrics) - 1:
                ax.set_xlabel(x)
            ax.grid(True)
    fixed_text = "".join(f", {k}={v}" for k, v in fixed.items())
    runs = int(data["n"].max()) if len(data) else 0
    fs.layout(fig, title or f"{name}: mean ± 95 % CI (Student t, n-1 dof) over up to n = {runs} run(s) per point{fixed_text}",
              list(handles.values()), list(handles.keys()), ncol=min(4, max(1, len(handles))))
    return fs.save(fig, out, name, data)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="sweep directory holding summary.csv (socsim merge DIR)")
    ap.add_argument("--x")
    ap.add_argument("--hue")
    ap.add_argument("--col")
    ap.add_argument("--y", nargs="+", help=f"metrics (default: {' '.join(DEFAULT_Y)})")
    ap.add_argument("--task")
    ap.add_argument("--where", action="append", default=[], help="AXIS=VALUE: keep only these runs (repeatable)")
    ap.add_argument("-o", "--out", default="figures")
    ap.add_argument("--name", default="sweep")
    a = ap.parse_args(argv)
    path = os.path.join(a.dir, "summary.csv")
    if not os.path.exists(path):
        print(f"fig_sweep: {path} does not exist (expected a sweep directory after `socsim merge {a.dir}`)",
              file=sys.stderr)
        return 2
    try:
        paths = make(pd.read_csv(path, keep_default_na=False, na_values=[""]), a.out, a.x, a.hue, a.col, a.y,
                     a.task, a.where, a.name)
    except UsageError as e:
        print(f"fig_sweep: {path}: {e}", file=sys.stderr)
        return 2
    print("\n".join(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
