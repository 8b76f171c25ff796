"""analysis/contention_sensitivity.py --knob accel: the accelerator-sharing rule reaches the runs.

Into a temporary directory, 5 simulated seconds per run: every (use case, SoC, scheduler, task) has a
fifo and a time_slice row, fifo is the reference (relative latency exactly 1), and the rule changes
at least one task's latency (else the scenario option would be silently ignored). On UC4 the three
tasks arrive together; where two share an accelerator, time slicing finishes them together, so the
one fifo served first gets slower and the one served last faster: both directions must occur.
"""
import csv
import os
import subprocess
import sys
import tempfile

from common import BIN, ROOT, done, expect

with tempfile.TemporaryDirectory(prefix="socsim_accel_") as out:
    subprocess.run([sys.executable, os.path.join(ROOT, "analysis", "contention_sensitivity.py"), "--knob", "accel",
                    "--bin", BIN, "--duration-s", "5", "-o", out], check=True, capture_output=True, text=True)
    with open(os.path.join(out, "contention_sensitivity_accel.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    expect(os.path.getsize(os.path.join(out, "contention_sensitivity_accel.png")) > 0, "no PNG")

groups = {}
for r in rows:
    groups.setdefault((r["use_case"], r["soc"], r["scheduler"], r["task"]), {})[r["accelerator_sharing"]] = r
expect(len(groups) == 3 * 2 * (2 + 3), f"{len(groups)} groups: {sorted(groups)}")
for key, g in groups.items():
    expect(sorted(g) == ["fifo", "time_slice"], f"{key}: rules {sorted(g)}")
    expect(float(g["fifo"]["latency_mean_ms_rel"]) == 1.0, f"{key}: fifo is not the reference")
rel = [float(g["time_slice"]["latency_mean_ms_rel"]) for k, g in groups.items() if k[0] == "uc4"]
expect(max(rel) > 1.05 and min(rel) < 0.95, f"UC4 time_slice/fifo ratios {min(rel):.3f}..{max(rel):.3f}")
done("test_contention_sensitivity")
