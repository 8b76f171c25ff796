"""Figure: throughput over time while runtime issues are injected, with the design switches marked.

The paper's throughput-during-adaptation figure (CARIN.md §7). One panel per trace (one scheduler on
one _adapt_ scenario): completed inferences per window (default 0.5 s) per task, as a rate; dotted:
each task's arrival rate; vertical lines: design switches (the initial deployment excluded),
labelled with their reason; shaded: runtime events (background load while it lasts, memory
pressure from when it starts).

    /usr/bin/python3 analysis/fig_adaptation.py A.h5 [B.h5 ...] [--window-s 0.5] -o figures/
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

NAME = "adaptation"
EVENT_COLORS = {"background_load": "#fdae61", "memory_pressure": "#abd9e9", "processor_offline": "#d7191c",
                "thermal": "#f46d43", "ambient": "#f46d43", "frequency_cap": "#f46d43"}
REASON_LABEL = {"processor_issue": "processor issue", "memory_issue": "memory issue",
                "processor_and_memory_issue": "processor+memory issue", "issue_cleared": "issue cleared",
                "resolve": "re-solve", "deploy": "deploy"}


def task_window(window_s: float, rate_hz) -> float:
    """The window of a task: window_s, widened (in multiples of it) to hold at least 4 arrivals of a slow task."""
    if not rate_hz:
        return window_s
    return window_s * max(1, int(np.ceil(4.0 / rate_hz / window_s - 1e-9)))


def throughput(path: str, window_s: float = 0.5) -> pd.DataFrame:
    """Per task and window: task, window_start_s, window_end_s, completions, throughput_hz (completions per
    second) and latency_mean_ms (of the requests completed in the window). Slow tasks get wider windows
    (task_window)."""
    req = trace.load(path, "requests")
    end_s = trace.load(path, "summary").attrs["sim_time_ns"] * 1e-9
    rates = arrival_rates(path)
    rows = []
    for task in trace.lookup(path, "tasks"):
        w = task_window(window_s, rates.get(task))
        edges = np.arange(0.0, end_s + 1e-9, w)
        if edges[-1] < end_s - 1e-9:
            edges = np.append(edges, end_s)
        done = req[(req.task == task) & (req.dropped == 0)]
        finish = done.finish_ns.to_numpy() * 1e-9
        latency = (done.finish_ns - done.arrival_ns).to_numpy() * 1e-6
        idx = np.searchsorted(edges, finish, side="right") - 1
        for k, (a, b) in enumerate(zip(edges[:-1], edges[1:])):
            sel = idx == k
            n = int(sel.sum())
            rows.append({"task": task, "window_start_s": a, "window_end_s": b, "completions": n,
                         "throughput_hz": n / (b - a), "latency_mean_ms": float(latency[sel].mean()) if n else np.nan})
    return pd.DataFrame(rows)


def event_spans(path: str) -> pd.DataFrame:
    """Runtime events as spans: kind, processor, value, start_s, end_s (the run's end when it never reverts)."""
    ev = trace.load(path, "events")
    end_s = trace.load(path, "summary").attrs["sim_time_ns"] * 1e-9
    spans, open_ = [], {}
    for _, e in ev.iterrows():
        kind, t = str(e.kind), e.time_ns * 1e-9
        proc = "" if pd.isna(e.processor) else str(e.processor)
        if kind == "background_load":
            key = ("background_load", proc)
            if key in open_:
                spans.append({**open_.pop(key), "end_s": t})
            if e.value > 0:
                open_[key] = {"kind": kind, "processor": proc, "value": e.value, "start_s": t}
        elif kind == "memory_pressure":
            key = ("memory_pressure", "")
            if key in open_:
                spans.append({**open_.pop(key), "end_s": t})
            open_[key] = {"kind": kind, "processor": "", "value": e.value, "start_s": t}
        elif kind == "processor_offline":
            open_[("offline", proc)] = {"kind": kind, "processor": proc, "value": e.value, "start_s": t}
        elif kind == "processor_online" and ("offline", proc) in open_:
            spans.append({**open_.pop(("offline", proc)), "end_s": t})
        elif kind in ("ambient", "frequency_cap", "thermal"):
            spans.append({"kind": kind, "processor": proc, "value": e.value, "start_s": t, "end_s": t})
    spans += [{**s, "end_s": end_s} for s in open_.values()]
    return pd.DataFrame(spans, columns=["kind", "processor", "value", "start_s", "end_s"]).sort_values("start_s")


def switches(path: str) -> pd.DataFrame:
    sw = trace.load(path, "switches")
    sw = sw[sw.reason != "deploy"]
    return pd.DataFrame({"time_s": sw.time_ns * 1e-9, "task": sw.task.astype(str), "from_design": sw.from_design.astype(str),
                         "to_design": sw.to_design.astype(str), "reason": sw.reason.astype(str),
                         "cost_ms": sw.cost_ns * 1e-6})


def event_label(s) -> str:
    if s.kind == "background_load":
        return f"background load {s.value:.0%} on {s.processor}"
    if s.kind == "memory_pressure":
        return f"memory pressure: {s.value:g} MiB available"
    if s.kind == "processor_offline":
        return f"{s.processor} offline"
    return s.kind


def arrival_rates(path: str) -> dict:
    sc = trace.config(path, "scenario")
    out = {}
    for t in sc["tasks"]:
        a = t.get("arrival", {})
        out[t["name"]] = a.get("fps", a.get("rate_hz"))
    return out


def make(paths, out_dir: str, window_s: float = 0.5, name: str = NAME, labels=None) -> list:
    """One panel per trace; labels name each trace's scheduler (default: the trace's scheduler attribute)."""
    import matplotlib.pyplot as plt
    data, markers = [], []
    fig, grid = plt.subplots(2 * len(paths), 1, figsize=(fs.COLUMN_W, 1.0 + 2.0 * len(paths)), sharex=True,
                             squeeze=False, gridspec_kw={"height_ratios": [1.0, 0.55] * len(paths)})
    axes, lat_axes = grid[0::2], grid[1::2]
    scenario = trace.info(paths[0])["scenario"]
    soc = trace.info(paths[0])["soc"]
    handles = {}
    for k_path, (ax, lax, path) in enumerate(zip(axes[:, 0], lat_axes[:, 0], paths)):
        info = trace.info(path)
        sched = labels[k_path] if labels else info["scheduler"]
        tp = throughput(path, window_s)
        tp.insert(0, "scenario", info["scenario"])
        tp.insert(1, "scheduler", sched)
        tp.insert(2, "seed", info["seed"])
        data.append(tp)
        spans = event_spans(path)
        for _, s in spans.iterrows():
            lab = event_label(s)
            for a in (ax, lax):
                h = a.axvspan(s.start_s, max(s.end_s, s.start_s + 0.05), color=EVENT_COLORS.get(s.kind, "#dddddd"),
                              alpha=0.45, lw=0, zorder=0)
            handles.setdefault(lab, h)
            markers.append({"scenario": info["scenario"], "scheduler": sched, "marker": "event", "time_s": s.start_s, "end_s": s.end_s,
                            "task": "", "label": lab, "cost_ms": np.nan})
        tasks = list(dict.fromkeys(tp.task))
        rates = arrival_rates(path)
        cmap = plt.get_cmap("Dark2")
        for k, task in enumerate(tasks):
            d = tp[tp.task == task]
            x = np.append(d.window_start_s.to_numpy(), d.window_end_s.iloc[-1])
            y = np.append(d.throughput_hz.to_numpy(), d.throughput_hz.iloc[-1])
            h, = ax.step(x, y, where="post", color=cmap(k), lw=0.9, zorder=3)
            handles.setdefault(f"task {task}", h)
            lax.step(x, np.append(d.latency_mean_ms.to_numpy(), d.latency_mean_ms.iloc[-1]), where="post",
                     color=cmap(k), lw=0.8, zorder=3)
            if rates.get(task):
                h2 = ax.axhline(rates[task], color=cmap(k), ls=":", lw=0.7, zorder=2)
                handles.setdefault("arrival rate", h2)
        ymax = max(float(tp.throughput_hz.max()) if len(tp) else 1.0, max((r or 0) for r in rates.values()) or 1.0)
        sw = switches(path)
        last_t = -1.0
        for _, s in sw.iterrows():
            h = ax.axvline(s.time_s, color="black", lw=0.6, ls="--", zorder=4)
            lax.axvline(s.time_s, color="black", lw=0.6, ls="--", zorder=4)
            handles.setdefault("design switch", h)
            if s.time_s - last_t > 0.6:  # one label per burst of switches
                ax.text(s.time_s + 0.15, ymax * 1.13, REASON_LABEL.get(s.reason, s.reason), rotation=90, fontsize=5,
                        ha="left", va="top", zorder=5)
                last_t = s.time_s
            markers.append({"scenario": info["scenario"], "scheduler": sched, "marker": "switch", "time_s": s.time_s, "end_s": s.time_s,
                            "task": s.task, "label": f"{s.reason}: {s.from_design} -> {s.to_design}",
                            "cost_ms": s.cost_ms})
        ax.set_ylim(0, ymax * 1.15)
        ax.set_ylabel("throughput\n(inf/s)")
        ax.set_title(f"{fs.sched_label(sched)}: {len(sw)} switches", loc="left")
        ax.grid(axis="y")
        lax.set_yscale("log")
        lax.set_ylabel("mean latency\n(ms)")
        lax.grid(axis="y", which="major")
    grid[-1, 0].set_xlabel("time (s)")
    grid[-1, 0].set_xlim(0, float(data[0].window_end_s.max()))
    sc = fs.parse_scenario(scenario)
    title = f"Throughput during adaptation: {sc['uc'].upper()} on {fs.SOC_SHORT.get(soc, soc)}"
    fs.layout(fig, title, list(handles.values()), list(handles.keys()), ncol=2,
              caption_text=f"{fs.CAPTION}; {scenario}; completions and mean latency per {window_s:g} s window"
              " (wider for tasks under 8 Hz: at least 4 arrivals)")
    table = pd.concat(data, ignore_index=True)
    mk = pd.DataFrame(markers, columns=["scenario", "scheduler", "marker", "time_s", "end_s", "task", "label", "cost_ms"])
    return fs.save(fig, out_dir, name, table, {"markers": mk})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("traces", nargs="+", help="traces of one _adapt_ scenario, one per scheduler")
    ap.add_argument("--window-s", type=float, default=0.5)
    ap.add_argument("-o", "--out", default="figures")
    ap.add_argument("--name", default=NAME)
    a = ap.parse_args(argv)
    for p in make(a.traces, a.out, a.window_s, a.name):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
