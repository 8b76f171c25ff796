"""The trace of a run is real HDF5 that h5py, pandas (analysis.trace) and xarray read as tables."""
import json
import os
import subprocess
import sys

import h5py

from common import BIN, done, expect, QUICKSTART, ROOT, scratch_dir, socsim

sys.path.insert(0, ROOT)
from analysis import trace  # noqa: E402

tmp = scratch_dir("socsim_schema_")
path = os.path.join(tmp, "q.h5")
p = socsim("run", QUICKSTART, "-o", path, "--duration-s", 10, "--format", "json", check=0)
summary = json.loads(p.stdout)

with h5py.File(path, "r") as f:
    attrs = dict(f.attrs)
    for key in ("schema", "schema_version", "socsim_version", "git_commit", "command_line", "seed", "scheduler",
                "soc", "scenario", "config_sha256", "time_unit"):
        expect(key in attrs, f"root attribute {key} missing")
    expect(attrs["time_unit"] in ("ns", b"ns"), "time_unit is not ns")
    expect(BIN.split("/")[-1] in str(attrs["command_line"]), "command line not recorded")
    for name in ("soc", "models", "scenario"):
        json.loads(f["config"][name][()])  # resolved inputs are JSON
    for group in ("requests", "executions", "events", "switches", "dvfs", "samples", "summary", "energy"):
        expect(group in f, f"table /{group} missing")
        for name, ds in f[group].items():
            expect("units" in ds.attrs, f"/{group}/{name} has no units attribute")
    req = f["requests"]
    for col in ("id", "task", "arrival_ns", "start_ns", "finish_ns", "processor", "design", "dropped", "violated"):
        expect(col in req, f"/requests/{col} missing")
    expect(req["arrival_ns"].attrs["units"] in ("ns", b"ns"), "arrival_ns is not in ns")
    for name in ("tasks", "processors", "designs"):
        expect(name in f["lookup"], f"/lookup/{name} missing")

requests = trace.load(path, "requests")
done_rows = requests[requests["dropped"] == 0]
expect(len(requests) > 0, "no requests in the trace")
expect((done_rows["finish_ns"] >= done_rows["start_ns"]).all(), "a request finished before it started")
expect((done_rows["start_ns"] >= done_rows["arrival_ns"]).all(), "a request started before it arrived")
by_task = done_rows.groupby("task", observed=True).size()
for t in summary["tasks"]:
    expect(by_task.get(t["task"], 0) == t["completed"], f"trace and summary disagree on {t['task']}")
    rows = done_rows[done_rows["task"] == t["task"]]
    lat = (rows["finish_ns"] - rows["arrival_ns"]) / 1e6
    # The latency statistics leave out the warm-up: requests that arrived before warmup_end_ms.
    warm = rows["arrival_ns"] < round(t["warmup_end_ms"] * 1e6)
    expect(int(warm.sum()) == t["warmup_completed"], f"{t['task']}: warm-up count disagrees with trace")
    expect(abs(lat[~warm].mean() - t["latency_mean_ms"]) < 1e-6 * max(1, lat.mean()), "mean latency disagrees with trace")
    first = rows.loc[rows["finish_ns"].idxmin()]
    expect(abs((first.finish_ns - first.arrival_ns) / 1e6 - t["cold_start_ms"]) < 1e-6, "cold start disagrees with trace")

checker = os.path.join(ROOT, "tests", "trace", "check_trace.py")
if os.path.exists(checker):
    r = subprocess.run([sys.executable, checker, path], capture_output=True, text=True)
    expect(r.returncode == 0, f"check_trace.py failed:\n{r.stdout}\n{r.stderr}")
done("trace_schema")
