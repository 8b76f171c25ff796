"""Memory stays flat as simulated time grows: the trace is streamed, statistics are constant-size.

Runs the quickstart for 30 s and for 20x longer and compares peak resident memory of the two
processes. A trace held in memory would grow ~20x; a streamed one stays within a few MiB.
"""
import os
import subprocess
import sys

import h5py

from common import BIN, done, expect, QUICKSTART, scratch_dir

PROBE = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); " \
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def peak_kib(seconds):
    out = os.path.join(scratch_dir("socsim_mem_"), "t.h5")
    r = subprocess.run([sys.executable, "-c", PROBE, BIN, "run", QUICKSTART, "-o", out, "--duration-s", str(seconds)],
                       capture_output=True, text=True, check=True)
    with h5py.File(out, "r") as f:
        rows = f["requests"]["id"].shape[0]
    return int(r.stdout.strip()), rows


short_rss, short_rows = peak_kib(30)
long_rss, long_rows = peak_kib(600)
print(f"peak RSS: 30 s -> {short_rss} KiB ({short_rows} requests); 600 s -> {long_rss} KiB ({long_rows} requests)")
expect(long_rows > 15 * short_rows, "the long run should trace 20x the requests")
expect(long_rss < short_rss * 1.25 + 8 * 1024, f"memory grew with simulated time: {short_rss} -> {long_rss} KiB")
done("memory_flat")
