"""SIGINT and SIGTERM during `socsim run`: the run stops at the next event boundary, keeps its
partial trace as <name>.interrupted.h5 (readable, marked), never under the final name, prints a
message and exits 130.
"""
import glob
import os
import signal
import subprocess
import sys
import time

import h5py

from common import BIN, done, expect, fail, QUICKSTART, ROOT, scratch_dir

sys.path.insert(0, ROOT)
from analysis import trace  # noqa: E402

# Long enough that no machine finishes it before the signal (the quickstart runs ~7000 events per
# simulated minute; this is ~100 M events, minutes even in a Release build).
LONG = "864000"


def wait_for(cond, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        time.sleep(0.05)
    fail(f"timed out after {timeout} s waiting for {what}")


def interrupt(sig, extra=(), trace=True):
    """Starts a long run, sends `sig` once it is under way, returns (process, stdout, stderr, dir)."""
    d = scratch_dir("socsim_int_")
    out = os.path.join(d, "run.h5")
    args = [BIN, "run", QUICKSTART, "--duration-s", LONG, *extra]
    args += ["-o", out] if trace else ["--no-trace"]
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if trace:
        # The trace has started: its temporary (run.h5.part-XXXXXXXXXXXX) exists; then let the run
        # put records in it.
        wait_for(lambda: glob.glob(out + ".part-*") or p.poll() is not None, 60, "the trace's temporary")
    time.sleep(1.0)
    if p.poll() is not None:
        fail(f"the run ended before the signal: exit {p.returncode}, stderr {p.stderr.read()}")
    p.send_signal(sig)
    try:
        stdout, stderr = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        fail(f"socsim did not stop within 60 s of {signal.Signals(sig).name}")
    return p, stdout, stderr, d


for sig, name in ((signal.SIGINT, "SIGINT"), (signal.SIGTERM, "SIGTERM")):
    p, stdout, stderr, d = interrupt(sig)
    out = os.path.join(d, "run.h5")
    kept = os.path.join(d, "run.interrupted.h5")
    expect(p.returncode == 130, f"{name}: exit {p.returncode}, expected 130; stderr:\n{stderr}")
    expect(not os.path.exists(out), f"{name}: a file exists under the final name")
    expect(not glob.glob(out + ".part*"), f"{name}: the trace's temporary was left behind")
    expect(os.listdir(d) == ["run.interrupted.h5"], f"{name}: unexpected files {os.listdir(d)}")
    expect(f"interrupted by {name}" in stderr and kept in stderr, f"{name}: message on stderr:\n{stderr}")
    expect(stdout == "", f"{name}: nothing on stdout for a stopped run, got:\n{stdout}")

    with h5py.File(kept, "r") as f:
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
        expect(attrs.get("status") == "interrupted", f"{name}: status attribute {attrs.get('status')!r}")
        expect(attrs.get("stop_reason") == name, f"{name}: stop_reason {attrs.get('stop_reason')!r}")
        expect(attrs.get("stop_message") == f"interrupted by {name}", f"{name}: stop_message")
        sim_time = int(f["summary"].attrs["sim_time_ns"])
        expect(0 < sim_time < int(LONG) * 10**9, f"{name}: sim_time_ns {sim_time} should be partial")
        events = int(f["summary"].attrs["events"])
        expect(events > 0, f"{name}: no events")
    req = trace.load(kept, "requests")
    summ = trace.load(kept, "summary")
    expect(len(req) > 0, f"{name}: the partial trace has no requests")
    expect(req.finish_ns.max() <= sim_time, f"{name}: a request finishes after the stop")
    # Every request that arrived is finished, dropped or pending in the partial summary too.
    expect(((summ.arrived == summ.completed + summ.dropped + summ.pending)).all(), f"{name}: accounting")
    expect(len(req) == int(summ.completed.sum() + summ.dropped.sum()), f"{name}: /requests vs summary")
    # Throughput is restated over the simulated time reached, not the scenario's duration.
    expected = summ.completed / (sim_time * 1e-9)
    expect(((summ.throughput_hz - expected).abs() <= 1e-6 * expected + 1e-9).all(), f"{name}: throughput")

# Without a trace: same exit code, nothing written, the message says so. (Nothing on disk shows
# when the run loop has started, so on a slow machine the signal may come while the scenario is
# still loading: that is reported as a stop before the run started, also with nothing written.)
p, stdout, stderr, d = interrupt(signal.SIGINT, trace=False)
expect(p.returncode == 130, f"--no-trace: exit {p.returncode}; stderr:\n{stderr}")
expect(os.listdir(d) == [], "--no-trace: files were written")
expect("no trace written" in stderr or "before the run started; nothing written" in stderr,
       f"--no-trace: message:\n{stderr}")

done("interrupt")
