#!/usr/bin/python3
"""Little's law, L = lambda W, on every shipped scenario (scenarios/**/*.json), from the trace.

Per run, over all of the app's tasks together:
- L, the time-average number of requests in the system, is the occupancy of the trace's
  [arrival, finish) intervals swept over the window (tracestats.occupancy_integral), not a sum of
  latencies;
- lambda is the rate of the requests that arrived in the window and completed, W their mean time
  in system (finish - arrival);
- window: [0, T'] with T' the end of the trace's complete window (tracestats.py): every request
  that arrived before T' has a row. Requests still *pending* at the end (no row) arrive at or
  after T' and are outside; requests that arrived before T' and finish after it are the edge
  term R = sum(max(0, finish - T')) / T', so that lambda W = L + R holds exactly on the sample
  path — checked to the nanosecond — and the relative gap (lambda W - L) / L, the edge effect, is
  reported and must stay within 2 %;
- *dropped* requests are counted apart and excluded from L, lambda and W: the trace records when a
  dropped request arrived but not when it left (the queue-full drops of these scenarios leave at
  once).
The trace is also reconciled with socsim's own summary (--format json; its latency mean is the
steady state's, after the warm-up): arrived = rows + pending,
and per task completed, dropped and the mean latency (its Welford mean vs the trace's).
Writes RESULTS/littles_law.json, prints a table; exit 1 on any failure. One mode: the scenarios run
at their own durations (20-120 s simulated), in CI and in `make validation` alike.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import tracestats  # noqa: E402

TOLERANCE = 0.02


def shipped_scenarios(root: str) -> list[str]:
    return sorted(glob.glob(os.path.join(root, "scenarios", "*.json")) +
                  glob.glob(os.path.join(root, "scenarios", "*", "*.json")))


def run(binary: str, scenario: str, out_dir: str) -> tuple[str, dict]:
    h5 = os.path.join(out_dir, os.path.relpath(scenario, ROOT).replace(os.sep, "__").removesuffix(".json") + ".h5")
    p = subprocess.run([binary, "run", scenario, "-o", h5, "--format", "json"], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"socsim run {scenario}: exit {p.returncode}\n{p.stderr}")
    return h5, json.loads(p.stdout)


def check(scenario: str, h5: str, summary: dict) -> dict:
    problems = []
    req = tracestats.load_requests(h5)
    tasks = summary["tasks"]
    arrived = sum(t["arrived"] for t in tasks)
    pending = sum(t["pending"] for t in tasks)
    if len(req.id) + pending != arrived:
        problems.append(f"{len(req.id)} rows + {pending} pending != {arrived} arrived")
    if len(req.id) and req.id[-1] >= arrived:
        problems.append(f"request id {req.id[-1]} >= {arrived} arrivals")
    for k, t in enumerate(tasks):
        mine = req.task == k
        done = mine & ~req.dropped
        if int(done.sum()) != t["completed"] or int((mine & req.dropped).sum()) != t["dropped"]:
            problems.append(f"task {t['task']}: trace has {int(done.sum())} completed / {int((mine & req.dropped).sum())} "
                            f"dropped, summary {t['completed']} / {t['dropped']}")
        # The summary's latency statistics are the steady state's: requests that arrived before the
        # warm-up end (warmup_s, or the task's first completion) are left out of them.
        steady = done & (req.arrival >= round(t["warmup_end_ms"] * 1e6))
        if int((done & ~steady).sum()) != t["warmup_completed"]:
            problems.append(f"task {t['task']}: trace has {int((done & ~steady).sum())} warm-up requests, summary "
                            f"{t['warmup_completed']}")
        if steady.any():
            mean_ms = float((req.finish[steady] - req.arrival[steady]).mean()) * 1e-6
            if abs(mean_ms - t["latency_mean_ms"]) > 2e-6 + 1e-9 * mean_ms:
                problems.append(f"task {t['task']}: trace mean latency {mean_ms:.6f} ms, summary {t['latency_mean_ms']:.6f} ms")

    sim_ns = int(round(summary["sim_time_s"] * 1e9))
    end = req.complete_until()
    # Every arrival before T' has a row: T' is the last accounted arrival, or the run's end when nothing is pending.
    t_end = sim_ns if pending == 0 else int(req.arrival[end - 1])
    ok = ~req.dropped[:end]
    a, f = req.arrival[:end][ok], req.finish[:end][ok]
    if (f < a).any():
        problems.append("a request finished before it arrived")
    area = float(tracestats.occupancy_integral(a, f, np.array([t_end]))[0])  # request-ns in [0, T']
    total = int((f - a).sum())                # lambda W T' in request-ns, exact
    edge = int(np.maximum(0, f - t_end).sum())  # R T'
    if abs(total - edge - area) > 1e-9 * max(total, 1):
        problems.append(f"lambda W T' - R T' = {total - edge} request-ns but the swept occupancy is {area:.0f}")
    L = area / t_end
    lam = len(a) / (t_end * 1e-9)
    W = (total / len(a)) * 1e-9 if len(a) else 0.0
    gap = (lam * W - L) / L if L > 0 else 0.0
    if abs(gap) > TOLERANCE:
        problems.append(f"edge effect {gap * 100:.2f} % exceeds {TOLERANCE * 100:.0f} %")
    return {"scenario": os.path.relpath(scenario, ROOT), "arrived": arrived, "dropped": int(req.dropped.sum()),
            "pending": pending, "window_s": t_end * 1e-9, "run_s": sim_ns * 1e-9, "L": L, "lambda_hz": lam,
            "W_s": W, "lambda_W": lam * W, "edge": edge / t_end, "gap": gap, "problems": problems,
            "pass": not problems}


def table(results: list[dict]) -> list[str]:
    rows = ["| scenario | arrived | dropped | pending | window (s) | L (time average) | λ (Hz) | W (ms) | λW "
            "| λW − L (edge term) | verdict |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        rows.append(f"| {r['scenario']} | {r['arrived']:,} | {r['dropped']:,} | {r['pending']} "
                    f"| {r['window_s']:.3f} of {r['run_s']:.0f} | {r['L']:.5f} | {r['lambda_hz']:.3f} "
                    f"| {r['W_s'] * 1e3:.3f} | {r['lambda_W']:.5f} | {r['gap'] * 100:.4f} % "
                    f"| {'pass' if r['pass'] else '**miss**'} |")
    return rows


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.environ.get("SOCSIM_BIN", "build/socsim"))
    ap.add_argument("-o", "--out", default="results/validation", help="directory for littles_law.json")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args(argv)

    scenarios = shipped_scenarios(ROOT)
    if not scenarios:
        print("littles_law: no shipped scenarios found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="socsim_little_") as tmp:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            runs = list(pool.map(lambda s: run(args.bin, s, tmp), scenarios))
        results = [check(s, h5, summary) for s, (h5, summary) in zip(scenarios, runs)]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "littles_law.json"), "w") as f:
        json.dump({"tolerance": TOLERANCE, "results": results}, f, indent=1)
    print("\n".join(table(results)))
    bad = [r for r in results if not r["pass"]]
    for r in bad:
        print(f"littles_law: {r['scenario']}: " + "; ".join(r["problems"]), file=sys.stderr)
    if bad:
        return 1
    print(f"littles_law: {len(results)} shipped scenarios, L = λW up to the named edge term, trace = summary")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
