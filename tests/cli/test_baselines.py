"""Every use-case scenario (scenarios/use_cases/*.json: UC1-UC4 on the three paper phones, with their
adaptation variants) runs with every baseline scheduler — oodin, single_model, transferred,
multi_dnn_unaware, oracle — without error, and every task completes requests. transferred takes
its design from the A71 (snapdragon730), or from the Pixel 7 (tensor_g2) when the target is the A71.

Each run is the scenario as written (20 s, or 30 s for the _adapt_ variants with their runtime
events) and the scheduler's default parameters: 120 runs of well under a second each. The
summary's storage, solve time and switches are checked for what each scheduler promises."""
import glob
import json
import os
import time

from common import ROOT, done, expect, socsim

SCHEDULERS = ["oodin", "single_model", "transferred", "multi_dnn_unaware", "oracle"]
STATIC = {"transferred", "multi_dnn_unaware"}


def run(path, scheduler):
    args = ["run", path, "--scheduler", scheduler, "--no-trace", "--format", "json"]
    if scheduler == "transferred":
        origin = "tensor_g2" if path.endswith("_snapdragon730.json") else "snapdragon730"
        args += ["--param", f"from_soc={origin}"]
    return json.loads(socsim(*args, check=0).stdout)


def main():
    files = sorted(glob.glob(os.path.join(ROOT, "scenarios", "use_cases", "*.json")))
    expect(len(files) == 24, f"expected 24 use-case scenarios, found {len(files)}")
    start = time.monotonic()
    for path in files:
        name = os.path.basename(path)
        for scheduler in SCHEDULERS:
            s = run(path, scheduler)
            where = f"{name} --scheduler {scheduler}"
            expect(s["scheduler"] == scheduler, f"{where}: summary names scheduler {s['scheduler']}")
            for t in s["tasks"]:
                expect(t["completed"] > 0, f"{where}: task {t['task']} completed nothing: {t}")
            expect(s["storage_mib"] > 0, f"{where}: no storage reported")
            if scheduler != "oodin":
                expect(s["solve_time_ms"] == 0, f"{where}: only oodin solves at run time, got {s['solve_time_ms']}")
            if scheduler in STATIC:
                expect(s["switches"] == 0, f"{where}: a static deployment switched {s['switches']} times")
            if "_adapt_" not in name:
                expect(s["switches"] == 0 and s["solve_time_ms"] == 0,
                       f"{where}: nothing changes at run time, yet {s['switches']} switches, "
                       f"{s['solve_time_ms']} ms solving")
            elif scheduler == "oodin":
                expect(s["solve_time_ms"] > 0, f"{where}: the adaptation events caused no re-solve")
    print(f"{len(files) * len(SCHEDULERS)} runs in {time.monotonic() - start:.1f} s")
    done("test_baselines")


if __name__ == "__main__":
    main()
