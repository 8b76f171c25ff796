"""Figure and table: storage needed on the device, CARIn versus OODIn, per use case and phone (CARIN.md §7).

From a campaign's runs: each trace's /summary attribute storage_mib (the model files the scheduler
keeps on the device: CARIn only its design set's, OODIn every candidate model). Mean over seeds
(storage does not depend on the seed). The CSV is the table (one row per use case and phone, one
column per scheduler, and CARIn's saving against each other scheduler); the figure shows it as bars.

    /usr/bin/python3 analysis/fig_storage.py results/campaign/table.csv -o figures/
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

NAME = "storage"
SCHEDULERS = ("carin", "oodin")


def table(summary: pd.DataFrame, schedulers=SCHEDULERS) -> pd.DataFrame:
    runs = summary.drop_duplicates("trace")
    runs = runs[runs.scheduler.isin(schedulers)]
    rows = []
    for scenario, g in runs.groupby("scenario", sort=True):
        sc = fs.parse_scenario(scenario)
        row = {"use_case": sc["uc"], "soc": sc["soc"], "scenario": scenario}
        for s in schedulers:
            v = g[g.scheduler == s].storage_mib
            row[f"{s}_storage_mib"] = float(v.mean()) if len(v) else float("nan")
        for s in schedulers[1:]:
            other = row[f"{s}_storage_mib"]
            row[f"{schedulers[0]}_saving_vs_{s}_pct"] = (100 * (1 - row[f"{schedulers[0]}_storage_mib"] / other)
                                                         if other and other == other else float("nan"))
        rows.append(row)
    cols = (["use_case", "soc", "scenario"] + [f"{s}_storage_mib" for s in schedulers]
            + [f"{schedulers[0]}_saving_vs_{s}_pct" for s in schedulers[1:]])
    return pd.DataFrame(rows, columns=cols)


def make(summary: pd.DataFrame, out_dir: str, schedulers=SCHEDULERS, name: str = NAME) -> list:
    import matplotlib.pyplot as plt
    df = table(summary, schedulers)
    present = [s for s in schedulers if df[f"{s}_storage_mib"].notna().any()] if len(df) else []
    absent = [s for s in schedulers if s not in present]
    ucs = sorted(df.use_case.unique()) if len(df) else [None]
    fig, axes = plt.subplots(2, 2, figsize=(fs.COLUMN_W, 2.9), sharey=True, squeeze=False)
    for ax, uc in zip(axes.flat, ucs + [None] * (4 - len(ucs))):
        if uc is None:
            ax.axis("off")
            continue
        sub = df[df.use_case == uc]
        socs = [s for s in fs.SOCS if s in set(sub.soc)]
        width = 0.8 / max(1, len(present))
        for i, s in enumerate(present):
            for k, soc in enumerate(socs):
                v = sub[sub.soc == soc][f"{s}_storage_mib"].iloc[0]
                x = k - 0.4 + width * (i + 0.5)
                if v != v:
                    ax.text(x, 0, "n/a", rotation=90, fontsize=4.5, ha="center", va="bottom", color="#888888")
                    continue
                ax.bar(x, v, width, color=fs.sched_color(s), edgecolor="black", lw=0.3, zorder=2)
                ax.text(x, v, f"{v:.0f}" if v >= 10 else f"{v:.1f}", fontsize=4.5, ha="center", va="bottom")
        ax.set_xticks(range(len(socs)), [fs.SOC_SHORT.get(s, s).replace(" ", "\n", 1) for s in socs], fontsize=5.5)
        ax.set_title(fs.UC_LABEL.get(uc, uc), loc="left", fontsize=6.5)
        ax.grid(axis="y")
    values = df[[f"{s}_storage_mib" for s in present]].to_numpy().ravel() if present else []
    values = [v for v in values if v == v and v > 0]
    log = bool(values) and max(values) / min(values) > 20
    for ax in axes[:, 0]:
        ax.set_ylabel("storage\n(MiB" + (", log scale)" if log else ")"))
    if log:
        from matplotlib.ticker import FormatStrFormatter
        for ax in axes.flat:
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
            ax.set_ylim(min(values) / 2, max(values) * 3)
    from matplotlib.patches import Patch
    handles = [Patch(facecolor=fs.sched_color(s), edgecolor="black", lw=0.3) for s in present]
    labels = [fs.sched_label(s) for s in present]
    note = f"; not registered yet: {', '.join(fs.sched_label(s) for s in absent)}" if absent else ""
    fs.layout(fig, "Model storage on the device", handles, labels, ncol=len(labels) or 1,
              caption_text=fs.CAPTION + "; storage_mib of each run (model files kept on the device)" + note)
    return fs.save(fig, out_dir, name, df)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("summary", help="a campaign's table.csv")
    ap.add_argument("-o", "--out", default="figures")
    a = ap.parse_args(argv)
    for p in make(pd.read_csv(a.summary), a.out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
