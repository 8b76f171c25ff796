"""Figure: per-processor utilisation, frequency and temperature over time, from one trace's /samples.

Three panels sharing the time axis: the busy fraction of each DVFS domain (CPU clusters by name,
accelerators), its frequency (MHz) and the SoC temperature (degC); runtime events shaded and design
switches marked as in fig_adaptation.py.

    /usr/bin/python3 analysis/fig_timeline.py TRACE.h5 -o figures/ [--name timeline]
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
from analysis import trace  # noqa: E402
from analysis.fig_adaptation import EVENT_COLORS, event_label, event_spans, switches  # noqa: E402

NAME = "timeline"


def domain_names(path: str) -> dict:
    """{(processor, domain): "cpu.x1" / "gpu"} from the resolved SoC."""
    soc = trace.config(path, "soc")
    out = {}
    for p in soc["processors"]:
        clusters = p.get("clusters") or []
        if clusters:
            for d, c in enumerate(clusters):
                out[(p["name"], d)] = f"{p['name']}.{c.get('name', d)}"
        else:
            out[(p["name"], 0)] = p["name"]
    return out


def samples(path: str) -> pd.DataFrame:
    s = trace.load(path, "samples")
    names = domain_names(path)
    return pd.DataFrame({"time_s": s.time_ns * 1e-9,
                         "domain": [names.get((str(p), int(d)), f"{p}.{d}") for p, d in zip(s.processor, s.domain)],
                         "utilisation": s.utilisation, "freq_mhz": s.freq_mhz, "power_mw": s.power_mw,
                         "temp_c": s.temp_c, "queue_length": s.queue_length})


def make(path: str, out_dir: str, name: str = NAME) -> list:
    import matplotlib.pyplot as plt
    df = samples(path)
    info = trace.info(path)
    fig, axes = plt.subplots(3, 1, figsize=(fs.COLUMN_W, 3.6), sharex=True)
    cmap = plt.get_cmap("tab10")
    domains = list(dict.fromkeys(df.domain))
    handles = {}
    for k, d in enumerate(domains):
        sub = df[df.domain == d]
        h, = axes[0].plot(sub.time_s, sub.utilisation * 100, color=cmap(k), lw=0.7)
        axes[1].plot(sub.time_s, sub.freq_mhz, color=cmap(k), lw=0.7)
        handles[d] = h
    temp = df.groupby("time_s", sort=True).temp_c.max()
    axes[2].plot(temp.index, temp.values, color="#b2182b", lw=0.9)
    for _, s in event_spans(path).iterrows():
        for ax in axes:
            h = ax.axvspan(s.start_s, max(s.end_s, s.start_s + 0.05), color=EVENT_COLORS.get(s.kind, "#dddddd"),
                           alpha=0.4, lw=0, zorder=0)
        handles.setdefault(event_label(s), h)
    for _, s in switches(path).iterrows():
        for ax in axes:
            h = ax.axvline(s.time_s, color="black", lw=0.5, ls="--", zorder=4)
        handles.setdefault("design switch", h)
    axes[0].set_ylabel("utilisation\n(%)")
    axes[0].set_ylim(0, 105)
    axes[1].set_ylabel("frequency\n(MHz)")
    axes[2].set_ylabel("SoC temp.\n(\u00b0C)")
    axes[2].set_xlabel("time (s)")
    axes[2].set_xlim(0, float(df.time_s.max()) if len(df) else 1)
    for ax in axes:
        ax.grid(axis="y")
    sc = fs.parse_scenario(info["scenario"])
    title = (f"Processors over time: {sc['uc'].upper()}{' adaptation' if sc['adapt'] else ''} on "
             f"{fs.SOC_SHORT.get(info['soc'], info['soc'])}, {fs.sched_label(info['scheduler'])}")
    fs.layout(fig, title, list(handles.values()), list(handles.keys()), ncol=3,
              caption_text=f"{fs.CAPTION}; {info['scenario']} seed {info['seed']}; /samples every "
                           f"{trace.config(path, 'scenario').get('trace', {}).get('sample_period_ms', '?')} ms")
    df.insert(0, "scenario", info["scenario"])
    df.insert(1, "scheduler", info["scheduler"])
    return fs.save(fig, out_dir, name, df)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("trace")
    ap.add_argument("-o", "--out", default="figures")
    ap.add_argument("--name", default=NAME)
    a = ap.parse_args(argv)
    for p in make(a.trace, a.out, a.name):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
