"""Stale runs are never reused, and every CSV socsim writes survives odd text.

- compare --resume after a profile edit (a data file the scenario does not name itself) runs the
  affected run again: the run id hashes the resolved SoC and model library and the socsim build,
  so the new latency shows; without any edit --resume reruns nothing. The same for the
  transferred baseline's origin SoC: editing the origin's profiles gives the run a new id.
- A comma in the output path round-trips through pandas in runs.csv and `run --format csv`.
- A label beginning with = (a spreadsheet formula) is escaped in summary.csv, -1.5 stays a number.
"""
import json
import os
import shutil

import pandas as pd

from common import data_copy, done, expect, socsim

tmp = data_copy()
scenario = os.path.join(tmp, "scenarios", "suites", "image_classification_tensor_g2.json")
profiles = os.path.join(tmp, "models", "profiles", "tensor_g2.json")
out = os.path.join(tmp, "out,with comma")


def compare(*extra):
    p = socsim("compare", scenario, "--scheduler", "fixed", "--seeds", "1", "2", "--duration-s", "2", "-o", out,
               "--format", "csv", *extra, check=0)
    return p, pd.read_csv(os.path.join(out, "runs.csv"))


# ---- resume after a data edit
_, first = compare()
expect(len(first) == 2 and list(first.seed) == [1, 2], f"runs.csv: {first}")
expect(all(t.endswith(".h5") and os.path.exists(t) for t in first.trace), f"trace paths with a comma: {list(first.trace)}")
traces = {os.path.basename(t): os.path.getmtime(t) for t in first.trace}
p, again = compare("--resume")
expect(sorted(os.path.basename(t) for t in again.trace) == sorted(traces), "an unchanged resume keeps the run ids")
expect(all(os.path.getmtime(t) == traces[os.path.basename(t)] for t in again.trace), "an unchanged resume reran a run")

with open(profiles) as f:
    lib = json.load(f)
hits = 0
for e in lib["profiles"]:
    if (e["variant"], e["precision"], e["engine"]) == ("efficientnet_lite2", "fx8", "npu"):
        e["latency_ms"] *= 3
        hits += 1
expect(hits == 1, "the suite's design has one profile entry")
with open(profiles, "w") as f:
    json.dump(lib, f, indent=2)
p, edited = compare("--resume")
expect("running them again" in p.stderr, f"a resume after a data edit says it reruns: {p.stderr}")
expect(set(os.path.basename(t) for t in edited.trace).isdisjoint(traces), "the edited runs have new ids")
ratio = edited.latency_mean_ms.mean() / first.latency_mean_ms.mean()
expect(ratio > 2, f"the resumed compare shows the tripled profile (mean latency ratio {ratio:.2f}, expected > 2)")
expect(len(os.listdir(os.path.join(out, "runs"))) == 2, f"stale traces removed: {os.listdir(os.path.join(out, 'runs'))}")
socsim("merge", out, check=0)  # the manifest holds only current runs

# ---- resume after an edit of the transferred baseline's origin SoC's profiles
origin_profiles = os.path.join(tmp, "models", "profiles", "snapdragon865.json")
transferred_out = os.path.join(tmp, "transferred")


def compare_transferred(*extra):
    socsim("compare", scenario, "--scheduler", "transferred", "--param", "from_soc=snapdragon865", "--seeds", "1",
           "--duration-s", "1", "-o", transferred_out, "--format", "csv", *extra, check=0)
    return set(os.listdir(os.path.join(transferred_out, "runs")))


before = compare_transferred()
expect(compare_transferred("--resume") == before, "an unchanged resume keeps the transferred run's id")
with open(origin_profiles) as f:
    lib = json.load(f)
for e in lib["profiles"]:
    e["latency_ms"] *= 2
with open(origin_profiles, "w") as f:
    json.dump(lib, f, indent=2)
after = compare_transferred("--resume")
expect(after.isdisjoint(before), f"an edit of the origin SoC's profiles gives a new run id: {before} -> {after}")

# ---- run --format csv with a comma in the trace path
trace = os.path.join(tmp, "a,b", "q.h5")
os.makedirs(os.path.dirname(trace))
p = socsim("run", scenario, "--duration-s", "1", "-o", trace, "--format", "csv", check=0)
from io import StringIO  # noqa: E402
df = pd.read_csv(StringIO(p.stdout))
expect(list(df.trace) == [trace], f"run --format csv trace column: {list(df.trace)}")
expect(df.shape[1] == len(p.stdout.splitlines()[0].split(",")), "no column shifted")

# ---- formula-like labels in summary.csv
campaign = os.path.join(tmp, "campaigns", "labels.json")
os.makedirs(os.path.dirname(campaign))
with open(campaign, "w") as f:
    json.dump({"name": "labels", "base": "../scenarios/suites/image_classification_tensor_g2.json",
               "set": {"/duration_s": 1},
               "axes": [{"name": "note", "pointer": "/description", "values": ["=1+2", "-1.5", "@x"]}]}, f)
sweep_dir = os.path.join(tmp, "sweep")
socsim("sweep", campaign, "-o", sweep_dir, "-j", "2", check=0)
socsim("merge", sweep_dir, check=0)
text = open(os.path.join(sweep_dir, "summary.csv")).read()
expect(",=1+2," not in text and ",@x," not in text, f"formula-like labels unescaped: {text[:400]}")
summary = pd.read_csv(os.path.join(sweep_dir, "summary.csv"), dtype={"note": str})
expect(list(summary.note) == ["'=1+2", "-1.5", "'@x"], f"labels as read back: {list(summary.note)}")
expect(",-1.5," in text, "-1.5 is written as a number, unescaped")

shutil.rmtree(tmp)
done("test_resume_and_csv")
