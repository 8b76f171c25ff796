#!/usr/bin/env python3
"""What start-up and the sweep machinery cost per run, as ratios against baselines measured in the same run.

    /usr/bin/python3 tests/bench/sweep_overhead.py [--bin build/socsim] [--runs 24] [--duration-s 2]

Start-up: `socsim run` of an empty scenario (the quickstart's SoC and models, one task, 1 ns
simulated: loading, checking and hashing the inputs, and writing a trace with no rows) against
`socsim version` (the process floor: exec and dynamic linking), best of --repeat each.
Sweeps: the campaign's resolved scenarios run one after another as plain `socsim run` processes
(baseline) against `socsim sweep -j 1` of the same runs (expansion and checks of the campaign,
scenario files, manifest lines, child processes), `socsim merge`, `socsim sweep -j 2`, and
`socsim compare` of the same matrix (`-j 1`); the per-run overhead of a sweep, (sweep - baseline)
/ runs, is stated as a multiple of the empty run. Wall times vary with the machine; the ratios are
what to compare.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIO = os.path.join(ROOT, "scenarios", "suites", "image_classification_tensor_g2.json")
SCHEDULERS = ["fixed", "round_robin", "shortest_expected_latency", "least_slack_time"]


def timed(*cmd, cwd=None):
    t = time.monotonic()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t


def cpu_timed(*cmd):
    """(wall s, user + sys CPU s) of one run: CPU time is what a loaded, shared machine distorts least."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(*cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of(repeat, *cmd):
    """Best wall and best CPU time of `repeat` runs."""
    runs = [cpu_timed(*cmd) for _ in range(repeat)]
    return min(w for w, _ in runs), min(c for _, c in runs)


def empty_scenario(path):
    with open(os.path.join(ROOT, "scenarios", "quickstart.json")) as f:
        s = json.load(f)
    s.update(name="empty", tasks=s["tasks"][:1], duration_s=1e-9,
             soc=os.path.join(ROOT, "socs", "snapdragon865.json"), models=os.path.join(ROOT, "models"))
    with open(path, "w") as f:
        json.dump(s, f)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "socsim"))
    ap.add_argument("--runs", type=int, default=24, help="runs (a multiple of 4: schedulers x seeds)")
    ap.add_argument("--duration-s", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=10, help="start-up: best of this many runs")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    seeds = max(1, a.runs // len(SCHEDULERS))
    tmp = tempfile.mkdtemp(prefix="socsim_sweep_bench_")
    try:
        camp = os.path.join(tmp, "c.json")
        with open(camp, "w") as f:
            json.dump({"name": "bench", "base": SCENARIO, "set": {"/duration_s": a.duration_s},
                       "axes": [{"name": "scheduler", "values": SCHEDULERS},
                                {"name": "seed", "values": list(range(1, seeds + 1))}]}, f)
        empty = os.path.join(tmp, "empty.json")
        empty_scenario(empty)
        version = best_of(a.repeat, binary, "version")
        startup = best_of(a.repeat, binary, "run", empty, "-o", os.path.join(tmp, "e.h5"), "--format", "csv")
        startup_untraced = best_of(a.repeat, binary, "run", empty, "--no-trace", "--format", "csv")
        n = len(SCHEDULERS) * seeds
        # The plan's scenario files, for the baseline (a dry sweep writes nothing, so sweep once).
        sweep1 = timed(binary, "sweep", camp, "-o", os.path.join(tmp, "s1"), "-j", "1")
        merge = timed(binary, "merge", os.path.join(tmp, "s1"))
        scen = os.path.join(tmp, "s1", "scenarios")
        base = 0.0
        for name in sorted(os.listdir(scen)):
            base += timed(binary, "run", os.path.join(scen, name), "-o", os.path.join(tmp, "b.h5"), "--format", "csv")
        sweep2 = timed(binary, "sweep", camp, "-o", os.path.join(tmp, "s2"), "-j", "2")
        compare = timed(binary, "compare", SCENARIO, "--scheduler", *SCHEDULERS, "--seeds", f"1-{seeds}",
                        "--duration-s", f"{a.duration_s:g}", "-j", "1", "-o", os.path.join(tmp, "cmp"), "--format", "csv")
        print(f"start-up, best of {a.repeat} ({binary})")
        print(f"{'':28} {'wall ms':>8} {'ratio':>7} {'CPU ms':>8} {'ratio':>7}")
        for label, (w, c) in [("socsim version (floor)", version), ("run empty scenario", startup),
                              ("run empty, --no-trace", startup_untraced)]:
            print(f"{label:28} {1000 * w:8.1f} {w / version[0]:7.2f} {1000 * c:8.1f} {c / version[1]:7.2f}")
        print()
        print(f"{n} runs of {a.duration_s:g} simulated s")
        print(f"{'':28} {'wall s':>8} {'per run ms':>11} {'ratio':>7}")
        for label, t in [("baseline: socsim run x N", base), ("sweep -j 1", sweep1), ("merge", merge),
                         ("sweep -j 2", sweep2), ("compare -j 1 (incl. merge)", compare)]:
            print(f"{label:28} {t:8.2f} {1000 * t / n:11.1f} {t / base:7.2f}")
        for label, t in [("sweep -j 1", sweep1), ("compare -j 1", compare)]:
            over = (t - base) / n
            print(f"per-run overhead of {label}: {1000 * over:.1f} ms = {over / startup[0]:.2f} x the empty run")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
