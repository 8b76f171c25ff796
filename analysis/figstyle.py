"""Shared look and output of the figure scripts (analysis/fig_*.py).

Figures are sized for a paper column (3.5 in wide, 7 pt text), rendered with matplotlib's Agg
backend, and written as ``<name>.png`` (200 dpi), ``<name>.pdf`` and the plotted data as
``<name>.csv`` (plus ``<name>_<part>.csv`` for secondary tables). PDFs carry no creation date, so
identical data give identical files.
"""

from __future__ import annotations

import os
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLUMN_W = 3.5   # in
DOUBLE_W = 7.16  # in
CAPTION = "socsim reconstruction; profiles are estimates"

plt.rcParams.update({
    "font.size": 7, "axes.titlesize": 7.5, "axes.labelsize": 7, "xtick.labelsize": 6.5, "ytick.labelsize": 6.5,
    "legend.fontsize": 6, "legend.title_fontsize": 6.5, "figure.titlesize": 8, "lines.linewidth": 1.0,
    "axes.linewidth": 0.6, "grid.linewidth": 0.4, "grid.alpha": 0.5, "savefig.dpi": 200, "figure.dpi": 100,
    "pdf.fonttype": 42, "svg.hashsalt": "socsim", "axes.spines.top": False, "axes.spines.right": False,
})

SOC_LABEL = {"tensor_g2": "Pixel 7\n(Tensor G2)", "snapdragon865": "Galaxy S20 FE\n(SD 865)",
             "snapdragon730": "Galaxy A71\n(SD 730)"}
SOC_SHORT = {"tensor_g2": "Tensor G2", "snapdragon865": "SD 865", "snapdragon730": "SD 730"}
SOCS = ("tensor_g2", "snapdragon865", "snapdragon730")
UC_LABEL = {"uc1": "UC1 image classification", "uc2": "UC2 text classification",
            "uc3": "UC3 scene + audio", "uc4": "UC4 face analysis"}

SCHED_LABEL = {"carin": "CARIn", "oodin": "OODIn", "single_model": "single-model", "transferred": "transferred",
               "multi_dnn_unaware": "multi-DNN-unaware", "oracle": "oracle", "round_robin": "round-robin",
               "shortest_expected_latency": "SEL", "least_slack_time": "LST", "heft": "HEFT", "fixed": "fixed",
               "d0_static": "CARIn's d0, no runtime manager"}
_COLOR = {"carin": "#1b9e77", "oodin": "#d95f02", "single_model": "#7570b3", "transferred": "#e7298a",
          "multi_dnn_unaware": "#66a61e", "oracle": "#e6ab02", "round_robin": "#a6761d",
          "shortest_expected_latency": "#666666", "least_slack_time": "#1f78b4", "heft": "#a6cee3",
          "fixed": "#fb9a99", "d0_static": "#999999"}
_EXTRA = ["#b15928", "#cab2d6", "#b2df8a", "#fdbf6f"]
_SCHED_ORDER = list(SCHED_LABEL)


def sched_label(label: str) -> str:
    """Display name of a campaign scheduler label, e.g. "transferred-from_soc-snapdragon865" -> "transferred
    (from SD 865)"."""
    name, _, rest = label.partition("-")
    text = SCHED_LABEL.get(name, name)
    if rest:
        kv = rest.split("-")
        pairs = dict(zip(kv[::2], kv[1::2]))
        if "from_soc" in pairs:
            return f"{text} (from {SOC_SHORT.get(pairs['from_soc'], pairs['from_soc'])})"
        return f"{text} ({', '.join(f'{k}={v}' for k, v in pairs.items())})"
    return text


def sched_color(label: str) -> str:
    name = label.split("-")[0]
    if name not in _COLOR:
        return _EXTRA[sum(map(ord, name)) % len(_EXTRA)]
    if name == "transferred" and label.endswith("snapdragon730"):
        return "#f4a6cf"  # the second transferred variant: a lighter shade
    if name == "transferred" and label.endswith("tensor_g2") and "snapdragon865" not in label:
        return "#c51b7d"
    return _COLOR[name]


def sched_sort_key(label: str):
    name = label.split("-")[0]
    return (_SCHED_ORDER.index(name) if name in _SCHED_ORDER else 99, label)


def parse_scenario(name: str) -> dict:
    """"uc3_adapt_tensor_g2" -> {"uc": "uc3", "adapt": True, "soc": "tensor_g2"}."""
    m = re.match(r"(uc\d+)(_adapt)?_(.+)$", name)
    if not m:
        return {"uc": name, "adapt": False, "soc": ""}
    return {"uc": m.group(1), "adapt": bool(m.group(2)), "soc": m.group(3)}


def caption(fig, text: str = CAPTION, width: int = 0) -> float:
    """Writes the caption at the bottom left, wrapped to the figure width; returns its height in inches."""
    import textwrap
    w_in = fig.get_size_inches()[0]
    lines = textwrap.wrap(text, width or int(w_in * 23))
    fig.text(0.01, 0.005, "\n".join(lines), fontsize=5.5, color="#555555", ha="left", va="bottom", style="italic")
    return 0.03 + 0.085 * len(lines)


def layout(fig, title: str | None = None, handles=None, labels=None, ncol: int = 3, caption_text: str = CAPTION,
           pad: float = 0.3) -> None:
    """Title, a legend under it and a caption at the bottom, with tight_layout in the space left over."""
    w_in, h_in = fig.get_size_inches()
    top = 0.03
    if title:
        fig.suptitle(title, y=1 - top / h_in, va="top", fontsize=7.5)
        top += 0.16 * (title.count("\n") + 1)
    if handles:
        rows = (len(labels) + ncol - 1) // ncol
        fig.legend(handles, labels, loc="upper center", ncol=ncol, frameon=False, bbox_to_anchor=(0.5, 1 - top / h_in),
                   handlelength=1.5, columnspacing=1.0)
        top += 0.125 * rows + 0.03
    bottom = caption(fig, caption_text) if caption_text else 0.0
    fig.tight_layout(rect=(0, bottom / h_in, 1, 1 - top / h_in), pad=pad)


def save(fig, out_dir: str, name: str, data=None, extra: dict | None = None) -> list:
    """Writes name.png, name.pdf and the plotted data (a DataFrame) as name.csv; extra {part: DataFrame} as
    name_<part>.csv. Returns the paths written."""
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    png, pdf = os.path.join(out_dir, name + ".png"), os.path.join(out_dir, name + ".pdf")
    fig.savefig(png, metadata={"Software": None}, pil_kwargs={"optimize": True})
    fig.savefig(pdf, metadata={"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None})
    plt.close(fig)
    paths += [png, pdf]
    if data is not None:
        p = os.path.join(out_dir, name + ".csv")
        data.to_csv(p, index=False, float_format="%.6g")
        paths.append(p)
    for part, df in (extra or {}).items():
        p = os.path.join(out_dir, f"{name}_{part}.csv")
        df.to_csv(p, index=False, float_format="%.6g")
        paths.append(p)
    return paths

