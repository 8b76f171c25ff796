"""Run a matrix of socsim runs (scenarios x schedulers x seeds) and tabulate their per-task summaries.

Each run is ``socsim run SCENARIO -o DIR/runs/<scenario>__<scheduler>__s<seed>.h5 --format json
--seed N [--scheduler NAME] [--param k=v]... [--duration-s X]``; runs go to a pool of -j worker
threads, each driving one subprocess (the simulator is sequential; parallelism is across runs).
A run whose trace already exists is not run again when the trace's recorded command line (its
arguments after the binary) is the one this campaign would use and its git_commit is the binary's
(resume); ``fresh=True`` reruns everything. (Edits to scenario files or uncommitted changes to the
simulator are not detected: use fresh after those.) A failed run is reported (printed, and returned in ``Result.failures``) and the others
go on.

Schedulers are data: ``Spec("transferred", {"from_soc": "snapdragon865"})``. Those that ``socsim list
schedulers`` does not list are skipped with a printed note, so scripts written for schedulers still
being added work today and pick them up when they land. A scenario may name parameters it needs
in its description as ``--param key=value`` (e.g. the use cases' ``memory_budget_mib``); they are
passed to every scheduler that declares that parameter.

The tidy table (``summary.csv`` in DIR) has one row per (run, task): scenario, soc, scheduler (the
spec's label), scheduler_name, params, seed, duration_s, task, then the /summary columns (arrived,
completed, dropped, violated, pending, latency_{mean,p50,p90,p99,sd}_ms, throughput_hz,
energy_mj_per_inference, accuracy_pct) and the run's attributes (run_energy_mj, peak_temp_c,
peak_memory_mib, storage_mib, switches, switch_time_ms, solve_time_ms, sim_time_s) and trace.

This module is deliberately small: a C++ ``socsim compare`` is planned to replace it.

Command line::

    /usr/bin/python3 analysis/campaign.py scenarios/use_cases/uc1_*.json --scheduler carin fixed \\
        --seeds 1-3 -j 2 -o results/campaign [--duration-s 5] [--fresh]
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import os
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field

import h5py
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def default_bin() -> str:
    return os.environ.get("SOCSIM_BIN", os.path.join(ROOT, "build", "socsim"))


@dataclass(frozen=True)
class Spec:
    """A scheduler with parameters; ``label`` names it in tables and file names (default: name[-k-v...])."""
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
    trace: str
    args: list  # after the binary
    duration_s: float | None = None


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


def plan(scenarios, specs, seeds, out_dir: str, known: dict, duration_s: float | None = None) -> list:
    """The jobs of the matrix. ``specs`` is a list of Spec or a callable scenario path -> list of Spec;
    ``duration_s`` a number, None (the scenario's) or a callable scenario path -> number or None."""
    jobs = []
    for sc in scenarios:
        extra = scenario_params(sc)
        dur = duration_s(sc) if callable(duration_s) else duration_s
        for spec in (specs(sc) if callable(specs) else specs):
            params = {k: v for k, v in extra.items() if k in known.get(spec.name, set())}
            params.update(dict(spec.params))
            for seed in seeds:
                trace = os.path.join(out_dir, "runs", f"{scenario_name(sc)}__{spec.label}__s{seed}.h5")
                args = ["run", sc, "-o", trace, "--format", "json", "--seed", str(seed), "--scheduler", spec.name]
                for k, v in sorted(params.items()):
                    args += ["--param", f"{k}={v}"]
                if dur is not None:
                    args += ["--duration-s", f"{dur:g}"]
                jobs.append(Job(sc, spec, seed, trace, args, dur))
    return jobs


def _recorded(path: str):
    """(arguments after the binary, git_commit) recorded in a trace; None when unreadable."""
    try:
        with h5py.File(path, "r") as f:
            line, commit = _text(f.attrs["command_line"]), _text(f.attrs["git_commit"])
        return shlex.split(line)[1:], commit
    except (OSError, KeyError, ValueError):
        return None


def binary_commit(binary: str) -> str:
    """The git commit ``socsim version`` reports ("socsim 0.1.0 (git abc123-dirty)")."""
    out = subprocess.run([binary, "version"], capture_output=True, text=True).stdout
    m = re.search(r"\(git ([^)]+)\)", out)
    return m.group(1) if m else ""


def _run_one(binary: str, job: Job):
    p = subprocess.run([binary, *job.args], capture_output=True, text=True)
    if p.returncode != 0:
        lines = p.stderr.strip().splitlines()
        errors = [ln for ln in lines if "error" in ln] or lines
        return f"exit {p.returncode}: {errors[0] if errors else ''}"
    return None


def run(jobs, jobs_n: int = 2, binary: str | None = None, fresh: bool = False, log=print) -> Result:
    """Runs the jobs not already done; returns the tidy table of every job that has a trace."""
    binary = binary or default_bin()
    start = time.monotonic()
    todo, done = [], []
    commit = binary_commit(binary)
    for j in jobs:
        if not fresh and os.path.exists(j.trace) and _recorded(j.trace) == (j.args, commit):
            done.append(j)
        else:
            todo.append(j)
    for d in {os.path.dirname(j.trace) for j in todo}:
        os.makedirs(d, exist_ok=True)
    result = Result(table=pd.DataFrame(), reused=len(done))
    if todo:
        log(f"campaign: {len(todo)} runs to do, {len(done)} reused, -j {jobs_n}")
    with cf.ThreadPoolExecutor(max_workers=max(1, jobs_n)) as pool:
        futures = {pool.submit(_run_one, binary, j): j for j in todo}
        for fut in cf.as_completed(futures):
            j = futures[fut]
            err = fut.result()
            if err:
                result.failures.append((j, err))
                log(f"campaign: FAILED {scenario_name(j.scenario)} {j.spec.label} seed {j.seed}: {err}")
            else:
                result.ran += 1
                done.append(j)
    order = {id(j): i for i, j in enumerate(jobs)}
    done.sort(key=lambda j: order[id(j)])
    result.traces = [(j, j.trace) for j in done]
    result.table = tidy(done)
    result.wall_s = time.monotonic() - start
    return result


SUMMARY_FIELDS = ("arrived", "completed", "dropped", "violated", "pending", "latency_mean_ms", "latency_p50_ms",
                  "latency_p90_ms", "latency_p99_ms", "latency_sd_ms", "throughput_hz", "energy_mj", "accuracy_pct")


def summary_rows(path: str) -> list:
    """One dict per task of a trace's /summary, with the run attributes (see the module docstring)."""
    with h5py.File(path, "r") as f:
        g = f["summary"]
        names = list(f["lookup"]["tasks"].asstr()[()])
        a = g.attrs
        run = {"soc": _text(f.attrs["soc"]), "run_energy_mj": float(a["energy_mj"]),
               "peak_temp_c": float(a["peak_temp_c"]), "peak_memory_mib": float(a["peak_memory_mib"]),
               "storage_mib": float(a["storage_mib"]), "switches": int(a["switches"]),
               "switch_time_ms": int(a["switch_time_ns"]) * 1e-6, "solve_time_ms": int(a["solve_time_ns"]) * 1e-6,
               "sim_time_s": int(a["sim_time_ns"]) * 1e-9}
        cols = {k: g[k][()] for k in ("task", *SUMMARY_FIELDS)}
    rows = []
    for i in range(len(cols["task"])):
        r = {"task": names[int(cols["task"][i])]}
        for k in SUMMARY_FIELDS:
            v = cols[k][i].item()
            r["energy_mj_per_inference" if k == "energy_mj" else k] = v
        rows.append({**r, **run})
    return rows


COLUMNS = ["scenario", "soc", "scheduler", "scheduler_name", "params", "seed", "duration_s", "task", "arrived",
           "completed", "dropped", "violated", "pending", "latency_mean_ms", "latency_p50_ms", "latency_p90_ms",
           "latency_p99_ms", "latency_sd_ms", "throughput_hz", "energy_mj_per_inference", "accuracy_pct",
           "run_energy_mj", "peak_temp_c", "peak_memory_mib", "storage_mib", "switches", "switch_time_ms",
           "solve_time_ms", "sim_time_s", "trace"]


def tidy(jobs) -> pd.DataFrame:
    rows = []
    for j in jobs:
        for r in summary_rows(j.trace):
            rows.append({"scenario": scenario_name(j.scenario), "scheduler": j.spec.label,
                         "scheduler_name": j.spec.name,
                         "params": ",".join(f"{k}={v}" for k, v in j.spec.params), "seed": j.seed,
                         "duration_s": j.duration_s if j.duration_s is not None else "", "trace": j.trace, **r})
    return pd.DataFrame(rows, columns=COLUMNS)


def run_matrix(scenarios, specs, seeds, out_dir: str, jobs_n: int = 2, duration_s=None, binary: str | None = None,
               fresh: bool = False, log=print) -> Result:
    """Plans and runs the matrix (skipping unregistered schedulers with a note) and writes DIR/summary.csv."""
    binary = binary or default_bin()
    known = list_schedulers(binary)
    if callable(specs):
        inner = specs
        specs = lambda sc: available(inner(sc), known, note=lambda m: None)  # noqa: E731
        all_specs = [s for sc in scenarios for s in inner(sc)]
        available(all_specs, known, note=log)
    else:
        specs = available(specs, known, note=log)
    result = run(plan(scenarios, specs, seeds, out_dir, known, duration_s), jobs_n, binary, fresh, log)
    os.makedirs(out_dir, exist_ok=True)
    result.table.to_csv(os.path.join(out_dir, "summary.csv"), index=False)
    return result


def _text(v) -> str:
    return v.decode() if isinstance(v, bytes) else str(v)


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
    ap.add_argument("--fresh", action="store_true", help="rerun even when a trace exists")
    ap.add_argument("--bin", default=default_bin())
    a = ap.parse_args(argv)
    r = run_matrix(a.scenarios, [Spec.parse(s) for s in a.scheduler], parse_seeds(a.seeds), a.out, a.jobs,
                   a.duration_s, a.bin, a.fresh)
    print(f"campaign: {r.ran} run, {r.reused} reused, {len(r.failures)} failed in {r.wall_s:.1f} s; "
          f"{len(r.table)} rows in {os.path.join(a.out, 'summary.csv')}")
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
