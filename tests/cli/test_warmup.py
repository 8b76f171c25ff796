"""The warm-up window: steady-state latency statistics leave out the requests that waited for the
initial deploy, and the cold start is a metric of its own.

On the quickstart (default warm-up: until each task's first completion) every task's mean latency
is at most its p99 and its SD is small, while the cold starts of the tasks that wait for a model
load are far above it; with warmup_s = 0
every request counts and the mean grows by the cold start's share.
"""
import json
import os

from common import done, expect, QUICKSTART, scratch_dir, socsim

runs = json.loads(socsim("run", QUICKSTART, "--duration-s", "10", "--no-trace", "--format", "json", check=0).stdout)
for t in runs["tasks"]:
    expect(t["latency_mean_ms"] <= t["latency_p99_ms"], f"{t['task']}: mean {t['latency_mean_ms']} > p99 {t['latency_p99_ms']}")
    expect(t["warmup_completed"] >= 1, f"{t['task']}: the first request is in the warm-up")
    expect(t["latency_sd_ms"] < t["latency_mean_ms"], f"{t['task']}: SD {t['latency_sd_ms']} dominated by the cold start")
# classify and scene wait for their model loads at start (audio's model is loaded before its first request).
for t in runs["tasks"][:2]:
    expect(t["cold_start_ms"] > 10 * t["latency_p99_ms"], f"{t['task']}: cold start {t['cold_start_ms']} ms")

with open(QUICKSTART) as f:
    sc = json.load(f)
base = os.path.dirname(QUICKSTART)
sc["soc"], sc["models"] = os.path.join(base, sc["soc"]), os.path.join(base, sc["models"])
sc["warmup_s"] = 0
path = os.path.join(scratch_dir("socsim_warmup_"), "no_warmup.json")
with open(path, "w") as f:
    json.dump(sc, f)
cold = json.loads(socsim("run", path, "--duration-s", "10", "--no-trace", "--format", "json", check=0).stdout)
for w, c in zip(runs["tasks"], cold["tasks"]):
    expect(c["warmup_completed"] == 0, "warmup_s 0 leaves nothing out")
    expect(c["latency_mean_ms"] > w["latency_mean_ms"], f"{c['task']}: with the cold start the mean must grow")
    expect(c["completed"] == w["completed"] and c["throughput_hz"] == w["throughput_hz"], "counters do not change")

sc["warmup_s"] = 20
with open(path, "w") as f:
    json.dump(sc, f)
p = socsim("run", path, "--duration-s", "10", "--no-trace", check=2)
expect("/warmup_s" in p.stderr and "shorter" in p.stderr, f"a warm-up longer than the run: {p.stderr}")
done("test_warmup")
