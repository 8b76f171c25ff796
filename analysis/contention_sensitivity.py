"""Sensitivity of UC3/UC4 to the contention assumptions (no public co-execution data calibrates them).

The engine slows co-running inferences by sharing cores (max-min), serialising accelerators and
sharing DRAM bandwidth (max-min) over their memory-bound parts. How much of a latency is
memory-bound (each variant's `memory_bound_frac`, 0.15-0.35, an estimate) sets how strongly
co-running DNNs slow each other through DRAM; the profiles' bandwidth demands are kept, so an
inference running alone is not slowed. This script scales every `memory_bound_frac` by k (0 = no
DRAM contention, 1 = the shipped library, capped at 1) in a copy of models/, runs the UC3/UC4
scenarios of the three paper phones with two schedulers (CARIn; the multi-DNN-unaware baseline,
which co-locates tasks more), and plots each task's mean and p90 latency relative to k = 1.

--knob serial varies the core-sharing part instead: the engine slows a t-thread CPU inference
whose cores are shared by the straggler formula (1-p)/v_main + p/(t v_min), so each variant's
serial fraction 1 - parallel_frac (an estimate) sets how much sharing *some* of its cores costs
(p -> 1: the slowest shared core holds every thread up). k scales the serial fraction (0 = fully
parallel, 2 = twice the shipped serial part, capped at 1); solo latencies come from the profiles
and do not move. Accelerator serialisation is the engine's fixed rule (sim/hw), not a data
parameter, and is not varied by k.

--knob accel varies that rule instead, through the scenario option `accelerator_sharing`: fifo (the
shipped rule, first come first served without preemption) against time_slice (equal shares among
the inferences running on an accelerator, as CPUs share cores). The x axis then has these two points
and latencies are relative to fifo; the models are the shipped library.

    /usr/bin/python3 analysis/contention_sensitivity.py --bin build/socsim -o figures/   (~1 min)
    /usr/bin/python3 analysis/contention_sensitivity.py --knob serial -o figures/        (~1 min)
    /usr/bin/python3 analysis/contention_sensitivity.py --knob accel -o figures/         (~20 s)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import pandas as pd  # noqa: E402

from analysis import figstyle as fs  # noqa: E402
from analysis.figstyle import plt  # noqa: E402

FACTORS = (0.0, 0.5, 1.0, 1.5, 2.0)
SHARING = ("fifo", "time_slice")  # --knob accel: x = 0, 1; the shipped rule (fifo) is the reference
PHONES = ("snapdragon865", "tensor_g2", "snapdragon730")
SCHEDULERS = ("carin", "multi_dnn_unaware")


def scaled_models(dst: str, k: float, knob: str = "dram") -> str:
    out = os.path.join(dst, f"models_{knob}_k{k:g}")
    shutil.copytree(os.path.join(ROOT, "models"), out, ignore=shutil.ignore_patterns("measurements", "tools"))
    for name in os.listdir(out):
        if not name.endswith(".json"):
            continue
        path = os.path.join(out, name)
        with open(path, encoding="utf-8") as fh:
            fam = json.load(fh)
        for v in fam["variants"]:
            if knob == "dram":
                v["memory_bound_frac"] = min(1.0, v["memory_bound_frac"] * k)
            else:
                v["parallel_frac"] = 1.0 - min(1.0, (1.0 - v["parallel_frac"]) * k)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(fam, fh)
    return out


def run(binary: str, scenario: str, models: str, tmp: str, scheduler: str, duration: float,
        sharing: str | None = None) -> pd.DataFrame:
    with open(os.path.join(ROOT, "scenarios", "use_cases", scenario + ".json"), encoding="utf-8") as fh:
        doc = json.load(fh)
    doc["soc"] = os.path.normpath(os.path.join(ROOT, "scenarios", "use_cases", doc["soc"]))
    doc["models"] = models
    if sharing is not None:
        doc["accelerator_sharing"] = sharing
    path = os.path.join(tmp, scenario + ".json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh)
    p = subprocess.run([binary, "run", path, "--no-trace", "--format", "csv", "--scheduler", scheduler,
                        "--duration-s", str(duration)], capture_output=True, text=True, check=True)
    return pd.read_csv(io.StringIO(p.stdout))


XLABEL = {"dram": "k: memory_bound_frac scale (0 = no DRAM contention)",
          "serial": "k: serial-fraction (1 - parallel_frac) scale (0 = fully parallel)",
          "accel": "accelerator_sharing (fifo = the engine's default)"}
WHAT = {"dram": "DRAM-contention", "serial": "core-sharing (serial fraction)",
        "accel": "accelerator-serialisation"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "socsim"))
    ap.add_argument("-o", "--out", default=os.path.join(ROOT, "figures"))
    ap.add_argument("--duration-s", type=float, default=30.0)
    ap.add_argument("--knob", choices=("dram", "serial", "accel"), default="dram",
                    help="dram: scale memory_bound_frac; serial: scale 1 - parallel_frac; "
                         "accel: accelerator_sharing fifo (0) against time_slice (1)")
    args = ap.parse_args(argv)
    accel = args.knob == "accel"
    rows = []
    with tempfile.TemporaryDirectory(prefix="socsim_contention_") as tmp:
        for k in (range(len(SHARING)) if accel else FACTORS):
            models = os.path.join(ROOT, "models") if accel else scaled_models(tmp, k, args.knob)
            sharing = SHARING[k] if accel else None
            for uc in ("uc3", "uc4"):
                for soc in PHONES:
                    for sched in SCHEDULERS:
                        df = run(args.bin, f"{uc}_{soc}", models, tmp, sched, args.duration_s, sharing)
                        df["k"], df["use_case"] = k, uc
                        rows.append(df)
    data = pd.concat(rows, ignore_index=True)
    cols = ["use_case", "soc", "scheduler", "task", "k", "latency_mean_ms", "latency_p90_ms", "violated", "completed"]
    data = data[cols]
    if accel:
        data.insert(5, "accelerator_sharing", [SHARING[int(k)] for k in data.k])
    base = data[data.k == (0 if accel else 1.0)].set_index(["use_case", "soc", "scheduler", "task"])
    for m in ("latency_mean_ms", "latency_p90_ms"):
        data[m + "_rel"] = [getattr(r, m) / base.loc[(r.use_case, r.soc, r.scheduler, r.task), m] for r in data.itertuples()]
    fig, axes = plt.subplots(2, 2, figsize=(10, 6.5), sharex=True)
    for i, uc in enumerate(("uc3", "uc4")):
        for j, sched in enumerate(SCHEDULERS):
            ax = axes[i][j]
            sub = data[(data.use_case == uc) & (data.scheduler == sched)]
            for (soc, task), g in sub.groupby(["soc", "task"]):
                ax.plot(g.k, g.latency_mean_ms_rel, marker="o", label=f"{soc} {task}")
            ax.axhline(1.0, color="grey", lw=0.8)
            ax.set_title(f"{uc.upper()}, {sched}")
            ax.set_ylabel("mean latency / with fifo" if accel else "mean latency / at k = 1")
            if i == 1:
                ax.set_xlabel(XLABEL[args.knob])
            if accel:
                ax.set_xticks(range(len(SHARING)), SHARING)
            ax.legend(fontsize=6)
    fig.suptitle(f"Sensitivity of UC3/UC4 to the {WHAT[args.knob]} assumption (socsim reconstruction)")
    fig.tight_layout()
    fs.save(fig, args.out, "contention_sensitivity" + ("" if args.knob == "dram" else "_" + args.knob), data)
    print(data.groupby(["use_case", "scheduler", "k"])[["latency_mean_ms_rel", "latency_p90_ms_rel"]].agg(["min", "max"]).round(3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
