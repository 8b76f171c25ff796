"""Optimality of realised runs: the formulas of solver/optimality.h and the SLO expansion of solver/rass.h.

This module reimplements, exactly, what the C++ solvers optimise, so that a ratio computed here from
traces agrees with what RASS ranked. Keep it in step with solver/optimality.{h,cpp} and
solver/rass.{h,cpp} (tests/cli/test_analysis_optimality.py recomputes ``socsim solve``'s
optimality values from its printed metrics and fails when they drift apart).

**A ratio between strategies names the optimality it used.** Every table and figure built on this
module carries the optimality name (``ratio_product`` unless the scenario says otherwise) next to
the ratio: "optimality ratio to carin (ratio_product)". The formulas are our reconstruction
(CARIN.md §2: the papers' exact formula is not available).

Formulas (solver/optimality.h). For design (or run) i and objective j with value f = values[i][j]
and best_j the best value of objective j over ALL the designs passed in:
    maximised: s_j = f / best_j        minimised: s_j = best_j / f        (0/0 counts as 1)
Weights w_j are exponents in the ratio optimalities and coefficients in weighted_sum:
    ratio_product    prod_j s_j^w_j                              (the default)
    ratio_geomean    (prod_j s_j^w_j)^(1 / sum_j w_j)            (1 when every weight is 0)
    ratio_min        min_j s_j^w_j                               (1 with no objectives)
    utopia_distance  1 / (1 + ||1 - t||_2) with t_j = s_j^w_j
    weighted_sum     sum_j w_j s_j / sum_j w_j                   (1 when every weight is 0)
Edge cases as in C++: no objectives -> every design scores 1; f == best == 0 -> s_j = 1; a
maximised objective with best > 0 and f == 0 -> s_j = 0; weight 0 drops the objective; no designs ->
an empty list. Preconditions (ValueError): values finite and >= 0, weights finite and >= 0, one
value per objective, a known name.

SLO terms (solver/rass.h). The scenario's app-wide terms (``slo``, task -1) come first, then each
task's (``tasks[i].slo``, task i), each in the order written. Per-task metrics are latency_mean,
latency_p50, latency_p90, latency_p99, latency_sd and throughput. An app-wide term over a per-task
metric applies to EVERY task (an objective becomes one objective per task, each with the
objective's weight, in task order; a constraint must hold for every task); an app-wide term over
accuracy, memory, size or energy reads the app aggregate; a per-task term reads that task's value,
whatever its metric. App aggregates (solver/profiler.cpp): accuracy = mean over tasks, memory =
sum, size = sum over distinct model files (variant, precision), energy = sum.

Realised runs. A run is one (scheduler, soc, seed) of one scenario; its metrics come from the
trace's /summary: per task accuracy_pct, latency_{mean,p50,p90,p99,sd}_ms, throughput_hz,
energy_mj (per inference) and deadline_miss = violated / arrived; app-wide memory = the /summary
attribute peak_memory_mib, accuracy = mean of the tasks', energy = sum of the tasks', and size =
[choice, issue 15 (a)] the model files that served requests (deployed_size_mib(): design optimality
is a property of the designs that ran; storage is a system metric reported beside it), or with
size="storage" the /summary attribute storage_mib, every file the scheduler keeps on the device
(CARIn's fall-backs, OODIn's whole design space: the definition before issue 15). A trace records memory and size only app-wide, so a per-task memory or
size term cannot be evaluated on runs (ValueError). [choice, analysis only] A run in which some task
completed nothing has undefined latency: it scores 0 and is left out of best_j; the other runs are
scored among themselves. [choice, issue 15 (c)] Constraints are hard, as in RASS: a run that breaks
one — the implicit deadline constraint (deadline_miss <= 0.1 for a task with a deadline whose
latency the SLO does not bound, slo_from_scenario) included — scores 0 and is left out of best_j
(score_runs: infeasible="zero"); infeasible="score" reports them only (before issue 15).

Usage::

    from analysis import optimality as opt
    slo = opt.slo_from_scenario(trace.config(path, "scenario"))
    runs = [opt.run_from_trace(p) for p in paths]
    scores = opt.score(runs, slo)          # list of floats, runs[i] -> scores[i]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

METRICS = ("accuracy", "latency_mean", "latency_p50", "latency_p90", "latency_p99", "latency_sd",
           "throughput", "memory", "size", "energy", "deadline_miss")
PER_TASK_METRICS = ("latency_mean", "latency_p50", "latency_p90", "latency_p99", "latency_sd", "throughput",
                    "deadline_miss")
# [choice, issue 15 (c)] A run's implicit deadline constraint: at most this fraction of a task's requests
# late or dropped, the run-level twin of RASS's implicit latency_p90 <= deadline (solver/rass.h
# PeriodDeadline::kP90: at most 10 % of the profiled inferences over the deadline).
IMPLICIT_MISS_BOUND = 0.1
SIZE_TERMS = ("deployed", "storage")        # a run's size metric; the first is the default (issue 15 (a))
INFEASIBLE_RULES = ("zero", "score")       # how runs that break a constraint are scored; default first
NAMES = ("ratio_product", "ratio_geomean", "ratio_min", "utopia_distance", "weighted_sum")
DEFAULT = "ratio_product"

# /summary column of each per-task metric (a realised run).
SUMMARY_COLUMN = {"accuracy": "accuracy_pct", "latency_mean": "latency_mean_ms", "latency_p50": "latency_p50_ms",
                  "latency_p90": "latency_p90_ms", "latency_p99": "latency_p99_ms", "latency_sd": "latency_sd_ms",
                  "throughput": "throughput_hz", "energy": "energy_mj"}


@dataclass(frozen=True)
class Objective:
    metric: str
    maximise: bool
    weight: float = 1.0


@dataclass(frozen=True)
class Constraint:
    metric: str
    op: str  # "<=", "<", ">=", ">"
    bound: float

    def holds(self, value: float) -> bool:
        if self.op == "<=":
            return value <= self.bound
        if self.op == "<":
            return value < self.bound
        if self.op == ">=":
            return value >= self.bound
        if self.op == ">":
            return value > self.bound
        raise ValueError(f"unknown constraint op {self.op!r}")

    def __str__(self) -> str:
        return f"{self.metric} {self.op} {self.bound:g}"


@dataclass
class Slo:
    """A scenario's SLO terms, unexpanded: (task, term) with task -1 = app-wide, as slo_terms() in rass.cpp."""
    objectives: list[tuple[int, Objective]] = field(default_factory=list)
    constraints: list[tuple[int, Constraint]] = field(default_factory=list)
    optimality: str = DEFAULT
    tasks: list[str] = field(default_factory=list)
    # Constraints implied by the tasks' deadlines (slo_from_scenario), as (task, Constraint); checked like the
    # stated ones, but soft: dropped when no run of a pool meets them (as solver/rass.h rass_soft).
    implicit: list[tuple[int, Constraint]] = field(default_factory=list)


@dataclass
class Candidate:
    """One design tuple or one realised run: per-task metric dicts and the app aggregates."""
    task_metrics: list[dict]
    app: dict
    label: str = ""


# ---------------------------------------------------------------------------------------------- formulas

def _raise(s: float, w: float) -> float:
    return s if w == 1 else math.pow(s, w)


def _weight_sum(objectives) -> float:
    total = 0.0
    for o in objectives:
        total += o.weight
    return total


def _ratio_product(objectives, s):
    product = 1.0
    for j, sj in enumerate(s):
        product *= _raise(sj, objectives[j].weight)
    return product


def _ratio_geomean(objectives, s):
    total = _weight_sum(objectives)
    if total == 0:
        return 1.0
    return math.pow(_ratio_product(objectives, s), 1 / total)


def _ratio_min(objectives, s):
    lowest = 1.0
    for j, sj in enumerate(s):
        lowest = min(lowest, _raise(sj, objectives[j].weight))
    return lowest


def _utopia_distance(objectives, s):
    squares = 0.0
    for j, sj in enumerate(s):
        gap = 1 - _raise(sj, objectives[j].weight)
        squares += gap * gap
    return 1 / (1 + math.sqrt(squares))


def _weighted_sum(objectives, s):
    total = _weight_sum(objectives)
    if total == 0:
        return 1.0
    acc = 0.0
    for j, sj in enumerate(s):
        acc += objectives[j].weight * sj
    return acc / total


_AGGREGATES = {"ratio_product": _ratio_product, "ratio_geomean": _ratio_geomean, "ratio_min": _ratio_min,
               "utopia_distance": _utopia_distance, "weighted_sum": _weighted_sum}


def _normalised(f: float, best: float, maximise: bool) -> float:
    numerator, denominator = (f, best) if maximise else (best, f)
    if denominator == 0:
        return 1.0  # then numerator == 0 too
    return numerator / denominator


def optimality(name: str, objectives: list[Objective], values: list[list[float]]) -> list[float]:
    """The optimality `name` of every design: values[i][j] is design i's value of objectives[j]."""
    if name not in _AGGREGATES:
        raise ValueError(f'unknown optimality "{name}" (known: {", ".join(NAMES)})')
    aggregate = _AGGREGATES[name]
    for j, o in enumerate(objectives):
        if not math.isfinite(o.weight) or o.weight < 0:
            raise ValueError(f"optimality: objective {j} has weight {o.weight}; weights must be finite and >= 0")
    for i, row in enumerate(values):
        if len(row) != len(objectives):
            raise ValueError(f"optimality: design {i} has {len(row)} values for {len(objectives)} objectives")
        for j, v in enumerate(row):
            if not math.isfinite(v) or v < 0:
                raise ValueError(f"optimality: design {i}, objective {j}: value {v} is not finite and >= 0")
    if not values:
        return []
    best = []
    for j, o in enumerate(objectives):
        b = values[0][j]
        for row in values:
            b = max(b, row[j]) if o.maximise else min(b, row[j])
        best.append(b)
    out = []
    for row in values:
        s = [_normalised(row[j], best[j], o.maximise) for j, o in enumerate(objectives)]
        out.append(aggregate(objectives, s))
    return out


# ---------------------------------------------------------------------------------------------- SLO terms

def maximised_by_default(metric: str) -> bool:
    return metric in ("accuracy", "throughput")


def _objective(d: dict) -> Objective:
    metric = d["metric"]
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    maximise = d["goal"] == "max" if "goal" in d else maximised_by_default(metric)
    return Objective(metric, maximise, float(d.get("weight", 1.0)))


def _constraint(d: dict) -> Constraint:
    if d["metric"] not in METRICS:
        raise ValueError(f"unknown metric {d['metric']!r}")
    return Constraint(d["metric"], d["op"], float(d["bound"]))


def task_deadline_ms(task: dict):
    """A scenario task's deadline in ms: its deadline_ms, else the period of a periodic arrival, else None."""
    if "deadline_ms" in task:
        return float(task["deadline_ms"])
    arrival = task.get("arrival", {})
    return 1000.0 / float(arrival["fps"]) if arrival.get("kind") == "periodic" else None


def _bounds_latency(c: Constraint) -> bool:
    return c.op in ("<=", "<") and (c.metric == "deadline_miss" or c.metric.startswith("latency_"))


def slo_from_scenario(scenario: dict, period_deadline: str = "miss") -> Slo:
    """The SLO terms of a scenario document (a scenario file, or trace.config(path, "scenario")).
    period_deadline "miss" (default) adds, for every task with a deadline whose latency the SLO does not bound
    from above, the implicit constraint deadline_miss <= IMPLICIT_MISS_BOUND; "off" adds none (before issue 15)."""
    if period_deadline not in ("miss", "off"):
        raise ValueError(f"unknown period_deadline {period_deadline!r} (known: miss, off)")
    slo = Slo(optimality=scenario.get("optimality", DEFAULT), tasks=[t["name"] for t in scenario["tasks"]])

    def add(block: dict, task: int) -> None:
        for o in block.get("objectives", []):
            slo.objectives.append((task, _objective(o)))
        for c in block.get("constraints", []):
            slo.constraints.append((task, _constraint(c)))

    add(scenario.get("slo", {}), -1)
    for i, t in enumerate(scenario["tasks"]):
        add(t.get("slo", {}), i)
    if period_deadline == "miss":
        for i, t in enumerate(scenario["tasks"]):
            bounded = any(task in (-1, i) and _bounds_latency(c) for task, c in slo.constraints)
            if task_deadline_ms(t) is not None and not bounded:
                slo.implicit.append((i, Constraint("deadline_miss", "<=", IMPLICIT_MISS_BOUND)))
    return slo


def expand(slo: Slo, tasks: int):
    """(objectives, objective_task, constraints) after expansion over `tasks` tasks, as rass.cpp's expand()."""
    objectives, objective_task, constraints = [], [], []
    for task, o in slo.objectives:
        _check_task(task, tasks, "an objective")
        if task < 0 and o.metric in PER_TASK_METRICS:
            for i in range(tasks):
                objectives.append(o)
                objective_task.append(i)
        else:
            objectives.append(o)
            objective_task.append(task)
    for task, c in slo.constraints:
        _check_task(task, tasks, "a constraint")
        if task < 0 and c.metric in PER_TASK_METRICS:
            constraints.extend((i, c) for i in range(tasks))
        else:
            constraints.append((task, c))
    return objectives, objective_task, constraints


def _check_task(task: int, tasks: int, what: str) -> None:
    if task < -1 or task >= tasks:
        raise ValueError(f"{what} names task {task} but the candidates have {tasks} tasks")


def value_of(c: Candidate, task: int, metric: str) -> float:
    source = c.app if task < 0 else c.task_metrics[task]
    if metric not in source or source[metric] is None:
        where = "the app" if task < 0 else f"task {task}"
        raise ValueError(f"{c.label or 'candidate'}: no {metric} value for {where}")
    return float(source[metric])


def violations(c: Candidate, slo: Slo, implicit: bool = True) -> list[str]:
    """The expanded constraints `c` breaks, as text ("task scene: latency_p90 <= 100"); the implicit deadline
    constraints too unless implicit=False (marked "(implicit deadline)")."""
    _, _, constraints = expand(slo, len(c.task_metrics))
    out = []
    for task, con in (slo.implicit if implicit else []):
        if not con.holds(value_of(c, task, con.metric)):
            out.append(f"task {slo.tasks[task] if task < len(slo.tasks) else task}: {con} (implicit deadline)")
    for task, con in constraints:
        if not con.holds(value_of(c, task, con.metric)):
            where = "app" if task < 0 else f"task {slo.tasks[task] if task < len(slo.tasks) else task}"
            out.append(f"{where}: {con}")
    return out


def objective_values(c: Candidate, slo: Slo) -> list[float]:
    objectives, objective_task, _ = expand(slo, len(c.task_metrics))
    return [value_of(c, t, o.metric) for o, t in zip(objectives, objective_task)]


def score(candidates: list[Candidate], slo: Slo, name: str | None = None) -> list[float]:
    """Optimality of every candidate among `candidates` (best_j over all of them), as rass() scores its
    feasible set. Constraints are NOT applied here: pass the feasible set to reproduce RASS."""
    if not candidates:
        return []
    objectives, _, _ = expand(slo, len(candidates[0].task_metrics))
    return optimality(name or slo.optimality, objectives, [objective_values(c, slo) for c in candidates])


# ---------------------------------------------------------------------------------------------- aggregates

def model_file(design: str) -> tuple[str, str]:
    """(variant, precision) of a design name such as "mobilenet_v2/fx8@cpu:4t" (spec::to_string)."""
    head = design.split("@", 1)[0]
    variant, _, precision = head.rpartition("/")
    return variant, precision


def app_aggregate(task_metrics: list[dict], designs: list[str] | None = None) -> dict:
    """App-wide aggregates of profiled per-task metrics, as Profiler::aggregate: accuracy mean, memory sum,
    size sum over distinct model files (variant, precision; every task's when designs is None), energy sum,
    latencies max, throughput min."""
    n = len(task_metrics)
    app = {m: 0.0 for m in METRICS}
    files = set()
    for i, m in enumerate(task_metrics):
        app["accuracy"] += m["accuracy"] / n
        app["memory"] += m["memory"]
        app["energy"] += m["energy"]
        key = model_file(designs[i]) if designs else i
        if key not in files:
            files.add(key)
            app["size"] += m["size"]
        for k in ("latency_mean", "latency_p50", "latency_p90", "latency_p99", "latency_sd"):
            if k in m:
                app[k] = max(app[k], m[k])
        if "throughput" in m:
            app["throughput"] = m["throughput"] if i == 0 else min(app["throughput"], m["throughput"])
    return app


def candidate_from_solve(entry: dict) -> Candidate:
    """A candidate from one element of ``socsim solve --format json``'s "ranked" (or "design_set") list:
    its "tasks" carry each task's design and metrics (accuracy, latency_mean, latency_p90, latency_sd,
    throughput, memory, size, energy)."""
    tasks = [{k: v for k, v in t.items() if k in METRICS} for t in entry["tasks"]]
    designs = [t["design"] for t in entry["tasks"]]
    return Candidate(tasks, app_aggregate(tasks, designs), label=" + ".join(designs))


def run_from_summary(summary, attrs: dict, label: str = "") -> Candidate:
    """A realised run from its /summary table (a DataFrame in task order, as trace.load gives) and the
    group's attributes (peak_memory_mib, storage_mib)."""
    tasks = []
    for _, row in summary.iterrows():
        m = {metric: float(row[col]) for metric, col in SUMMARY_COLUMN.items()}
        m["completed"] = int(row["completed"])
        arrived = int(row["arrived"])
        m["deadline_miss"] = float(row["violated"]) / arrived if arrived else 0.0
        tasks.append(m)
    n = len(tasks)
    app = {"accuracy": sum(t["accuracy"] for t in tasks) / n if n else 0.0,
           "energy": sum(t["energy"] for t in tasks),
           "memory": float(attrs["peak_memory_mib"]),
           "size": float(attrs["storage_mib"])}
    for t in tasks:  # the trace has no per-task memory or size
        t["memory"] = None
        t["size"] = None
    return Candidate(tasks, app, label=label)


def run_from_rows(rows, label: str = "", size: str = "deployed") -> Candidate:
    """A realised run from its rows of a campaign table (analysis/campaign.py: one row per task, in task order,
    columns as /summary's with energy_mj_per_inference, plus the run's peak_memory_mib, storage_mib and trace).
    size: the app's size metric, "deployed" (default: deployed_size_mib of the trace) or "storage"."""
    summary = rows.rename(columns={"energy_mj_per_inference": "energy_mj"})
    first = rows.iloc[0]
    c = run_from_summary(summary, {"peak_memory_mib": first["peak_memory_mib"], "storage_mib": first["storage_mib"]},
                         label=label)
    return _with_size(c, first["trace"], size)


def _with_size(c: Candidate, path: str, size: str) -> Candidate:
    if size not in SIZE_TERMS:
        raise ValueError(f"unknown size term {size!r} (known: {', '.join(SIZE_TERMS)})")
    if size == "deployed":
        c.app["size"] = deployed_size_mib(path)
    return c


def deployed_size_mib(path: str) -> float:
    """The model files that actually served requests in a run (distinct (variant, precision) of the designs in
    /executions), in MiB, from the resolved model library in the trace: an alternative to storage_mib for the
    size metric, which also counts files kept but never run (CARIn's fall-backs, OODIn's whole space)."""
    import h5py
    from analysis import trace
    with h5py.File(path, "r") as f:
        ids = set(int(i) for i in f["executions"]["design"][()])
        names = list(f["lookup"]["designs"].asstr()[()])
    sizes = {}
    for fam in trace.config(path, "models")["families"]:
        for v in fam["variants"]:
            for b in v["precisions"]:
                sizes[(v["name"], b["precision"])] = float(b["size_mib"])
    files = {model_file(names[i]) for i in ids if 0 <= i < len(names)}
    return sum(sizes[f] for f in files)


def run_from_trace(path: str, size: str = "deployed") -> Candidate:
    """A realised run from its trace; size as run_from_rows."""
    from analysis import trace  # local import: the formulas above need no h5py
    summary = trace.load(path, "summary")
    return _with_size(run_from_summary(summary, summary.attrs, label=path), path, size)


def completed_all(c: Candidate) -> bool:
    """Whether every task of a realised run completed at least one request (else its latency is undefined)."""
    return all(t.get("completed", 1) > 0 for t in c.task_metrics)


def score_runs(runs: list[Candidate], slo: Slo, name: str | None = None, infeasible: str = "zero") -> list[float]:
    """Optimality of realised runs among themselves. Runs in which a task completed nothing score 0 and are
    left out of best_j (module docstring). infeasible "zero" (default, issue 15 (c)): as RASS drops designs
    that break a constraint, a run that breaks one (the implicit deadline constraints included) scores 0 and is
    left out of best_j — the implicit constraints are dropped when no run of the pool meets them, the stated
    ones when none meets those either (then every run is scored, as "score"); "score": constraints are only
    reported, every run is scored (before issue 15)."""
    if infeasible not in INFEASIBLE_RULES:
        raise ValueError(f"unknown infeasible rule {infeasible!r} (known: {', '.join(INFEASIBLE_RULES)})")
    ok = [i for i, r in enumerate(runs) if completed_all(r)]
    if infeasible == "zero":
        for implicit in (True, False):
            meets = [i for i in ok if not violations(runs[i], slo, implicit)]
            if meets:
                ok = meets
                break
    scored = score([runs[i] for i in ok], slo, name)
    out = [0.0] * len(runs)
    for i, s in zip(ok, scored):
        out[i] = s
    return out
