"""Figure: the design set RASS precomputes for runtime switching, per use case and phone (CARIN.md §7).

From ``socsim solve SCENARIO --format json`` of each use case on each phone: d0 (the best design),
the processor fall-backs d_p (the best design avoiding processor p of d0) and the memory fall-back
d_mem. The CSV lists every member with its rank, optimality, app memory and storage; the figure
renders it as a table with abbreviated model names (the CSV has the full names). The scenarios
are the _adapt_ variants, solved with the parameters their descriptions ask for (e.g.
memory_budget_mib), i.e. the design sets the adaptation runs switch between.

    /usr/bin/python3 analysis/fig_design_set.py scenarios/use_cases/uc*_adapt_*.json -o figures/
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import pandas as pd  # noqa: E402

from analysis import campaign  # noqa: E402
from analysis import figstyle as fs  # noqa: E402
from analysis import optimality as opt  # noqa: E402
from analysis.fig_latency import solve  # noqa: E402

NAME = "design_set"
COLUMNS = ["use_case", "soc", "scenario", "params", "condition", "rank", "optimality", "optimality_name", "designs",
           "memory_mib", "size_mib"]

_ABBREV = [(r"^(gender|age|ethnicity)_", ""), (r"mobilenet_v3_large", "MNv3L"), (r"mobilenet_v3_small", "MNv3S"),
           (r"mobilenet_v2_1_0", "MNv2"), (r"mobilenet_v2", "MNv2"), (r"efficientnet_lite(\d)", r"EffL\1"),
           (r"efficientnet_b(\d)", r"EffB\1"), (r"mobilevit_", "MViT-"), (r"_places365", "-P365"),
           (r"tinybert(\d)", r"TinyBERT\1"), (r"mobilebert", "MobileBERT"), (r"albert_base", "ALBERT")]


def abbreviate(design: str) -> str:
    head, _, tail = design.partition("@")
    variant, _, precision = head.rpartition("/")
    for pat, rep in _ABBREV:
        variant = re.sub(pat, rep, variant)
    return f"{variant}/{precision}@{tail}"


def table(results: list) -> pd.DataFrame:
    rows = []
    for result, params in results:
        sc = fs.parse_scenario(result["scenario"])
        for m in result["design_set"]:
            c = opt.candidate_from_solve(m)
            rows.append({"use_case": sc["uc"], "soc": result["soc"], "scenario": result["scenario"],
                         "params": ",".join(f"{k}={v}" for k, v in sorted(params.items())),
                         "condition": m["condition"], "rank": m["rank"], "optimality": m["optimality"],
                         "optimality_name": result["optimality"],
                         "designs": " + ".join(t["design"] for t in m["tasks"]),
                         "memory_mib": c.app["memory"], "size_mib": c.app["size"]})
        for miss in result.get("missing", []):
            rows.append({"use_case": sc["uc"], "soc": result["soc"], "scenario": result["scenario"],
                         "params": ",".join(f"{k}={v}" for k, v in sorted(params.items())),
                         "condition": "missing", "rank": None, "optimality": None,
                         "optimality_name": result["optimality"], "designs": miss, "memory_mib": None,
                         "size_mib": None})
    return pd.DataFrame(rows, columns=COLUMNS)


def compact(designs: list) -> list:
    """Display lines for one tuple: "V/P@e1, e2, e3" when every task runs the same model build, else one line
    per task ("+ " before the second and later)."""
    short = [abbreviate(d) for d in designs]
    heads = {d.split("@", 1)[0] for d in short}
    if len(short) > 1 and len(heads) == 1:
        line = heads.pop() + "@" + ", ".join(d.split("@", 1)[1] for d in short)
        if len(line) <= 27:
            return [line]
        head, _, engines = line.partition("@")
        return [head + "@", "  " + engines]
    return [short[0]] + ["+ " + d for d in short[1:]]


def _cell(members: pd.DataFrame, with_condition: bool) -> str:
    lines = []
    for _, m in members.iterrows():
        if with_condition and ":" in m.condition:
            lines.append("no " + m.condition.split(":", 1)[1] + ":")
        body = compact(m.designs.split(" + "))
        if m.memory_mib == m.memory_mib:  # not NaN
            body.append(f"[{m.memory_mib:.1f} MiB]")
        lines += [("  " if with_condition else "") + ln for ln in body]
    return "\n".join(lines) if lines else "none: no smaller design"


def make(results: list, out_dir: str, name: str = NAME) -> list:
    import matplotlib.pyplot as plt
    df = table(results)
    rows, heights = [], []
    for (uc, soc), g in sorted(df.groupby(["use_case", "soc"]), key=lambda kv: (kv[0][0], fs.SOCS.index(kv[0][1])
                                                                              if kv[0][1] in fs.SOCS else 9)):
        d0 = _cell(g[g.condition == "d0"], False)
        dp = _cell(g[g.condition.str.startswith("processor_issue")], True)
        dm = _cell(g[g.condition == "memory_issue"], False)
        label = f"{uc.upper()}\n{fs.SOC_SHORT.get(soc, soc)}"
        cells = [label, d0, dp, dm]
        rows.append(cells)
        heights.append(max(c.count("\n") + 1 for c in cells))
    line_in, pad_in, caption_in, title_in = 0.075, 0.045, 0.27, 0.25
    header_h = 2 * line_in + pad_in
    row_h = [n * line_in + pad_in for n in heights]
    total = header_h + sum(row_h)
    fig_h = total + caption_in + title_in
    fig = plt.figure(figsize=(fs.COLUMN_W, fig_h))
    ax = fig.add_axes([0.005, caption_in / fig_h, 0.99, total / fig_h])
    ax.axis("off")
    col_w = [0.12, 0.30, 0.30, 0.28]
    header = ["use case\nphone", "d0 (best)", "processor fall-backs", "memory fall-back"]
    tab = ax.table(cellText=rows, colLabels=header, colWidths=col_w, bbox=(0, 0, 1, 1), cellLoc="left",
                   colLoc="left")
    tab.auto_set_font_size(False)
    tab.set_fontsize(4.6)
    for (r, c), cell in tab.get_celld().items():
        cell.set_linewidth(0.3)
        cell.set_height((header_h if r == 0 else row_h[r - 1]) / total)
        cell.PAD = 0.03
        if r == 0:
            cell.set_text_props(fontweight="bold")
            cell.set_facecolor("#eeeeee")
        elif (r - 1) // 3 % 2 == 1:
            cell.set_facecolor("#f7f7f7")
    fig.suptitle("Design sets: d0 and its runtime fall-backs", y=1 - 0.04 / fig_h, va="top", fontsize=7.5)
    fs.caption(fig, fs.CAPTION + "; RASS over in-simulator profiles (ratio_product); app memory in brackets; "
                                 "full model names in design_set.csv")
    return fs.save(fig, out_dir, name, df)


def solve_all(scenarios, binary: str, jobs: int = 2) -> list:
    """[(solve result, params)] for each scenario, solved with the parameters its description asks for."""
    def one(sc):
        params = campaign.scenario_params(sc)
        return solve(sc, binary, params), params
    with cf.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, scenarios))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenarios", nargs="+")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--bin", default=campaign.default_bin())
    ap.add_argument("-o", "--out", default="figures")
    a = ap.parse_args(argv)
    for p in make(solve_all(a.scenarios, a.bin, a.jobs), a.out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
