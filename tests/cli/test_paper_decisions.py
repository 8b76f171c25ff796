"""Issue 15's analysis decisions, (a) and (c) (README "Reproducing CARIn"); (b), (d), (e) live in solver/
and are tested in tests/solver/paper_decisions_test.cpp. Each: a small case where the old and the new
behaviour differ, the new default asserted, and the named option restoring the old one.

(a) A run's size term is the model files that served requests, not every file kept on the device:
    a CARIn run of UC2 on the A71 (whose design set stores fall-backs beside d0) against
    multi_dnn_unaware (which keeps one file per task).
(c) A run that breaks a constraint, the implicit frame-deadline one included, scores 0 and leaves
    best_j: two synthetic runs of a 30 fps task, one dropping half its frames for better objectives.
`socsim compare` computes the same optimality in C++ (cli/compare_stats.cpp): its runs.csv must agree
with score_runs() on the same traces, and the engine's served_size_mib with deployed_size_mib().
"""
import os
import sys

from common import done, expect, ROOT, scratch_dir, socsim

sys.path.insert(0, ROOT)
from analysis import optimality as opt  # noqa: E402
from analysis import trace  # noqa: E402

# ---- (c): synthetic runs, no simulator needed.
scenario = {"tasks": [{"name": "cam", "arrival": {"kind": "periodic", "fps": 30}}],
            "slo": {"objectives": [{"metric": "accuracy", "goal": "max"}, {"metric": "latency_mean", "goal": "min"}]}}


def run(acc, lat, miss, label):
    task = {"accuracy": acc, "latency_mean": lat, "deadline_miss": miss, "completed": 100}
    return opt.Candidate([task], {"accuracy": acc, "size": 1, "memory": 1, "energy": 1}, label)


careful = run(75.0, 20.0, 0.0, "serves every frame")
dropper = run(80.0, 10.0, 0.5, "drops half its frames")
slo = opt.slo_from_scenario(scenario)
expect([str(c) for _, c in slo.implicit] == ["deadline_miss <= 0.1"], f"implicit terms {slo.implicit}")
new = opt.score_runs([careful, dropper], slo)
expect(new == [1.0, 0.0], f"new default: the dropper breaks the implicit deadline and scores 0, got {new}")
expect(opt.violations(dropper, slo) == ["task cam: deadline_miss <= 0.1 (implicit deadline)"],
       f"violations {opt.violations(dropper, slo)}")
old = opt.score_runs([careful, dropper], opt.slo_from_scenario(scenario, period_deadline="off"), infeasible="score")
expect(old[1] > old[0], f"old behaviour: the dropper scores higher ({old})")
# A stated latency bound is the SLO saying otherwise: no implicit term.
stated = dict(scenario, slo=dict(scenario["slo"], constraints=[{"metric": "latency_p99", "op": "<=", "bound": 50}]))
expect(opt.slo_from_scenario(stated).implicit == [], "a stated latency bound must replace the implicit deadline")
# Nobody meets the implicit deadline: it is dropped (soft), both are scored.
both = opt.score_runs([run(75.0, 20.0, 0.3, "a"), run(80.0, 10.0, 0.5, "b")], slo)
expect(both[1] > both[0] > 0, f"implicit constraint met by no run must be dropped: {both}")

# ---- (a): real runs of UC2 on the A71.
uc2 = os.path.join(ROOT, "scenarios", "use_cases", "uc2_snapdragon730.json")
tmp = scratch_dir("socsim_decisions_")
paths = {}
for sched in ("carin", "multi_dnn_unaware"):
    paths[sched] = os.path.join(tmp, sched + ".h5")
    socsim("run", uc2, "--scheduler", sched, "--duration-s", "2", "-o", paths[sched], check=0)
carin_new = opt.run_from_trace(paths["carin"])
carin_old = opt.run_from_trace(paths["carin"], size="storage")
storage = float(trace.load(paths["carin"], "summary").attrs["storage_mib"])
expect(carin_old.app["size"] == storage, "size='storage' must be the run's storage_mib")
expect(carin_new.app["size"] == opt.deployed_size_mib(paths["carin"]), "the default size must be the deployed files")
expect(carin_new.app["size"] < storage, f"CARIn's design set keeps fall-backs beside d0: deployed "
       f"{carin_new.app['size']} vs storage {storage}")
uc2_slo = opt.slo_from_scenario(trace.config(paths["carin"], "scenario"))
expect(any(o.metric == "size" for _, o in uc2_slo.objectives), "UC2 must have a size objective")


def ratio(size):
    runs = [opt.run_from_trace(paths[s], size=size) for s in ("carin", "multi_dnn_unaware")]
    s = opt.score_runs(runs, uc2_slo)
    return s[1] / s[0]


new_ratio, old_ratio = ratio("deployed"), ratio("storage")
for sched in paths:
    served = float(trace.load(paths[sched], "summary").attrs["served_size_mib"])
    expect(abs(served - opt.deployed_size_mib(paths[sched])) < 1e-9, f"{sched}: /summary served_size_mib {served} "
           f"must be the files in /executions, {opt.deployed_size_mib(paths[sched])}")

# ---- socsim compare agrees with score_runs (sizes (a) and constraints (c)), on UC2 and on UC4 at 30 fps.
import pandas as pd  # noqa: E402
for case, schedulers in (("uc2_snapdragon730", ["carin", "multi_dnn_unaware", "single_model"]),
                         ("uc4_tensor_g2", ["carin", "least_slack_time", "round_robin", "single_model"])):
    out = os.path.join(tmp, "compare_" + case)
    socsim("compare", os.path.join(ROOT, "scenarios", "use_cases", case + ".json"), "--scheduler", *schedulers,
           "--seeds", "1", "--duration-s", "3", "-o", out, "--format", "csv", check=0)
    rows = pd.read_csv(os.path.join(out, "runs.csv"))
    runs = [opt.run_from_trace(t) for t in rows.trace]
    python = opt.score_runs(runs, opt.slo_from_scenario(trace.config(rows.trace[0], "scenario")))
    for name, cxx, py in zip(rows.scheduler, rows.optimality, python):
        expect(abs(cxx - py) <= 1e-6 * max(1.0, abs(py)), f"{case} {name}: compare's optimality {cxx} but "
               f"score_runs gives {py}")
expect(old_ratio > new_ratio, f"multi_dnn_unaware / CARIn: storage-based {old_ratio:.3g} must exceed the "
       f"deployed-file one {new_ratio:.3g} (CARIn no longer pays for stored fall-backs)")
done("test_paper_decisions")
