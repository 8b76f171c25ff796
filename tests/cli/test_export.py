"""socsim export: a run's trace becomes Chrome Trace Event JSON that tests/trace/check_chrome.py
accepts, with one slice per execution, a working --window, byte-identical repeats, and exit code 2
(naming the file) for inputs that are not socsim traces, 3 when the output cannot be written.
"""
import json
import glob
import os
import subprocess
import sys

import h5py
import numpy as np

from common import done, expect, QUICKSTART, ROOT, scratch_dir, socsim

CHECKER = os.path.join(ROOT, "tests", "trace", "check_chrome.py")

tmp = scratch_dir("socsim_export_")
trace = os.path.join(tmp, "q.h5")
socsim("run", QUICKSTART, "-o", trace, "--duration-s", 5, check=0)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def check_structure(path):
    r = subprocess.run([sys.executable, CHECKER, path], capture_output=True, text=True)
    expect(r.returncode == 0, f"check_chrome.py rejected {path}:\n{r.stdout}{r.stderr}")


# Default output: the trace's path with .json; written atomically (no .part left behind).
p = socsim("export", trace, "--format", "chrome", check=0)
timeline = os.path.join(tmp, "q.json")
expect(os.path.exists(timeline), f"no {timeline}; stdout: {p.stdout}")
expect(not glob.glob(timeline + ".*"), "a temporary or lock file left behind")
expect(timeline in p.stdout, f"stdout does not name the output: {p.stdout!r}")
check_structure(timeline)

with open(timeline) as f:
    doc = json.load(f)
with h5py.File(trace, "r") as f:
    start = f["executions"]["start_ns"][()]
    finish = f["executions"]["finish_ns"][()]
    designs = set(f["lookup"]["designs"].asstr()[()])
    processors = list(f["lookup"]["processors"].asstr()[()])
    seed = int(f.attrs["seed"])
    samples = len(f["samples"]["time_ns"])
    has_freq = "freq_mhz" in f["samples"]

events = doc["traceEvents"]
slices = [e for e in events if e["ph"] == "X"]
expect(doc.get("displayTimeUnit") == "ns", "displayTimeUnit is not ns")
expect(len(slices) == len(start) > 0, f"{len(slices)} slices for {len(start)} executions")
expect(sorted(round(e["ts"] * 1000) for e in slices) == sorted(start.tolist()), "slice starts are not the ns starts")
expect(sorted(round((e["ts"] + e["dur"]) * 1000) for e in slices) == sorted(finish.tolist()), "slice ends differ")
expect({e["name"] for e in slices} <= designs, "slices not named after designs")
names = {e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "process_name"}
expect(set(processors) | {"app"} <= names, f"processes {names} do not cover {processors} and app")
expect(doc["metadata"].get("schema") == "socsim-trace" and doc["metadata"].get("seed") == seed,
       "provenance missing from metadata")
if samples and has_freq:  # one "freq" (or "freq <processor>.<domain>") value per sample row
    freq = [e for e in events if e["ph"] == "C" and e["name"].split(" ")[0] == "freq"]
    expect(len(freq) == samples, f"{len(freq)} frequency counter values for {samples} samples")

# --window keeps the slices overlapping [1 s, 2 s).
windowed = os.path.join(tmp, "w.json")
socsim("export", trace, "--window", "1:2", "-o", windowed, check=0)
check_structure(windowed)
with open(windowed) as f:
    kept = [e for e in json.load(f)["traceEvents"] if e["ph"] == "X"]
expected = int(np.count_nonzero((start < 2_000_000_000) & (finish > 1_000_000_000)))
expect(0 < len(kept) == expected < len(slices), f"window kept {len(kept)} slices, expected {expected}")
socsim("export", trace, "--window", "4.5:", "-o", windowed, check=0)

# Same trace, same bytes: to a file again and to stdout.
again = os.path.join(tmp, "again.json")
socsim("export", trace, "-o", again, check=0)
expect(read_bytes(again) == read_bytes(timeline), "two exports of one trace differ")
p = subprocess.run([os.environ.get("SOCSIM_BIN", "build/socsim"), "export", trace, "-o", "-"], capture_output=True)
expect(p.returncode == 0 and p.stdout == read_bytes(timeline), "export to stdout differs from the file")

# Inputs that are not socsim traces: exit 2, the file named in the message, no output written.
not_hdf5 = os.path.join(tmp, "scenario.json")
with open(not_hdf5, "w") as f:
    f.write('{"tasks": []}\n')
plain_h5 = os.path.join(tmp, "plain.h5")
with h5py.File(plain_h5, "w") as f:
    f["x"] = np.arange(3)
wrong_schema = os.path.join(tmp, "other.h5")
with h5py.File(wrong_schema, "w") as f:
    f.attrs["schema"] = "something-else"
for bad, why in ((not_hdf5, "not an HDF5 file"), (plain_h5, "schema"), (wrong_schema, "something-else"),
                 (os.path.join(tmp, "missing.h5"), "no such file")):
    out = os.path.join(tmp, "bad.json")
    p = socsim("export", bad, "-o", out, check=2)
    expect(bad in p.stderr and why in p.stderr, f"message for {bad} does not say {why!r}: {p.stderr!r}")
    expect(not os.path.exists(out), f"output written for bad input {bad}")

# CARIn's design switches become instants on the task's app track, with their reason and cost.
adapt = os.path.join(tmp, "adapt.h5")
socsim("run", os.path.join(ROOT, "scenarios", "use_cases", "uc1_adapt_tensor_g2.json"), "-o", adapt, check=0)
adapt_json = os.path.join(tmp, "adapt.json")
socsim("export", adapt, "-o", adapt_json, check=0)
with open(adapt_json) as f:
    doc = json.load(f)
events = doc["traceEvents"] if isinstance(doc, dict) else doc
switches = [e for e in events if e.get("cat") == "switch"]
with h5py.File(adapt, "r") as f:
    rows = len(f["switches/time_ns"])
    times = list(f["switches/time_ns"][()])
expect(len(switches) == rows >= 3, f"{rows} /switches rows but {len(switches)} switch instants")
expect([e["ph"] for e in switches] == ["i"] * rows, "switches are instants")
expect([e["ts"] for e in switches] == [t / 1000 for t in times], "instants sit at the switch times (us)")
expect({e["args"]["reason"] for e in switches} >= {"deploy", "processor_issue", "issue_cleared"},
       f"reasons: {[e['args']['reason'] for e in switches]}")

# Usage errors: exit 2.
for args in (("--window", "2:1"), ("--window", "x"), ("--format", "perfetto"), ("-o", trace)):
    socsim("export", trace, *args, check=2)

# An output that cannot be written: exit 3, nothing left behind.
p = socsim("export", trace, "-o", os.path.join(tmp, "no", "such", "dir", "t.json"), check=3)
expect("t.json" in p.stderr, f"I/O error does not name the output: {p.stderr!r}")
done("export")
