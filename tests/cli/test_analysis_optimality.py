"""analysis/optimality.py reimplements solver/optimality.h and rass.h's SLO expansion exactly.

For use cases single- and multi-DNN (UC1-UC4) and every optimality name, with a non-unit weight
on one single- and one multi-DNN app, `socsim solve --format json` ranks the feasible designs; the analysis module
recomputes each ranked design's optimality from the printed per-task metrics and the scenario's
SLO, and must agree to 1e-6. It must also find every ranked design feasible, and the ranking
order must follow its scores. Plus the formulas' edge cases (solver/optimality.h).
"""
import json
import math
import os
import sys

from common import done, expect, fail, ROOT, scratch_dir, socsim

sys.path.insert(0, ROOT)
from analysis import optimality as opt  # noqa: E402

# (scenario, weight of its last objective: None keeps the file's)
CASES = [("uc1_tensor_g2", 2.5), ("uc2_snapdragon730", None), ("uc3_tensor_g2", 2.5), ("uc4_snapdragon865", None)]


def scenario_variant(name, optimality, weight, tmp):
    src = os.path.join(ROOT, "scenarios", "use_cases", name + ".json")
    with open(src) as f:
        sc = json.load(f)
    base = os.path.dirname(src)
    sc["soc"] = os.path.normpath(os.path.join(base, sc["soc"]))
    sc["models"] = os.path.normpath(os.path.join(base, sc["models"]))
    sc["optimality"] = optimality
    if weight is not None:
        sc["slo"]["objectives"][-1]["weight"] = weight
    path = os.path.join(tmp, f"{name}_{optimality}_{weight}.json")
    with open(path, "w") as f:
        json.dump(sc, f)
    return sc, path


def check_solve(name, optimality, weight, tmp):
    sc, path = scenario_variant(name, optimality, weight, tmp)
    out = json.loads(socsim("solve", path, "--format", "json", "--top", "1000000", check=0).stdout)
    expect(out["optimality"] == optimality, f"{name}: solve used {out['optimality']}, asked {optimality}")
    expect(len(out["ranked"]) == out["feasible"], f"{name}: --top did not print every feasible design")
    slo = opt.slo_from_scenario(sc)
    cands = [opt.candidate_from_solve(e) for e in out["ranked"]]
    for c in cands:
        bad = opt.violations(c, slo)
        expect(not bad, f"{name}: ranked design {c.label} breaks {bad}")
    scores = opt.score(cands, slo)
    worst = 0.0
    for e, s in zip(out["ranked"], scores):
        worst = max(worst, abs(s - e["optimality"]))
        if abs(s - e["optimality"]) > 1e-6:
            fail(f"{name} {optimality} w={weight}: rank {e['rank']}: solve {e['optimality']}, analysis {s}")
    for a, b in zip(scores, scores[1:]):
        expect(a >= b - 1e-9, f"{name} {optimality}: ranking not in descending analysis score")
    for m in out["design_set"]:
        expect(abs(m["optimality"] - scores[m["rank"]]) <= 1e-6, f"{name}: design-set member {m['condition']}")
    return worst, len(cands)


def check_edge_cases():
    mx, mn = opt.Objective("accuracy", True), opt.Objective("latency_mean", False)
    expect(opt.optimality("ratio_product", [], [[], []]) == [1.0, 1.0], "no objectives -> 1")
    expect(opt.optimality("ratio_product", [mx], []) == [], "no designs -> empty")
    expect(opt.optimality("ratio_product", [mn], [[0.0], [0.0]]) == [1.0, 1.0], "0/0 counts as 1")
    expect(opt.optimality("ratio_product", [mn], [[0.0], [2.0]]) == [1.0, 0.0], "min best 0 -> others 0")
    expect(opt.optimality("ratio_product", [mx], [[0.0], [2.0]]) == [0.0, 1.0], "max f 0 -> 0")
    w0 = opt.Objective("accuracy", True, 0.0)
    expect(opt.optimality("ratio_geomean", [w0], [[1.0], [2.0]]) == [1.0, 1.0], "all weights 0: geomean 1")
    expect(opt.optimality("weighted_sum", [w0], [[1.0], [2.0]]) == [1.0, 1.0], "all weights 0: weighted_sum 1")
    v = [[70.0, 2.0], [80.0, 4.0]]
    s = opt.optimality("ratio_product", [mx, mn], v)
    expect(math.isclose(s[0], 70 / 80) and math.isclose(s[1], 0.5), f"ratio_product {s}")
    s = opt.optimality("utopia_distance", [mx, mn], v)
    expect(math.isclose(s[0], 1 / (1 + (1 - 70 / 80))) and math.isclose(s[1], 1 / 1.5), f"utopia {s}")
    s = opt.optimality("weighted_sum", [opt.Objective("accuracy", True, 3.0), mn], v)
    expect(math.isclose(s[0], (3 * 70 / 80 + 1) / 4), f"weighted_sum {s}")
    for bad in (lambda: opt.optimality("nope", [mx], [[1.0]]), lambda: opt.optimality("ratio_min", [mx], [[-1.0]]),
                lambda: opt.optimality("ratio_min", [mx], [[1.0, 2.0]]),
                lambda: opt.optimality("ratio_min", [opt.Objective("accuracy", True, -1.0)], [[1.0]])):
        try:
            bad()
        except ValueError:
            continue
        fail("a violated precondition did not raise ValueError")
    # App-wide latency objective applies per task; app accuracy is the mean, memory the sum.
    slo = opt.slo_from_scenario({"tasks": [{"name": "a"}, {"name": "b"}],
                                 "slo": {"objectives": [{"metric": "accuracy"}, {"metric": "latency_mean"}],
                                         "constraints": [{"metric": "memory", "op": "<=", "bound": 10}]}})
    objectives, tasks, constraints = opt.expand(slo, 2)
    expect([o.metric for o in objectives] == ["accuracy", "latency_mean", "latency_mean"] and tasks == [-1, 0, 1],
           f"expansion {objectives} {tasks}")
    expect(constraints == [(-1, opt.Constraint("memory", "<=", 10.0))], f"constraints {constraints}")


def main():
    import tempfile
    check_edge_cases()
    tmp = scratch_dir("socsim_opt_")
    worst, designs = 0.0, 0
    for name, weight in CASES:
        for optimality in opt.NAMES:
            w, n = check_solve(name, optimality, weight, tmp)
            worst, designs = max(worst, w), designs + n
    print(f"{designs} ranked designs recomputed, largest difference {worst:.2e}")
    import shutil
    shutil.rmtree(tmp, ignore_errors=True)
    done("test_analysis_optimality")


if __name__ == "__main__":
    main()
