"""Figure: mean latency and its standard deviation per design on one device (CARIN.md §7).

From ``socsim solve SCENARIO --format json`` (CARIn's profiled, ranked designs): the top designs'
latency_mean ± latency_sd, one bar per (design, task), coloured by engine, best first; the
design-set members (d0 and its fall-backs) are starred. These are the in-simulator profiles the
solver ranks (isolated, or co-executed for multi-DNN tuples), not a run.

    /usr/bin/python3 analysis/fig_latency.py scenarios/use_cases/uc1_tensor_g2.json [--top 12] -o figures/
    /usr/bin/python3 analysis/fig_latency.py --solve-json solve.json -o figures/
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import pandas as pd  # noqa: E402

from analysis import figstyle as fs  # noqa: E402

NAME = "latency"
ENGINE_COLORS = {"cpu": "#4575b4", "gpu": "#d73027", "npu": "#1a9850", "dsp": "#984ea3"}


def solve(scenario: str, binary: str, params: dict | None = None) -> dict:
    """``socsim solve SCENARIO --format json --top 1000000 [--param k=v]...``, parsed."""
    args = [binary, "solve", scenario, "--format", "json", "--top", "1000000"]
    for k, v in sorted((params or {}).items()):
        args += ["--param", f"{k}={v}"]
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def engine_of(design: str) -> str:
    """"mobilenet_v2/fx8@cpu:4t" -> "cpu"."""
    return design.split("@", 1)[1].split(":")[0].split("[")[0]


def table(result: dict, top: int) -> pd.DataFrame:
    members = {}
    for m in result["design_set"]:
        members.setdefault(m["rank"], []).append(m["condition"])
    rows = []
    for e in result["ranked"][:top]:
        for t in e["tasks"]:
            rows.append({"scenario": result["scenario"], "soc": result["soc"], "rank": e["rank"],
                         "optimality": e["optimality"], "optimality_name": result["optimality"], "task": t["task"],
                         "design": t["design"], "engine": engine_of(t["design"]),
                         "latency_mean_ms": t["latency_mean"], "latency_sd_ms": t["latency_sd"],
                         "latency_p90_ms": t["latency_p90"], "design_set": "+".join(members.get(e["rank"], []))})
    return pd.DataFrame(rows)


def make(result: dict, out_dir: str, top: int = 12, name: str = NAME) -> list:
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    df = table(result, top)
    multi = df.task.nunique() > 1
    n = len(df)
    fig, ax = plt.subplots(figsize=(fs.COLUMN_W, 1.3 + 0.16 * n))
    y = list(range(n))[::-1]
    colors = [ENGINE_COLORS.get(e, "#999999") for e in df.engine]
    ax.barh(y, df.latency_mean_ms, xerr=df.latency_sd_ms, color=colors, edgecolor="black", lw=0.3, height=0.7,
            error_kw={"lw": 0.6, "capsize": 1.5}, zorder=2)
    labels = []
    for _, r in df.iterrows():
        star = "\u2605 " if r.design_set else ""
        labels.append(f"{star}#{r['rank']} " + (f"{r.task}: " if multi else "") + r.design)
    ax.set_yticks(y, labels, fontsize=5.5)
    lo, hi = float((df.latency_mean_ms - df.latency_sd_ms).clip(lower=1e-3).min()), float(
        (df.latency_mean_ms + df.latency_sd_ms).max())
    if hi / lo > 8:
        from matplotlib.ticker import FormatStrFormatter, LogLocator, NullFormatter
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("latency (ms, log scale): mean \u00b1 SD")
    else:
        ax.set_xlabel("latency (ms): mean \u00b1 SD")
    ax.grid(axis="x", which="major")
    engines = [e for e in ENGINE_COLORS if e in set(df.engine)]
    handles = [Patch(facecolor=ENGINE_COLORS[e], edgecolor="black", lw=0.3) for e in engines]
    labels = engines + ["\u2605 design-set member"]
    handles.append(Patch(facecolor="white", edgecolor="white"))
    sc = fs.parse_scenario(result["scenario"])
    title = (f"Latency per design: {sc['uc'].upper()} on {fs.SOC_SHORT.get(result['soc'], result['soc'])}, "
             f"top {df['rank'].nunique()} of {result['feasible']} feasible")
    fs.layout(fig, title, handles, labels, ncol=len(labels),
              caption_text=f"{fs.CAPTION}; in-simulator profiles ranked by RASS ({result['optimality']}), "
                           f"#rank; {'co-executed tuples' if multi else 'isolated designs'}")
    return fs.save(fig, out_dir, name, df)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario", nargs="?")
    ap.add_argument("--solve-json")
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--bin", default=os.environ.get("SOCSIM_BIN", os.path.join(ROOT, "build", "socsim")))
    ap.add_argument("-o", "--out", default="figures")
    a = ap.parse_args(argv)
    if a.solve_json:
        with open(a.solve_json) as f:
            result = json.load(f)
    elif a.scenario:
        result = solve(a.scenario, a.bin)
    else:
        ap.error("give a scenario or --solve-json")
    for p in make(result, a.out, a.top):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
