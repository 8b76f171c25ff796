"""Adversarial inputs and a shared machine (issue 20): socsim never crashes, hangs, writes through
a planted link or corrupts an output; every bad input exits 2 and creates nothing.

Covered: two runs writing one -o path at once; links planted at the old fixed temporary names;
a 100 000-character name (and a 30 000-character identifier, which crashed std::regex) in every
file kind; a FIFO, a directory, a device and a symbolic link loop as inputs; extreme physical
values and tiny periods; validate and `sweep --dry-run` agreeing with run over every scheduler
parameter; a NUL inside a path; no output folder on invalid input; campaign `set` errors with
their pointer; a sweep's children dying with it and --resume afterwards.
"""
import glob
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import BIN, data_copy, done, expect, scratch_dir, socsim  # noqa: E402

BIN = os.path.abspath(BIN)

root = data_copy()
tmp = scratch_dir("socsim_robust_")
QS = os.path.join(root, "scenarios", "quickstart.json")


def load(path):
    with open(path) as f:
        return json.load(f)


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)


def scenario_with(name, mutate, base=QS):
    doc = load(base)
    mutate(doc)
    path = os.path.join(os.path.dirname(base), name)
    write(path, doc)
    return path


def run_exit(path, *extra, timeout=60):
    out = os.path.join(tmp, "never", "t.h5")
    p = subprocess.run([BIN, "run", path, "-o", out, "--duration-s", "0.2", *extra], capture_output=True, text=True,
                       timeout=timeout)
    expect(not os.path.exists(os.path.join(tmp, "never")), f"{path}: run created its output folder:\n{p.stderr}")
    return p


def invalid(label, path, *needles, kinds=("run", "validate")):
    """`socsim run` and `socsim validate` both exit 2 quickly, naming every needle."""
    for kind in kinds:
        if kind == "run":
            p = run_exit(path)
        else:
            p = subprocess.run([BIN, "validate", path], capture_output=True, text=True, timeout=60)
        expect(p.returncode == 2, f"{label}: {kind} exit {p.returncode}, expected 2\n{p.stderr[:2000]}")
        for n in needles:
            expect(n in p.stderr, f"{label}: {kind}: message lacks {n!r}:\n{p.stderr[:2000]}")
    print(f"{label}: ok")


# ---- 1. outputs: one writer per path, unique temporaries, planted links never followed -------
out = os.path.join(tmp, "same.h5")
args = [BIN, "run", QS, "-o", out, "--duration-s", "20"]
procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
codes = sorted(c for c, _ in results)
expect(codes[0] == 0, f"concurrent writers: none succeeded: {results}")
expect(all(c in (0, 3) for c in codes), f"concurrent writers: exit codes {codes}")
for c, err in results:
    if c == 3:
        expect("is being written by another process" in err, f"refused writer's message: {err}")
check = subprocess.run(["/usr/bin/python3", "-c", f"import h5py; f = h5py.File({out!r}); "
                        "print(len(f['requests/id'][:]))"], capture_output=True, text=True)
expect(check.returncode == 0 and int(check.stdout) > 0, f"concurrent writers: final trace unreadable: {check.stderr}")
expect(sorted(os.listdir(tmp)) == ["same.h5"], f"concurrent writers left: {os.listdir(tmp)}")
print(f"concurrent writers ({codes}): ok")

victim = os.path.join(tmp, "victim")
with open(victim, "w") as f:
    f.write("precious")
planted = os.path.join(tmp, "planted.h5")
os.symlink(victim, planted + ".part")
socsim("run", QS, "-o", planted, "--duration-s", "0.5", check=0)
expect(open(victim).read() == "precious", "the trace was written through a link at .part")
os.symlink(victim, os.path.join(tmp, "locked.h5.lock"))
p = socsim("run", QS, "-o", os.path.join(tmp, "locked.h5"), "--duration-s", "0.5", check=3)
expect("symbolic link" in p.stderr, f"a link at the lock file: {p.stderr}")
expect(open(victim).read() == "precious", "the lock was taken through a link")
os.symlink(victim, os.path.join(tmp, "timeline.json.part"))
socsim("export", planted, "-o", os.path.join(tmp, "timeline.json"), check=0)
expect(open(victim).read() == "precious", "export wrote through a link at .part")
print("planted links: ok")

# ---- 2. long strings: a 100 000-character name and a 30 000-character identifier, every kind ----
soc_file = os.path.join(root, "socs", load(QS)["soc"].split("/")[-1])
family_file = sorted(glob.glob(os.path.join(root, "models", "*.json")))[0]
profile_file = os.path.join(root, "models", "profiles", load(soc_file)["name"] + ".json")
campaign_file = os.path.join(root, "scenarios", "c.json")
write(campaign_file, {"name": "c", "base": "quickstart.json", "axes": [{"name": "seed", "values": [1, 2]}]})


def set_name(path, mutate, name):
    doc = load(path)
    mutate(doc, name)
    copy = os.path.join(os.path.dirname(path), "long_" + os.path.basename(path))
    write(copy, doc)
    return copy


KINDS = [
    ("soc", soc_file, lambda d, s: d.update(name=s)),
    ("model family", family_file, lambda d, s: d["variants"][0].update(name=s)),
    ("profiles", profile_file, lambda d, s: d["profiles"][0].update(variant=s)),
    ("scenario", QS, lambda d, s: d["tasks"][0].update(name=s)),
    ("campaign", campaign_file, lambda d, s: d.update(name=s)),
]
# Under the 65 536-byte string cap, a 30 000-character identifier reaches the pattern check.
for name, needle in (("a" * 100000, "is too long"), ("A" * 30000, "does not match the pattern")):
    for kind, path, mutate in KINDS:
        copy = set_name(path, mutate, name)
        invalid(f"{len(name)}-character name in a {kind} file", copy, needle, kinds=("validate",))
        os.remove(copy)
long_task = scenario_with("long_task.json", lambda d: d["tasks"][0].update(name="a" * 100000))
invalid("100000-character task name (run)", long_task, "/tasks/0/name", "is too long")
socsim("sweep", campaign_file, "--dry-run", check=0)
long_set = os.path.join(root, "scenarios", "long_set.json")
write(long_set, {"name": "c", "base": "quickstart.json", "set": {"/tasks/0/name": "B" * 30000},
                 "axes": [{"name": "seed", "values": [1]}]})
invalid("30000-character identifier through a campaign set", long_set, "/set/~1tasks~10~1name", kinds=("validate",))
p = socsim("sweep", long_set, "--dry-run", check=2)
expect("/set/~1tasks~10~1name" in p.stderr, f"sweep --dry-run of a long set value: {p.stderr[:500]}")

# ---- 3. only regular files are read; loops are input errors ------------------------------------
fifo = os.path.join(tmp, "fifo.json")
os.mkfifo(fifo)
invalid("a FIFO as the scenario", fifo, "FIFO", "expected a regular file")
invalid("a directory as the scenario", tmp, "directory")
invalid("a device as the scenario", "/dev/zero", "character device")
fifo_soc = scenario_with("fifo_soc.json", lambda d: d.update(soc=fifo))
invalid("a FIFO as the SoC file", fifo_soc, "FIFO")
loop_lib = os.path.join(tmp, "looplib")
os.makedirs(loop_lib)
for f in glob.glob(os.path.join(root, "models", "*.json")):
    os.symlink(f, os.path.join(loop_lib, os.path.basename(f)))
os.symlink(os.path.join(root, "models", "profiles"), os.path.join(loop_lib, "profiles"))
os.symlink(os.path.join(loop_lib, "b.json"), os.path.join(loop_lib, "a.json"))
os.symlink(os.path.join(loop_lib, "a.json"), os.path.join(loop_lib, "b.json"))
loop_scenario = scenario_with("loop.json", lambda d: d.update(models=loop_lib))
invalid("a symbolic link loop among model files", loop_scenario, "a.json", "symbolic link")
p = subprocess.run([BIN, "export", fifo, "-o", os.path.join(tmp, "x.json")], capture_output=True, text=True, timeout=60)
expect(p.returncode == 2 and "regular file" in p.stderr, f"export of a FIFO: {p.returncode} {p.stderr}")
print("FIFO, directory, device, loop: ok")

# ---- 4. extreme physical values, tiny periods ---------------------------------------------------
def soc_case(label, mutate, needle):
    doc = load(soc_file)
    mutate(doc)
    bad_soc = os.path.join(root, "socs", "extreme.json")
    write(bad_soc, doc)
    path = scenario_with("extreme.json", lambda d: d.update(soc="../socs/extreme.json"))
    invalid(label, path, "extreme.json", needle)


soc_case("DRAM bandwidth 1e-12", lambda d: d["memory"].update(dram_bw_gbps=1e-12), "/memory/dram_bw_gbps")
soc_case("DRAM bandwidth 1e20", lambda d: d["memory"].update(dram_bw_gbps=1e20), "/memory/dram_bw_gbps")
soc_case("idle power 1e100", lambda d: d["processors"][-1].update(idle_power_mw=1e100), "idle_power_mw")
invalid("sample period 1e-6 ms", scenario_with("tiny1.json", lambda d: d.update(trace={"sample_period_ms": 1e-6})),
        "/trace/sample_period_ms", ">= 1")
invalid("DVFS period 1e-6 ms", scenario_with("tiny2.json", lambda d: d.update(dvfs={"governor": "schedutil",
                                                                                       "period_ms": 1e-6})),
        "/dvfs/period_ms")

# ---- 5. validate and sweep --dry-run are as strict as run ---------------------------------------
listing = socsim("list", "schedulers", check=0).stdout
schedulers = {}
for line in listing.splitlines():
    if line and not line.startswith(" "):
        schedulers[line.strip()] = []
    m = re.match(r"\s+--param (\w+)=<(\w+)>", line)
    if m:
        schedulers[list(schedulers)[-1]].append((m.group(1), m.group(2)))
expect(len(schedulers) >= 10 and sum(map(len, schedulers.values())) >= 10, f"parsed schedulers: {schedulers}")
BAD_VALUE = {"number": "abc", "integer": "1.5", "bool": "maybe", "string": None}
cases = [("unknown scheduler", {"name": "no_such_scheduler"})]
for name, params in schedulers.items():
    cases.append((f"{name}: unknown parameter", {"name": name, "params": {"no_such_param": 1}}))
    for param, kind in params:
        if BAD_VALUE[kind] is not None:
            cases.append((f"{name}.{param} ill-typed", {"name": name, "params": {param: BAD_VALUE[kind]}}))
        if kind in ("number", "integer"):
            cases.append((f"{name}.{param} out of range", {"name": name, "params": {param: -1e30}}))
cases.append(("transferred without from_soc", {"name": "transferred"}))
cases.append(("transferred from a missing SoC", {"name": "transferred", "params": {"from_soc": "no_such_soc"}}))
scenario_files, campaign_files = [], []
for i, (label, choice) in enumerate(cases):
    path = scenario_with(f"sched_{i}.json", lambda d: d.update(scheduler=choice))
    camp = os.path.join(root, "scenarios", f"sched_campaign_{i}.json")
    write(camp, {"name": "s", "base": f"sched_{i}.json", "axes": [{"name": "seed", "values": [1]}]})
    scenario_files.append(path)
    campaign_files.append(camp)
    codes = {"run": run_exit(path).returncode, "sweep --dry-run": socsim("sweep", camp, "--dry-run").returncode}
    expect(set(codes.values()) == {2}, f"{label}: exit codes {codes}, expected 2 everywhere")
# validate takes every file at once and says "ok" only for the valid ones.
for files in (scenario_files, campaign_files):
    p = socsim("validate", *files, check=2)
    passed = [label for (label, _), f in zip(cases, files) if f"{f}: ok" in p.stdout]
    expect(not passed, f"validate passes what run refuses: {passed}")
print(f"validate/run agreement over {len(cases)} scheduler cases: ok")

# ---- 6. NUL in a path, no output folder, set errors with a pointer --------------------------------
nul = scenario_with("nul.json", lambda d: d.update(soc=d["soc"] + "\u0000.txt"))
invalid("NUL inside a path", nul, "/soc", "NUL")
set_bad = os.path.join(root, "scenarios", "set_bad.json")
write(set_bad, {"name": "c", "base": "quickstart.json", "set": {"/duration_s": -5},
                "axes": [{"name": "seed", "values": [1, 2]}]})
for args in (["validate", set_bad], ["sweep", set_bad, "--dry-run"], ["sweep", set_bad, "-o", os.path.join(tmp, "sw")]):
    p = socsim(*args, check=2)
    expect("/set/~1duration_s" in p.stderr, f"{args[0]}: set error without its pointer: {p.stderr}")
expect(not os.path.exists(os.path.join(tmp, "sw")), "an invalid campaign created the sweep folder")
print("NUL, output folder, set pointer: ok")

# ---- 7. a sweep's children die with it; --resume recognises what they left ------------------------
def children_of(pid):
    kids = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = open(stat).read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            kids.append(int(stat.split("/")[2]))
    return kids


def alive(pid):
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


camp = os.path.join(tmp, "long.json")
write(camp, {"name": "long", "base": os.path.relpath(QS, tmp), "set": {"/duration_s": 864000},
             "axes": [{"name": "seed", "values": [1, 2]}]})
sweep = subprocess.Popen([BIN, "sweep", camp, "-o", "long", "-j", "2"], cwd=tmp, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
deadline = time.time() + 60
while time.time() < deadline and len(children_of(sweep.pid)) < 2:
    time.sleep(0.02)
kids = children_of(sweep.pid)
expect(len(kids) == 2, f"the sweep started its runs: {kids}")
time.sleep(0.3)
os.kill(sweep.pid, signal.SIGKILL)  # the parent only, not its process group
sweep.wait()
deadline = time.time() + 60
while time.time() < deadline and any(alive(k) for k in kids):
    time.sleep(0.05)
expect(not any(alive(k) for k in kids), f"children outlived their killed sweep: {[k for k in kids if alive(k)]}")
print("a killed sweep's children die with it: ok")

# What a dead sweep leaves: run 0 finished (complete trace) but never got its manifest line; run 1
# was stopped (an interrupted trace, a temporary, a log temporary). --resume records run 0 as
# finished without running it, clears run 1's leftovers and runs it.
camp = os.path.join(tmp, "short.json")
write(camp, {"name": "short", "base": os.path.relpath(QS, tmp), "set": {"/duration_s": 1},
             "axes": [{"name": "seed", "values": [1, 2]}]})
socsim("sweep", camp, "-o", "sw", "-j", "1", cwd=tmp, check=0)
plan = load(os.path.join(tmp, "sw", "campaign.json"))
ids = [r["id"] for r in plan["runs"]]
runs_dir = os.path.join(tmp, "sw", "runs")
os.remove(os.path.join(tmp, "sw", "manifest.jsonl"))
os.remove(os.path.join(runs_dir, ids[1] + ".h5"))
for leftover in (ids[1] + ".interrupted.h5", ids[1] + ".h5.part-AAAAAAAAAAAA"):
    open(os.path.join(runs_dir, leftover), "w").write("partial")
open(os.path.join(tmp, "sw", "logs", ids[1] + ".log.part-BBBBBBBBBBBB"), "w").write("partial")
before = os.stat(os.path.join(runs_dir, ids[0] + ".h5")).st_mtime_ns
p = socsim("sweep", camp, "-o", "sw", "--resume", "-j", "1", cwd=tmp, check=0)
expect("1 of 2 runs done here" in p.stdout, f"the finished run is not run again: {p.stdout}")
expect(os.stat(os.path.join(runs_dir, ids[0] + ".h5")).st_mtime_ns == before, "run 0 was rerun")
manifest = [json.loads(line) for line in open(os.path.join(tmp, "sw", "manifest.jsonl"))]
expect(sorted((e["id"], e["exit_code"]) for e in manifest) == sorted((i, 0) for i in ids), f"manifest: {manifest}")
left = [n for d in ("runs", "logs") for n in os.listdir(os.path.join(tmp, "sw", d))
        if ".part" in n or "interrupted" in n or n.endswith(".lock")]
expect(not left, f"resume left {left}")
socsim("merge", os.path.join(tmp, "sw"), check=0)
print("--resume after a dead sweep: ok")

done("robustness")
