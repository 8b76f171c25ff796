"""Run a matrix of socsim runs (scenarios x schedulers x seeds) with ``socsim sweep`` and tabulate them.

``run_matrix`` plans one job per (scenario, scheduler spec, seed), in that order, and writes them as a
zip-mode campaign file, DIR/matrix.json: a ``scenario`` axis (the scenario files), a ``scheduler`` axis
(``{"name", "params", "label"}`` per job, the label being the spec's) and a ``seed`` axis; the duration
goes into ``set`` (or a ``duration_s`` pointer axis when the jobs' durations differ). Then::

    socsim sweep DIR/matrix.json -o DIR -j N --resume    # DIR/runs/<id>.h5, logs/<id>.log, manifest.jsonl
    socsim merge DIR --partial                           # DIR/summary.csv, the runs that finished

and the merged summary.csv becomes the tidy table (below), written to DIR/table.csv. The simulator is
sequential; parallelism is across runs (-j). A failed run is reported (printed with the first error of
its log, and returned in ``Result.failures``) and the others go on. A run whose scenario is invalid
(e.g. the fixed scheduler on tasks without a design) stops the whole matrix before anything runs: the
sweep checks every run first (RuntimeError with socsim's messages; exit 2 on the command line).

Resume is socsim's: a run id is a hash of the run's resolved scenario, so ``--resume`` skips the runs
already finished and an edited scenario file makes new runs. Runs finished before this sweep count as
reused, the others as run. DIR belongs to this module and is deleted and started again when
- ``fresh=True``;
- DIR/socsim_version.txt (``socsim version`` of the binary that made the runs) differs from the
  binary's: another commit (uncommitted changes to the simulator are not detected: use fresh);
- DIR holds the runs of another matrix (other scenarios, schedulers, seeds, durations or scenario
  contents: other run ids, which ``socsim sweep`` would refuse as "the runs of another campaign"),
  so adding a seed or a scheduler runs the whole matrix again.

Schedulers are data: ``Spec("transferred", {"from_soc": "snapdragon865"})``. Those that ``socsim list
schedulers`` does not list are skipped with a printed note, so scripts written for schedulers still
being added work today and pick them up when they land. A scheduler axis value replaces the scenario's
scheduler parameters, so each job passes all its own: those a scenario names in its description as
``--param key=value`` (e.g. the use cases' ``memory_budget_mib``) that its scheduler declares, then the
spec's.

The tidy table has one row per (run, task): scenario, soc, scheduler (the spec's label),
scheduler_name, params, seed, duration_s, task, then the /summary columns (arrived, completed, dropped,
violated, pending, latency_{mean,p50,p90,p99,sd}_ms, throughput_hz, energy_mj_per_inference,
accuracy_pct) and the run's totals (run_energy_mj, peak_temp_c, peak_memory_mib, storage_mib, switches,
switch_time_ms, solve_time_ms, sim_time_s) and trace (the run's .h5 under DIR).

Command line::

    /usr/bin/python3 analysis/campaign.py scenarios/use_cases/uc1_*.json --scheduler carin oodin \\
        --seeds 1-3 -j 2 -o results/campaign [--duration-s 5] [--fresh]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def default_bin() -> str:
    return os.environ.get("SOCSIM_BIN", os.path.join(ROOT, "build", "socsim"))


@dataclass(frozen=True)
class Spec:
    """A scheduler with parameters; ``label`` names it in tables (default: name[-k-v...])."""
    name: str
    params: tuple = ()  # ((key, value), ...), sorted
    label: str = ""

    def __init__(self, name: str, params: dict | None = None, label: str = ""):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "params", tuple(sorted((params or {}).items())))
        object.__setattr__(self, "label", label or name + "".join(f"-{k}-{v}" for k, v in sorted((params or {}).items())))

    @staticmethod
    def parse(text: str) -> "Spec":
        """"name" or "name:k=v,k=v"."""
        name, _, rest = text.partition(":")
        params = dict(kv.split("=", 1) for kv in rest.split(",") if kv)
        return Spec(name, params)


@dataclass
class Job:
    scenario: str  # path
    spec: Spec
    seed: int
    params: dict  # every scheduler parameter of the run
    duration_s: float | None = None  # None: the scenario's
    trace: str = ""  # DIR/runs/<id>.h5, once planned by the sweep


@dataclass
class Result:
    table: pd.DataFrame
    traces: list = field(default_factory=list)   # (Job, path) that exist
    failures: list = field(default_factory=list)  # (Job, message)
    ran: int = 0
    reused: int = 0
    wall_s: float = 0.0


def list_schedulers(binary: str | None = None) -> dict:
    """{scheduler name: set of its parameter names}, from ``socsim list schedulers``."""
    out = subprocess.run([binary or default_bin(), "list", "schedulers"], capture_output=True, text=True,
                         check=True).stdout
    schedulers: dict = {}
    current = None
    for line in out.splitlines():
        if line and not line[0].isspace():
            current = line.strip()
            schedulers[current] = set()
        elif current and (m := re.match(r"\s+--param\s+([A-Za-z0-9_]+)=", line)):
            schedulers[current].add(m.group(1))
    return schedulers


def available(specs, known: dict, note=print) -> list:
    """The specs whose scheduler is registered; a note for each one skipped."""
    out, skipped = [], []
    for s in specs:
        (out if s.name in known else skipped).append(s)
    for name in sorted({s.name for s in skipped}):
        note(f"note: scheduler {name!r} is not in `socsim list schedulers` (yet): skipped")
    return out


def scenario_name(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def scenario_params(path: str) -> dict:
    """Parameters a scenario's description asks for (``--param key=value``)."""
    with open(path) as f:
        description = json.load(f).get("description", "")
    return dict(re.findall(r"--param\s+([A-Za-z0-9_]+)=([^\s,;)`]+)", description))


def plan(scenarios, specs, seeds, known: dict, duration_s=None) -> list:
    """The jobs of the matrix. ``specs`` is a list of Spec or a callable scenario path -> list of Spec;
    ``duration_s`` a number, None (the scenario's) or a callable scenario path -> number or None."""
    jobs = []
    for sc in scenarios:
        extra = scenario_params(sc)
        dur = duration_s(sc) if callable(duration_s) else duration_s
        for spec in (specs(sc) if callable(specs) else specs):
            params = {k: v for k, v in extra.items() if k in known.get(spec.name, set())}
            params.update(dict(spec.params))
            jobs += [Job(sc, spec, seed, params, dur) for seed in seeds]
    return jobs


def campaign_file(jobs, name: str) -> dict:
    """The zip-mode campaign of the jobs: run i is jobs[i]."""
    camp = {"name": name, "mode": "zip", "max_runs": max(1, len(jobs)), "axes": [
        {"name": "scenario", "values": [os.path.abspath(j.scenario) for j in jobs]},
        {"name": "scheduler", "values": [{"name": j.spec.name, "params": dict(sorted(j.params.items())),
                                          "label": j.spec.label} for j in jobs]},
        {"name": "seed", "values": [j.seed for j in jobs]}]}
    durations = {j.duration_s for j in jobs}
    if len(durations) > 1:
        camp["axes"].append({"name": "duration_s", "pointer": "/duration_s", "values": [
            j.duration_s if j.duration_s is not None else _read(j.scenario)["duration_s"] for j in jobs]})
    elif durations and None not in durations:
        camp["set"] = {"/duration_s": durations.pop()}
    return camp


def _read(path: str):
    with open(path) as f:
        return json.load(f)


def _text(path: str):
    """A file's text stripped; None when it does not exist."""
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read().strip()


def _planned(out_dir: str):
    """The run ids of the sweep DIR holds, in order; None when it holds none."""
    path = os.path.join(out_dir, "campaign.json")
    return [r["id"] for r in _read(path)["runs"]] if os.path.exists(path) else None


def _manifest(out_dir: str) -> dict:
    """{run id: its last manifest entry} (runs that ended)."""
    path = os.path.join(out_dir, "manifest.jsonl")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {e["id"]: e for e in map(json.loads, filter(str.strip, f))}


def _failure(out_dir: str, entry: dict | None) -> str:
    """"exit N: <first error line of the run's log>" for a run's manifest entry."""
    if entry is None:
        return "not run"
    try:
        with open(os.path.join(out_dir, "logs", entry["id"] + ".log")) as f:
            lines = [ln for ln in f.read().strip().splitlines() if ln.strip()]
    except OSError:
        lines = []
    errors = [ln for ln in lines if "error" in ln] or lines[-1:]
    return f"exit {entry['exit_code']}: {errors[0] if errors else ''}"


def _socsim(binary: str, *args, ok=(0,)):
    """Runs socsim; raises RuntimeError, with its messages, on an exit code not in ``ok``."""
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    if p.returncode not in ok:
        raise RuntimeError(f"socsim {' '.join(args)}: exit {p.returncode}\n{p.stderr.strip()}")
    return p


def _lay(out_dir: str, version: str, camp: dict) -> str:
    """Writes DIR/socsim_version.txt and the campaign file DIR/matrix.json; returns the latter's path."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "socsim_version.txt"), "w") as f:
        f.write(version + "\n")
    with open(os.path.join(out_dir, "matrix.json"), "w") as f:
        json.dump(camp, f, indent=1)
    return os.path.join(out_dir, "matrix.json")


def _wipe(out_dir: str, reason: str, log):
    if os.path.isdir(out_dir):
        log(f"campaign: {reason}: starting {out_dir} again")
        shutil.rmtree(out_dir)


# summary.csv (socsim merge) column -> table column; the others keep their names.
RENAMED = {"run_soc": "soc", "energy_mj": "energy_mj_per_inference", "run_peak_temp_c": "peak_temp_c",
           "run_peak_memory_mib": "peak_memory_mib", "run_storage_mib": "storage_mib", "run_switches": "switches",
           "run_switch_time_ms": "switch_time_ms", "run_solve_time_ms": "solve_time_ms",
           "run_sim_time_s": "sim_time_s"}


def run(jobs, out_dir: str, jobs_n: int = 2, binary: str | None = None, fresh: bool = False, log=print) -> Result:
    """Sweeps the jobs into ``out_dir`` (resuming) and returns the tidy table of every run that finished."""
    binary = binary or default_bin()
    start = time.monotonic()
    result = Result(table=pd.DataFrame(columns=COLUMNS))
    if not jobs:
        return result
    version = _socsim(binary, "version").stdout.strip()
    name = re.sub(r"[^a-z0-9_]", "_", os.path.basename(os.path.abspath(out_dir)).lower())[:60]
    camp = campaign_file(jobs, name if re.match(r"[a-z]", name) else "c_" + name)
    if fresh:
        _wipe(out_dir, "fresh", log)
    elif _text(os.path.join(out_dir, "socsim_version.txt")) not in (None, version):
        _wipe(out_dir, f"runs made by another socsim than {version!r}", log)
    camp_path = _lay(out_dir, version, camp)
    dry = _socsim(binary, "sweep", camp_path, "--dry-run", "--format", "csv").stdout
    ids = [r["run_id"] for r in csv.DictReader(io.StringIO(dry))]
    if _planned(out_dir) not in (None, ids):  # the sweep would refuse DIR as "the runs of another campaign"
        _wipe(out_dir, "another matrix", log)
        _lay(out_dir, version, camp)
    before = {i for i, e in _manifest(out_dir).items() if e["exit_code"] == 0}
    todo = sum(i not in before for i in ids)
    if todo:
        log(f"campaign: {todo} runs to do, {len(ids) - todo} reused, -j {jobs_n}")
    _socsim(binary, "sweep", camp_path, "-o", out_dir, "-j", str(max(1, jobs_n)), "--resume", ok=(0, 1))
    with open(os.path.join(out_dir, "campaign.json")) as f:
        runs = json.load(f)["runs"]
    ended = _manifest(out_dir)
    for r in runs:
        j, e = jobs[r["index"]], ended.get(r["id"])
        j.trace = os.path.join(out_dir, "runs", r["id"] + ".h5")
        if e is not None and e["exit_code"] == 0:
            result.traces.append((j, j.trace))
            if r["id"] in before:
                result.reused += 1
            else:
                result.ran += 1
        else:
            result.failures.append((j, _failure(out_dir, e)))
            log(f"campaign: FAILED {scenario_name(j.scenario)} {j.spec.label} seed {j.seed}: {result.failures[-1][1]}")
    _socsim(binary, "merge", out_dir, "--partial")
    result.table = tidy(pd.read_csv(os.path.join(out_dir, "summary.csv")), jobs, out_dir)
    result.wall_s = time.monotonic() - start
    return result


COLUMNS = ["scenario", "soc", "scheduler", "scheduler_name", "params", "seed", "duration_s", "task", "arrived",
           "completed", "dropped", "violated", "pending", "latency_mean_ms", "latency_p50_ms", "latency_p90_ms",
           "latency_p99_ms", "latency_sd_ms", "throughput_hz", "energy_mj_per_inference", "accuracy_pct",
           "run_energy_mj", "peak_temp_c", "peak_memory_mib", "storage_mib", "switches", "switch_time_ms",
           "solve_time_ms", "sim_time_s", "trace"]


def tidy(summary: pd.DataFrame, jobs, out_dir: str) -> pd.DataFrame:
    """The tidy table from a merged summary.csv whose run i is jobs[i]."""
    t = summary.rename(columns=RENAMED)
    of = [jobs[i] for i in t["run"]]
    t["scenario"] = [scenario_name(j.scenario) for j in of]
    t["scheduler"] = [j.spec.label for j in of]
    t["scheduler_name"] = [j.spec.name for j in of]
    t["params"] = [",".join(f"{k}={v}" for k, v in j.spec.params) for j in of]
    t["duration_s"] = pd.Series([j.duration_s if j.duration_s is not None else "" for j in of], index=t.index,
                                dtype=object)
    t["trace"] = [os.path.join(out_dir, p) for p in t["trace"]]
    t = t.astype({k: float for k in ("switch_time_ms", "solve_time_ms", "sim_time_s")})
    return t[COLUMNS].reset_index(drop=True)


def run_matrix(scenarios, specs, seeds, out_dir: str, jobs_n: int = 2, duration_s=None, binary: str | None = None,
               fresh: bool = False, log=print) -> Result:
    """Plans and sweeps the matrix (skipping unregistered schedulers with a note) and writes DIR/table.csv."""
    binary = binary or default_bin()
    known = list_schedulers(binary)
    if callable(specs):
        inner = specs
        specs = lambda sc: available(inner(sc), known, note=lambda m: None)  # noqa: E731
        available([s for sc in scenarios for s in inner(sc)], known, note=log)
    else:
        specs = available(specs, known, note=log)
    result = run(plan(scenarios, specs, seeds, known, duration_s), out_dir, jobs_n, binary, fresh, log)
    os.makedirs(out_dir, exist_ok=True)
    result.table.to_csv(os.path.join(out_dir, "table.csv"), index=False)
    return result


def parse_seeds(text: str) -> list:
    """"1-3" -> [1, 2, 3]; "1,5,9" -> [1, 5, 9]."""
    seeds = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        seeds += list(range(int(a), int(b) + 1)) if b else [int(a)]
    return seeds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenarios", nargs="+")
    ap.add_argument("--scheduler", nargs="+", default=["carin"], help='names, or "name:k=v,k=v"')
    ap.add_argument("--seeds", default="1")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("-o", "--out", default="results/campaign")
    ap.add_argument("--duration-s", type=float)
    ap.add_argument("--fresh", action="store_true", help="delete the runs in --out and run everything again")
    ap.add_argument("--bin", default=default_bin())
    a = ap.parse_args(argv)
    try:
        r = run_matrix(a.scenarios, [Spec.parse(s) for s in a.scheduler], parse_seeds(a.seeds), a.out, a.jobs,
                       a.duration_s, a.bin, a.fresh)
    except RuntimeError as e:
        print(f"campaign: {e}", file=sys.stderr)
        return 2
    print(f"campaign: {r.ran} run, {r.reused} reused, {len(r.failures)} failed in {r.wall_s:.1f} s; "
          f"{len(r.table)} rows in {os.path.join(a.out, 'table.csv')}")
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
