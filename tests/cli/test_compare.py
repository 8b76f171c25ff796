"""socsim compare: the table, CSV and JSON say the same thing; -j does not change the numbers;
the reference's ratio is 1; its directory is a sweep directory (campaign, manifest, summary.csv,
index.h5) that --resume completes without rerunning; a scenario's own scheduler keeps its
parameters (a compared run equals `socsim run`); bad input fails before anything runs."""
import csv
import io
import json
import os

from common import done, expect, ROOT, scratch_dir, socsim

SCENARIO = os.path.join(ROOT, "scenarios", "suites", "image_classification_tensor_g2.json")
SCHEDULERS = ["fixed", "round_robin", "shortest_expected_latency"]


def compare(out, jobs, fmt, *extra):
    return socsim("compare", SCENARIO, "--scheduler", *SCHEDULERS, "--soc", "tensor_g2", "snapdragon865",
                  "--seeds", "1-3", "--duration-s", "3", "-j", jobs, "-o", out, "--reference", "fixed",
                  "--format", fmt, *extra, check=0).stdout


tmp = scratch_dir("socsim_compare_")
one, two = os.path.join(tmp, "j1"), os.path.join(tmp, "j2")
csv_text = compare(one, 1, "csv")
json_rows = json.loads(compare(two, 2, "json"))
table = compare(two, 2, "table")

rows = list(csv.DictReader(io.StringIO(csv_text)))
expect(len(rows) == len(SCHEDULERS) * 2, f"expected one row per scheduler x SoC, got {len(rows)}")
expect(len(json_rows) == len(rows), "JSON and CSV disagree on the rows")
for r, j in zip(rows, json_rows):
    expect((r["scheduler"], r["soc"]) == (j["scheduler"], j["soc"]), f"row order differs: {r} vs {j}")
    expect(int(r["runs"]) == 3 == j["runs"], "three seeds per row")
    for name, value in j["metrics"].items():
        for part in ("mean", "ci95"):
            a, b = float(r[f"{name}_{part}"]), value[part]
            expect(abs(a - b) <= 1e-6 * max(1.0, abs(a)), f"{name}_{part}: CSV {a} vs JSON {b}")
    if r["scheduler"] == "fixed":
        expect(abs(float(r["optimality_ratio_mean"]) - 1) < 1e-12, "the reference's ratio is 1")
    expect(r["scheduler"] in table and r["soc"] in table, "the table lists every row")
    # The table's cells are the same means, rounded.
    line = next(l for l in table.splitlines() if l.startswith(r["scheduler"] + " ") and f" {r['soc']} " in l)
    acc = float(line.split()[2].split("±")[0])
    expect(abs(acc - float(r["accuracy_pct_mean"])) < 0.01 * max(1.0, acc), f"table accuracy {acc} vs CSV {r}")

# -j 1 and -j 2: the same numbers (compare.csv holds no wall times) and the same per-run results.
with open(os.path.join(one, "compare.csv")) as a, open(os.path.join(two, "compare.csv")) as b:
    expect(a.read() == b.read(), "compare.csv differs between -j 1 and -j 2")
strip = lambda path: [l.split(",")[:5] + l.split(",")[6:] for l in open(path).read().splitlines()]  # drop the trace path
expect(strip(os.path.join(one, "runs.csv")) == strip(os.path.join(two, "runs.csv")), "runs.csv differs with -j")
runs_total = len(rows) * 3
expect(len(os.listdir(os.path.join(one, "runs"))) == runs_total, "one trace per run")
expect(len(os.listdir(os.path.join(one, "logs"))) == runs_total, "one log per run")

# The directory is a sweep directory: its campaign lists the runs, merge accepts it, summary.csv has
# one row per run (one task), and --resume reruns nothing.
p = socsim("sweep", os.path.join(one, "compare-campaign.json"), "--dry-run", "--format", "csv", check=0)
expect(len(p.stdout.splitlines()) == 1 + runs_total, f"the campaign lists every run: {p.stdout}")
socsim("merge", one, check=0)
with open(os.path.join(one, "summary.csv")) as f:
    expect(len(f.read().splitlines()) == 1 + runs_total, "summary.csv: one row per run")
before = {f: os.stat(os.path.join(one, "runs", f)).st_mtime_ns for f in os.listdir(os.path.join(one, "runs"))}
with open(os.path.join(one, "compare.csv")) as f:
    first = f.read()
compare(one, 2, "csv", "--resume")
after = {f: os.stat(os.path.join(one, "runs", f)).st_mtime_ns for f in os.listdir(os.path.join(one, "runs"))}
expect(before == after, "--resume reran finished runs")
with open(os.path.join(one, "compare.csv")) as f:
    expect(f.read() == first, "compare.csv changes with --resume")

p = socsim("compare", SCENARIO, "--scheduler", "fixed", "--duration-s", "1", "-o", one, "--resume", check=2)
expect("holds no earlier compare of this matrix" in p.stderr, f"--resume with another matrix: {p.stderr}")
with open(os.path.join(one, "compare.csv")) as f:
    expect(f.read() == first, "a refused --resume changed DIR")

# A scenario's own scheduler keeps the scenario's parameters: a compared run equals `socsim run`.
with open(SCENARIO) as f:
    sc = json.load(f)
for key in ("soc", "models"):
    sc[key] = os.path.normpath(os.path.join(os.path.dirname(SCENARIO), sc[key]))
sc["scheduler"] = {"name": "least_slack_time", "params": {"drop_hopeless": False}}
sc["duration_s"] = 3
own = os.path.join(tmp, "own.json")
with open(own, "w") as f:
    json.dump(sc, f)
socsim("compare", own, "--scheduler", "least_slack_time", "fixed", "-o", os.path.join(tmp, "own"), "--format", "csv",
       check=0)
socsim("run", own, "-o", os.path.join(tmp, "own_run.h5"), check=0)
import h5py  # noqa: E402

with open(os.path.join(tmp, "own", "runs.csv")) as f:
    lst = next(r for r in csv.DictReader(f) if r["scheduler"] == "least_slack_time")
with h5py.File(lst["trace"], "r") as a, h5py.File(os.path.join(tmp, "own_run.h5"), "r") as b:
    for col in ("arrived", "completed", "dropped", "latency_mean_ms"):
        expect((a["summary"][col][()] == b["summary"][col][()]).all(), f"compare's own-scheduler run differs in {col}")
    expect(b"drop_hopeless" in a["config"]["scenario"][()] if isinstance(a["config"]["scenario"][()], bytes)
           else "drop_hopeless" in a["config"]["scenario"][()], "the run kept the scenario's parameter")

# -o naming a directory compare did not write: refused, nothing deleted.
foreign = os.path.join(tmp, "foreign")
os.makedirs(foreign)
open(os.path.join(foreign, "keep.txt"), "w").close()
p = socsim("compare", SCENARIO, "--duration-s", "1", "-o", foreign, check=2)
expect("holds no earlier socsim compare" in p.stderr, p.stderr)
expect(os.listdir(foreign) == ["keep.txt"], "compare touched a directory it did not write")

# Bad input: an unknown scheduler is a config error naming the known ones, and nothing runs.
bad = os.path.join(tmp, "bad")
p = socsim("compare", SCENARIO, "--scheduler", "fixed", "no_such", "-o", bad, check=2)
expect("no_such" in p.stderr and "round_robin" in p.stderr, p.stderr)
expect(not os.path.exists(bad), "nothing is written for bad input")
p = socsim("compare", SCENARIO, "--seeds", "5-1", "-o", bad, check=2)
expect("--seeds" in p.stderr, p.stderr)
p = socsim("compare", SCENARIO, "--param", "nonsense=1", "-o", bad, check=2)
expect("nonsense" in p.stderr, p.stderr)
done("test_compare")
