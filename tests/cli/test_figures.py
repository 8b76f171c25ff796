"""The figures' quick mode: analysis/make_figures.py --quick runs every figure script.

Into a temporary directory: every expected PNG, PDF and CSV exists and is non-empty, each CSV has
its expected columns and at least one row, and a second invocation reuses every run (campaign
resume) and redraws byte-identical PNGs (--only for the figures drawn from runs, to keep it short).
"""
import csv
import os
import shutil
import subprocess
import sys
import time

from common import BIN, done, expect, fail, ROOT, scratch_dir

sys.path.insert(0, ROOT)
from analysis import make_figures  # noqa: E402

OPTIMALITY = ["scenario", "use_case", "soc", "scheduler", "optimality_name", "size_metric", "seeds",
              "optimality_mean", "ratio_to_carin_mean", "ratio_to_carin_ci95", "feasible_runs", "violations"]
OPTIMALITY_RUNS = ["scenario", "use_case", "soc", "seed", "scheduler", "optimality_name", "size_metric", "optimality",
                   "ratio_to_carin", "feasible", "violations"]
COLUMNS = {
    "optimality.csv": OPTIMALITY, "optimality_runs.csv": OPTIMALITY_RUNS,
    "optimality_storage.csv": OPTIMALITY, "optimality_storage_runs.csv": OPTIMALITY_RUNS,
    "adaptation.csv": ["scenario", "scheduler", "seed", "task", "window_start_s", "window_end_s", "completions",
                       "throughput_hz", "latency_mean_ms"],
    "adaptation_markers.csv": ["scenario", "scheduler", "marker", "time_s", "end_s", "task", "label", "cost_ms"],
    "latency.csv": ["scenario", "soc", "rank", "optimality", "optimality_name", "task", "design", "engine",
                    "latency_mean_ms", "latency_sd_ms", "latency_p90_ms", "design_set"],
    "design_set.csv": ["use_case", "soc", "scenario", "params", "condition", "rank", "optimality", "optimality_name",
                       "designs", "memory_mib", "size_mib"],
    "storage.csv": ["use_case", "soc", "scenario", "carin_storage_mib", "oodin_storage_mib",
                    "carin_saving_vs_oodin_pct"],
    "reaction.csv": ["scheduler", "event", "events", "reacted", "detection_ms_mean", "switch_cost_ms_mean",
                     "solve_ms_mean", "total_ms_mean", "total_ms_min", "total_ms_max"],
    "reaction_events.csv": ["scenario", "use_case", "soc", "scheduler", "seed", "event", "event_time_s", "reacted",
                            "switch_time_s", "switches", "reason", "detection_ms", "switch_cost_ms", "solve_ms",
                            "total_ms"],
    "timeline.csv": ["scenario", "scheduler", "time_s", "domain", "utilisation", "freq_mhz", "power_mw", "temp_c",
                     "queue_length"],
}
for uc in ("uc1", "uc2", "uc3", "uc4"):
    COLUMNS[f"cross_soc_{uc}.csv"] = ["use_case", "soc", "scheduler", "seeds", "throughput_hz_mean",
                                      "throughput_hz_ci95", "latency_ms_mean", "latency_ms_ci95",
                                      "energy_mj_per_inference_mean", "energy_mj_per_inference_ci95"]


REDRAWN = ("optimality", "storage", "adaptation", "timeline")


def run(out, runs, *extra):
    start = time.monotonic()
    p = subprocess.run(["/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable,
                        os.path.join(ROOT, "analysis", "make_figures.py"), "--quick", "-j", "2", "--bin", BIN,
                        "--out", out, "--runs", runs, *extra], capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        fail(f"make_figures --quick: exit {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p.stdout, time.monotonic() - start


def main():
    tmp = scratch_dir("socsim_figs_")
    out, runs = os.path.join(tmp, "figures"), os.path.join(tmp, "runs")
    stdout, first = run(out, runs)
    expected = make_figures.expected_outputs(quick=True)
    for name, csvs in expected.items():
        for ext in ("png", "pdf"):
            path = os.path.join(out, f"{name}.{ext}")
            expect(os.path.isfile(path) and os.path.getsize(path) > 0, f"missing or empty: {path}")
        for suffix in csvs:
            path = os.path.join(out, f"{name}{suffix}.csv")
            expect(os.path.isfile(path) and os.path.getsize(path) > 0, f"missing or empty: {path}")
            with open(path) as f:
                rows = list(csv.reader(f))
            key = os.path.basename(path)
            expect(key in COLUMNS, f"no expected columns for {key}")
            expect(rows[0] == COLUMNS[key], f"{key}: columns {rows[0]}, expected {COLUMNS[key]}")
            expect(len(rows) > 1, f"{key}: no data rows")
    pngs = {n: open(os.path.join(out, n + ".png"), "rb").read() for n in REDRAWN}

    stdout2, second = run(out, runs, "--only", ",".join(REDRAWN))
    expect("0 run," in stdout2 and "runs to do" not in stdout2, f"second run re-simulated:\n{stdout2}")
    for n, data in pngs.items():
        with open(os.path.join(out, n + ".png"), "rb") as f:
            expect(f.read() == data, f"{n}.png differs when redrawn from the same runs")
    print(f"quick figures: {first:.1f} s, redraw from reused runs {second:.1f} s")
    shutil.rmtree(tmp, ignore_errors=True)
    done("test_figures")


if __name__ == "__main__":
    main()
