"""socsim sweep / merge end to end.

One small campaign (2 fps values x 2 schedulers x 2 replications = 8 runs of 2 simulated seconds)
gives the same summary.csv and byte-identical run files with -j 1, -j 2, two shards sharing one
directory, and mpirun -n 2; a sweep killed midway (SIGKILL to its process group) resumes to the
same result; bad campaigns and incomplete directories exit 2 with clear messages.

Byte identity: each run is a `socsim run` child started in the sweep directory with paths relative
to it (scenarios/<id>.json, runs/<id>.h5), so the trace's command_line attribute, the only
input-dependent text that could differ, is the same whatever -o names. The resolved scenarios hold
absolute SoC/model paths, identical within one checkout. So the files are compared byte for byte.
"""
import csv
import filecmp
import json
import os
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import BIN, done, expect, fail, ROOT, scratch_dir, socsim  # noqa: E402

tmp = scratch_dir("socsim_sweep_")
BASE = os.path.relpath(os.path.join(ROOT, "scenarios", "suites", "image_classification_tensor_g2.json"), tmp)


def campaign(name, **changes):
    c = {
        "name": "small",
        "base": BASE,
        "set": {"/duration_s": 2},
        "axes": [
            {"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [10, 20]},
            {"name": "scheduler", "values": ["fixed", "round_robin"]},
        ],
        "replications": 2,
    }
    c.update(changes)
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        json.dump(c, f, indent=1)
    return path


CAMPAIGN = campaign("camp.json")
timings = {}


def timed(label, *args, check=0, env=None, argv=None):
    t = time.time()
    if argv:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=600, env=env, cwd=tmp)
        if p.returncode != check:
            fail(f"{' '.join(argv)}: exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    else:
        p = socsim(*args, check=check, cwd=tmp)
    timings[label] = time.time() - t
    return p


def same_results(a, b):
    da, db = os.path.join(tmp, a), os.path.join(tmp, b)
    expect(filecmp.cmp(os.path.join(da, "summary.csv"), os.path.join(db, "summary.csv"), shallow=False),
           f"{a}/summary.csv and {b}/summary.csv differ")
    runs_a, runs_b = sorted(os.listdir(os.path.join(da, "runs"))), sorted(os.listdir(os.path.join(db, "runs")))
    expect(runs_a == runs_b, f"run files differ: {runs_a} vs {runs_b}")
    expect(len(runs_a) == 8 and all(r.endswith(".h5") for r in runs_a), f"expected 8 traces, got {runs_a}")
    _, mismatch, errors = filecmp.cmpfiles(os.path.join(da, "runs"), os.path.join(db, "runs"), runs_a, shallow=False)
    expect(not mismatch and not errors, f"{a} vs {b}: traces not byte-identical: {mismatch} {errors}")


# ---- dry run: canonical order, ids, seeds
p = socsim("sweep", CAMPAIGN, "--dry-run", "--format", "csv", check=0, cwd=tmp)
rows = [line.split(",") for line in p.stdout.strip().splitlines()]
expect(rows[0] == ["run", "run_id", "fps", "scheduler", "replication", "seed"], f"header: {rows[0]}")
expect([r[2:5] for r in rows[1:]] == [[f, s, r] for f in ("10", "20") for s in ("fixed", "round_robin") for r in "01"],
       f"order: {rows[1:]}")
expect(len({r[1] for r in rows[1:]}) == 8 and all(len(r[1]) == 16 for r in rows[1:]), "run ids unique, 16 hex digits")
expect(all(r[5] == "42" for r in rows[1:] if r[4] == "0"), "replication 0 keeps the base seed (42)")
expect(len({r[5] for r in rows[1:]}) == 2, "one seed per replication, shared by every combination")
p2 = socsim("sweep", CAMPAIGN, "--dry-run", "--format", "csv", check=0, cwd=tmp)
expect(p2.stdout == p.stdout, "dry runs agree")
socsim("validate", CAMPAIGN, check=0, cwd=tmp)

# ---- -j 1, -j 2, two shards, MPI: identical results
timed("sweep -j 1", "sweep", CAMPAIGN, "-o", "j1", "-j", "1")
timed("merge", "merge", "j1")
timed("sweep -j 2", "sweep", CAMPAIGN, "-o", "j2", "-j", "2")
socsim("merge", "j2", check=0, cwd=tmp)
same_results("j1", "j2")

timed("sweep --shard 1/2", "sweep", CAMPAIGN, "-o", "sh", "--shard", "1/2", "-j", "2")
p = socsim("merge", "sh", check=2, cwd=tmp)
expect("missing" in p.stderr and "run 1 (" in p.stderr and "cannot merge: 4 of 8 runs missing" in p.stderr,
       f"merge of half a sweep: {p.stderr}")
expect(not os.path.exists(os.path.join(tmp, "sh", "summary.csv")), "no summary.csv from an incomplete merge")
p = socsim("merge", "sh", "--partial", check=0, cwd=tmp)
expect("merged 4 of 8 runs" in p.stdout, f"merge --partial: {p.stdout}")
with open(os.path.join(tmp, "sh", "summary.csv")) as f:
    expect(sorted({line.split(",")[0] for line in f.read().splitlines()[1:]}) == ["0", "2", "4", "6"],
           "merge --partial lists the finished runs only")
timed("sweep --shard 2/2", "sweep", CAMPAIGN, "-o", "sh", "--shard", "2/2", "-j", "2")
socsim("merge", "sh", check=0, cwd=tmp)
same_results("j1", "sh")
with open(os.path.join(tmp, "sh", "manifest.jsonl")) as f:
    lines = [json.loads(line) for line in f]
expect(sorted(e["index"] for e in lines) == list(range(8)), f"manifest lists every run once: {lines}")

# The summary: one row per run x task, coordinates as columns; the index links every run.
with open(os.path.join(tmp, "j1", "summary.csv")) as f:
    summary = [line.rstrip("\n").split(",") for line in f]
expect(summary[0][:8] == ["run", "run_id", "fps", "scheduler", "replication", "seed", "task", "arrived"],
       f"summary header: {summary[0]}")
expect(len(summary) == 1 + 8, f"one task per run: {len(summary) - 1} rows")
expect(summary[0][-11:] == ["run_scenario", "run_soc", "run_scheduler", "run_energy_mj", "run_peak_temp_c",
                            "run_peak_memory_mib", "run_storage_mib", "run_switches", "run_switch_time_ms",
                            "run_solve_time_ms", "run_sim_time_s", "trace"][-11:] and summary[0][-12] == "run_scenario",
       f"summary's run columns: {summary[0]}")
expect(all(r[-1] == f"runs/{r[1]}.h5" and r[summary[0].index("run_scheduler")] == r[3] for r in summary[1:]),
       "each row names its trace and the scheduler the trace recorded")
import h5py  # noqa: E402

with h5py.File(os.path.join(tmp, "j1", "index.h5"), "r") as f:
    ids = sorted(f["runs"])
    expect(ids == sorted(r[1] for r in summary[1:]), "index.h5 links every run")
    expect(f["runs"][ids[0]].attrs["schema"] in ("socsim-trace", b"socsim-trace"), "links open the run traces")

# analysis/fig_sweep.py plots a merged sweep: one point per fps x scheduler x metric, each the mean of
# the 2 replications (checked against summary.csv), and names the axes when asked for another.
fig = subprocess.run([sys.executable, os.path.join(ROOT, "analysis", "fig_sweep.py"), "j1", "-o", "fig"], cwd=tmp,
                     capture_output=True, text=True)
expect(fig.returncode == 0, f"fig_sweep: {fig.stderr}")
with open(os.path.join(tmp, "fig", "sweep.csv")) as f:
    plotted = list(csv.DictReader(f))
expect(len(plotted) == 2 * 2 * 4 and all(r["n"] == "2" for r in plotted), f"fig_sweep points: {plotted}")
head = summary[0]
p90 = [float(r[head.index("latency_p90_ms")]) for r in summary[1:] if r[2] == "20" and r[3] == "round_robin"]
point = next(r for r in plotted if r["fps"] == "20" and r["scheduler"] == "round_robin" and r["metric"] == "latency_p90_ms")
expect(abs(float(point["mean"]) - sum(p90) / len(p90)) <= 1e-5 * max(1.0, abs(float(point["mean"]))),
       f"fig_sweep mean {point['mean']} vs summary.csv {p90}")
expect(all(os.path.getsize(os.path.join(tmp, "fig", "sweep." + e)) > 0 for e in ("png", "pdf")), "fig_sweep files")
fig = subprocess.run([sys.executable, os.path.join(ROOT, "analysis", "fig_sweep.py"), "j1", "--x", "nope"], cwd=tmp,
                     capture_output=True, text=True)
expect(fig.returncode == 2 and "its axes: fps, scheduler" in fig.stderr, f"fig_sweep --x nope: {fig.stderr}")

mpi = socsim("sweep", CAMPAIGN, "--dry-run", "--backend", "mpi", cwd=tmp)
if mpi.returncode != 0:
    expect("built without MPI" in mpi.stderr, f"--backend mpi: {mpi.stderr}")
    print("SKIP mpirun -n 2: this socsim was built without MPI (install libopenmpi-dev; .ci/install-deps.sh does)")
elif not shutil.which("mpirun"):
    fail("socsim has the MPI backend but mpirun is not on PATH (install openmpi-bin)")
else:
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    # Open MPI does not free its plugins' state at exit (their unloaded modules leave stacks
    # LeakSanitizer cannot even symbolise): under the sanitizer job (.ci/sanitize.sh) leak checking
    # is off for the MPI ranks only; every other ASan check stays on.
    if "ASAN_OPTIONS" in env:
        env["ASAN_OPTIONS"] += ":detect_leaks=0"
    timed("mpirun -n 2 sweep", argv=["mpirun", "-n", "2", BIN, "sweep", CAMPAIGN, "-o", "mpi", "--backend", "mpi"],
          env=env)
    socsim("merge", "mpi", check=0, cwd=tmp)
    same_results("j1", "mpi")

# ---- kill midway, resume
proc = subprocess.Popen([BIN, "sweep", CAMPAIGN, "-o", "killed", "-j", "1"], cwd=tmp, start_new_session=True,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
manifest = os.path.join(tmp, "killed", "manifest.jsonl")
deadline = time.time() + 120
while time.time() < deadline:
    if os.path.exists(manifest) and sum(1 for _ in open(manifest)) >= 2:
        break
    time.sleep(0.02)
os.killpg(proc.pid, signal.SIGKILL)
proc.wait()
finished = sum(1 for _ in open(manifest))
expect(2 <= finished < 8, f"killed midway: {finished} runs finished")
socsim("merge", "killed", check=2, cwd=tmp)
p = socsim("sweep", CAMPAIGN, "-o", "killed", cwd=tmp, check=2)
expect("--resume" in p.stderr, f"rerun without --resume is refused: {p.stderr}")
with open(os.path.join(tmp, "j1", "campaign.json")) as f:
    plan = json.load(f)
stray = os.path.join(tmp, "killed", "runs", plan["runs"][7]["id"] + ".h5.part")
open(stray, "w").write("partial")
timed("sweep --resume", "sweep", CAMPAIGN, "-o", "killed", "--resume", "-j", "2")
expect(not any(".part" in n for n in os.listdir(os.path.join(tmp, "killed", "runs"))), "no .part left")
socsim("merge", "killed", check=0, cwd=tmp)
same_results("j1", "killed")
p = socsim("sweep", CAMPAIGN, "-o", "killed", "--resume", check=0, cwd=tmp)
expect("0 of 8 runs done here" in p.stdout, f"resume of a finished sweep runs nothing: {p.stdout}")

# ---- bad inputs: exit 2, compiler-style messages, nothing run
def bad(name, needle, *extra, **changes):
    path = campaign(name, **changes)
    p = socsim("sweep", path, "-o", name + ".out", *extra, cwd=tmp)
    expect(p.returncode == 2, f"{name}: exit {p.returncode}, expected 2\n{p.stderr}")
    expect(needle in p.stderr, f"{name}: expected {needle!r} in:\n{p.stderr}")
    expect(not os.path.exists(os.path.join(tmp, name + ".out")), f"{name}: nothing written")
    return p


bad("schema.json", "schema.json: error: /axes/0/values", axes=[{"name": "fps", "values": []}])
bad("unknown_key.json", "unknown_key.json: error:", extra_key=1)
bad("pointer.json", "error: /axes/0/pointer: pointer \"/tasks/5/arrival/fps\" names no place in the base scenario",
    axes=[{"name": "fps", "pointer": "/tasks/5/arrival/fps", "values": [10]}])
p = bad("value.json", "value.json: error: /axes/0/values/1: axis \"fps\" value -5 makes the scenario invalid",
        axes=[{"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [10, -5]}])
expect("/tasks/0/arrival/fps" in p.stderr, f"the scenario's own diagnostic is quoted: {p.stderr}")
bad("scheduler.json", "error: /axes/1/values/1: axis \"scheduler\" value \"no_such\" makes the scenario invalid",
    axes=[{"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [10]},
          {"name": "scheduler", "values": ["fixed", "no_such"]}])
bad("special.json", "axis \"speed\" has no pointer", axes=[{"name": "speed", "values": [1]}])
bad("zip.json", "/axes/1/values: axis \"scheduler\" has 3 values; in zip mode every axis needs as many as the first (2)",
    mode="zip", axes=[{"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [10, 20]},
                      {"name": "scheduler", "values": ["fixed", "round_robin", "carin"]}])
bad("seedrep.json", "/replications: replications 2 with a seed axis",
    axes=[{"name": "seed", "values": [1, 2]}])
bad("max.json", "expands to 8 runs, more than max_runs 4", max_runs=4)
socsim("sweep", campaign("max_forced.json", max_runs=4), "--dry-run", "--force", check=0, cwd=tmp)
bad("huge.json", "expands to 40004 runs, more than max_runs 10000", replications=10001)
p = socsim("sweep", CAMPAIGN, "-o", "x", "--shard", "3/2", cwd=tmp, check=2)
expect("--shard wants K/N" in p.stderr, p.stderr)
p = socsim("merge", "nowhere", cwd=tmp, check=2)
expect("not a sweep directory" in p.stderr, p.stderr)
p = socsim("sweep", campaign("other.json", replications=1), "-o", "j1", "--resume", cwd=tmp, check=2)
expect("another campaign" in p.stderr, p.stderr)

print("timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
shutil.rmtree(tmp)
# The shipped example campaigns are valid and expand.
for name in sorted(os.listdir(os.path.join(ROOT, "campaigns"))):
    path = os.path.join(ROOT, "campaigns", name)
    socsim("validate", path, check=0)
    p = socsim("sweep", path, "--dry-run", "--format", "csv", check=0)
    expect(len(p.stdout.splitlines()) > 1, f"{name} expands to no run")

done("test_sweep")
