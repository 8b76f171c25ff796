"""socsim report without a browser (also run under the sanitizers): the page it writes for a trace,
a compare directory and a sweep directory is self-contained (no URL it would load, a CSP that
forbids the network) and embeds the right numbers — a run's equal to `socsim run --format json`,
its timeline identical to `socsim export --window`, a compare's to compare.csv, a sweep's means and
95 % CIs to ones recomputed here from summary.csv; the same inputs give the same bytes; bad PATHs
exit 2 with a clear message and write nothing. The rendering itself: test_report_browser.py.
"""
import json
import math
import os
import re
import shutil
import statistics

import h5py
from scipy import stats

from common import done, expect, scratch_dir, socsim
from report_fixtures import WINDOW, embedded_data, make_compare, make_run, make_sweep

tmp = scratch_dir("socsim_report_")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def check_self_contained(path):
    html = read(path).decode("utf-8")
    expect("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';" in html,
           f"{path}: no Content-Security-Policy forbidding the network")
    expect("connect-src 'none'" in html, f"{path}: the CSP allows connections")
    loads = re.findall(r"""(?:src|href|action)\s*=\s*["']?\s*(?!#|data:)[a-z]+:""", html, re.I)
    expect(not loads, f"{path}: loads something from outside: {loads[:5]}")
    expect(not re.search(r"<link\b|@import|url\(\s*['\"]?https?:", html, re.I), f"{path}: links a stylesheet or font")
    expect("uPlot" in html and "@@" not in html, f"{path}: uPlot not inlined or a placeholder left")


def close(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= tol + 1e-9 * abs(b)


# ---- A run's trace.
trace, summary = make_run(tmp)
p = socsim("report", trace, "--window", WINDOW, check=0)
page = os.path.join(tmp, "adapt.html")
expect(page in p.stdout and os.path.exists(page), f"no {page}: {p.stdout}")
expect(not [f for f in os.listdir(tmp) if ".part" in f or f.startswith(".")], f"temporary files left: {os.listdir(tmp)}")
check_self_contained(page)
data = embedded_data(page)
expect(data["kind"] == "run", "kind is not run")
for key in ("scenario", "soc", "scheduler", "seed"):
    expect(data["provenance"][key] == summary[key], f"provenance {key}: {data['provenance'][key]} != {summary[key]}")
for key in ("energy_mj", "peak_temp_c", "peak_memory_mib", "storage_mib", "switches", "switch_time_ms", "solve_time_ms",
            "events", "sim_time_s"):
    expect(close(data["totals"][key], summary[key], 5e-7), f"total {key}: {data['totals'][key]} != {summary[key]}")
expect([t["task"] for t in data["tasks"]] == [t["task"] for t in summary["tasks"]], "tasks differ")
for mine, theirs in zip(data["tasks"], summary["tasks"]):
    for key, value in theirs.items():
        if key != "task":
            expect(close(mine[key], value, 5e-7), f"{theirs['task']} {key}: {mine[key]} != {value}")

with h5py.File(trace, "r") as f:
    finish = f["requests"]["finish_ns"][()]
    arrival = f["requests"]["arrival_ns"][()]
    dropped = f["requests"]["dropped"][()]
    n_switches, n_events = len(f["switches"]["time_ns"]), len(f["events"]["time_ns"])
# The steady state: requests that arrived before the warm-up ended are not in the latency curve.
steady = (dropped == 0) & (arrival >= round(summary["tasks"][0]["warmup_end_ms"] * 1e6))
lat = sorted(((finish - arrival)[steady] * 1e-6).tolist())
curve = data["latency"]["tasks"][0]["ms"]
for pct, value in zip(data["latency"]["percentiles"], curve):
    expect(value == lat[max(1, math.ceil(pct / 100 * len(lat))) - 1], f"latency at p{pct}: {value}")
expect(abs(curve[data["latency"]["percentiles"].index(50)] - summary["tasks"][0]["latency_p50_ms"]) <= 0.002 * curve[100],
       "the latency curve's median is not /summary's (0.1 % histogram resolution)")
tp = data["throughput"]
expect(abs(sum(h * tp["bin_s"] for h in tp["tasks"][0]["hz"]) - summary["tasks"][0]["completed"]) < 1e-6,
       "throughput bins do not add up to the completed requests")
expect(data["switches"]["total"] == n_switches == len(data["switches"]["rows"]) and n_switches >= 2, "switches rows")
expect(data["events"]["total"] == n_events == len(data["events"]["rows"]) and n_events >= 1, "events rows")
expect([r["reason"] for r in data["switches"]["rows"]][:2] == ["deploy", "processor_issue"], "switch reasons")

# The timeline is exactly `socsim export --window` of the same window.
chrome = json.loads(socsim("export", trace, "--window", WINDOW, "-o", "-", check=0).stdout)
expect(data["timeline"]["chrome"] == chrome, "the timeline differs from socsim export --window")
expect(data["timeline"]["slices"] == sum(e["ph"] == "X" for e in chrome["traceEvents"]) > 0, "timeline slice count")

# Deterministic: the same trace and options give the same bytes.
again = os.path.join(tmp, "again.html")
socsim("report", trace, "--window", WINDOW, "-o", again, check=0)
expect(read(again) == read(page), "two reports of the same trace differ")


def estimate(samples):
    mean = statistics.fmean(samples)
    ci = stats.t.ppf(0.975, len(samples) - 1) * statistics.stdev(samples) / math.sqrt(len(samples)) if len(samples) > 1 else 0
    return mean, ci


def check_groups(data, rows, axes):
    """The report's per-task groups against means and CIs computed here from summary.csv."""
    expect(data["axes"] == axes, f"axes {data['axes']} != {axes}")
    groups = {}
    for r in rows:
        groups.setdefault(tuple(r[a] for a in axes) + (r["task"],), []).append(r)
    expect(len(data["groups"]) == len(groups), f"{len(data['groups'])} groups, expected {len(groups)}")
    for g in data["groups"]:
        members = groups[tuple(g["coords"]) + (g["task"],)]
        expect(g["n"] == len(members), f"group {g['coords']} n")
        for metric in ("latency_mean_ms", "latency_p90_ms", "throughput_hz", "energy_mj", "violation_rate"):
            if metric == "violation_rate":
                samples = [int(m["violated"]) / int(m["arrived"]) if int(m["arrived"]) else 0 for m in members]
            else:
                samples = [float(m[metric]) for m in members]
            mean, ci = estimate(samples)
            got = g["values"][metric]
            expect(close(got["mean"], mean, 1e-9), f"{g['coords']} {g['task']} {metric} mean {got['mean']} != {mean}")
            # compare_stats' t table has 3 decimals
            expect(abs(got["ci95"] - ci) <= 1e-3 * ci + 1e-9, f"{g['coords']} {g['task']} {metric} CI {got['ci95']} != {ci}")


# ---- A compare directory.
cmp_dir, compare_rows = make_compare(tmp)
socsim("report", cmp_dir, check=0)
cmp_page = os.path.join(cmp_dir, "report.html")
check_self_contained(cmp_page)
data = embedded_data(cmp_page)
expect(data["kind"] == "compare" and data["runs"] == 6, f"compare: kind {data['kind']}, runs {data['runs']}")
rows = data["compare"]["rows"]
csv_number = lambda text: None if text == "" else float(text)  # empty: no value (n/a optimality, one seed's CI)
expect(len(rows) == len(compare_rows) == 2, "compare rows")
for mine, theirs in zip(rows, compare_rows):
    for key in ("scenario", "soc", "scheduler", "optimality_function", "reference"):
        expect(mine[key] == theirs[key], f"compare {key}: {mine[key]} != {theirs[key]}")
    expect(mine["reference"] == "round_robin", "the reference is not --reference's")
    for col in data["compare"]["columns"]:
        name = col["name"]
        expect(mine["metrics"][name]["mean"] == csv_number(theirs[name + "_mean"]) and
               mine["metrics"][name]["ci95"] == csv_number(theirs[name + "_ci95"]), f"compare {name} differs from compare.csv")
expect({c["name"] for c in data["compare"]["columns"]} >= {"optimality", "optimality_ratio", "latency_p90_ms"}, "columns")
with open(os.path.join(cmp_dir, "summary.csv")) as f:
    import csv
    check_groups(data, list(csv.DictReader(f)), ["scenario", "scheduler"])

# ---- A sweep directory (its summary.csv need not exist: the report reads the traces).
sweep_dir, summary_rows = make_sweep(tmp)
os.remove(os.path.join(sweep_dir, "summary.csv"))
socsim("report", sweep_dir, "-o", os.path.join(tmp, "sweep.html"), check=0)
expect(not os.path.exists(os.path.join(sweep_dir, "summary.csv")), "report wrote summary.csv")
check_self_contained(os.path.join(tmp, "sweep.html"))
data = embedded_data(os.path.join(tmp, "sweep.html"))
expect(data["kind"] == "sweep" and data["runs"] == 8, "sweep: kind or runs")
check_groups(data, summary_rows, ["fps", "scheduler"])


# ---- Bad PATHs: exit 2, a message naming the problem, nothing written.
def bad(path, why, *extra):
    out = os.path.join(tmp, "bad.html")
    before = sorted(os.listdir(path)) if os.path.isdir(path) else None
    p = socsim("report", path, "-o", out, *extra, check=2)
    expect(why in p.stderr, f"report {path}: stderr lacks {why!r}: {p.stderr}")
    expect(not os.path.exists(out), f"report {path}: wrote {out}")
    if before is not None:
        expect(sorted(os.listdir(path)) == before, f"report {path}: the directory changed")
    expect(p.stdout == "", f"report {path}: printed {p.stdout!r}")


bad(os.path.join(tmp, "missing.h5"), "no such file or directory")
bad(os.path.join(tmp, "sweep.json"), "not an HDF5 file")
bad(os.path.join(sweep_dir, "index.h5"), "socsim trace")
os.makedirs(os.path.join(tmp, "empty"))
bad(os.path.join(tmp, "empty"), "not a sweep directory")
unfinished = os.path.join(tmp, "unfinished")
shutil.copytree(sweep_dir, unfinished)
os.remove(os.path.join(unfinished, "runs", sorted(os.listdir(os.path.join(unfinished, "runs")))[0]))
bad(unfinished, "missing")
p = socsim("report", unfinished, check=2)
expect(not os.path.exists(os.path.join(unfinished, "report.html")), "an unfinished sweep got a report")
no_csv = os.path.join(tmp, "no_csv")
shutil.copytree(cmp_dir, no_csv)
os.remove(os.path.join(no_csv, "compare.csv"))
bad(no_csv, "compare did not finish")
bad(cmp_dir, "--window", "--window", "0:1")
bad(trace, "--window", "--window", "3:1")
p = socsim("report", trace, "-o", trace, check=2)
expect("input itself" in p.stderr and h5py.is_hdf5(trace), "report -o TRACE overwrote the trace")

done("test_report")
