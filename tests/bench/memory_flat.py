#!/usr/bin/env python3
"""Peak resident memory of a traced run for 1 and 10 simulated hours (the issue's "flat memory").

    /usr/bin/python3 tests/bench/memory_flat.py [--bin build/socsim] [--scenario scenarios/quickstart.json]

Runs the scenario with its full HDF5 trace for 3600 s and for 36000 s, each in its own process,
and compares the processes' peak RSS: memory must stay within 10 % while the trace grows 10x.
(tests/cli/test_memory_flat.py checks the same in CI with 30 s against 600 s.) Exit 1 on a miss.
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile

import h5py

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def peak(binary, scenario, seconds, tmp):
    out = os.path.join(tmp, f"t{seconds}.h5")
    p = subprocess.Popen([binary, "run", scenario, "-o", out, "--duration-s", str(seconds), "--format", "csv"],
                         stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        raise SystemExit(f"socsim run failed (status {status})")
    with h5py.File(out, "r") as f:
        rows = f["requests"]["id"].shape[0]
    size = os.path.getsize(out)
    os.remove(out)
    return usage.ru_maxrss, rows, size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "socsim"))
    ap.add_argument("--scenario", default=os.path.join(ROOT, "scenarios", "quickstart.json"))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="socsim_mem_bench_")
    try:
        results = {h: peak(os.path.abspath(a.bin), a.scenario, 3600 * h, tmp) for h in (1, 10)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for h, (rss, rows, size) in results.items():
        print(f"{h:2d} h simulated: peak RSS {rss / 1024:7.1f} MiB, {rows:9d} requests, trace {size / 2**20:7.1f} MiB")
    growth = results[10][0] / results[1][0] - 1
    print(f"peak RSS growth from 1 h to 10 h: {100 * growth:+.1f} % (limit +10 %)")
    return 0 if growth <= 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
