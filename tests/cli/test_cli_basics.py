"""The CLI's everyday surface: version, schema, validate, output formats, exit codes."""
import csv
import glob
import io
import json
import os

from common import done, expect, QUICKSTART, ROOT, scratch_dir, socsim

expect(socsim("version", check=0).stdout.startswith("socsim "), "version output")
socsim(check=2)
expect("unknown command" in socsim("frobnicate", check=2).stderr, "unknown command message")
for kind in ("soc", "model_family", "profiles", "scenario"):
    schema = json.loads(socsim("schema", kind, check=0).stdout)
    expect(schema.get("type") == "object", f"schema {kind} is not an object schema")
expect("expected one of" in socsim("schema", "planet", check=2).stderr, "unknown schema kind lists kinds")

# Every shipped file validates.
shipped = sorted(glob.glob(os.path.join(ROOT, "socs", "*.json")) + glob.glob(os.path.join(ROOT, "models", "*.json"))
                 + glob.glob(os.path.join(ROOT, "models", "profiles", "*.json"))
                 + glob.glob(os.path.join(ROOT, "scenarios", "*.json")))
expect(len(shipped) >= 4, "shipped data files missing")
socsim("validate", *shipped, check=0)

# The three formats carry the same numbers.
tmp = scratch_dir("socsim_fmt_")
runs = {}
for fmt in ("table", "csv", "json"):
    runs[fmt] = socsim("run", QUICKSTART, "--duration-s", 5, "--format", fmt, "-o", os.path.join(tmp, fmt + ".h5"),
                       check=0).stdout
js = json.loads(runs["json"])
rows = list(csv.DictReader(io.StringIO(runs["csv"])))
expect(len(rows) == len(js["tasks"]) >= 2, "quickstart should have at least two tasks in every format")
for row, task in zip(rows, js["tasks"]):
    expect(row["task"] == task["task"], "task order differs between csv and json")
    for key in ("arrived", "completed", "dropped", "violated", "pending"):
        expect(int(row[key]) == task[key], f"{key} differs between csv and json")
    for key in ("latency_mean_ms", "latency_p90_ms", "throughput_hz"):
        expect(abs(float(row[key]) - task[key]) < 1e-5, f"{key} differs between csv and json")
    expect(task["task"] in runs["table"], "table lacks a task")
    expect(f"{task['latency_mean_ms']:.3f}" in runs["table"], "table lacks the mean latency")
expect(js["events"] > 0 and js["sim_time_s"] == 5.0, "run facts in json")

# Logs go to stderr, results to stdout: stdout of a JSON run is pure JSON (parsed above).
done("cli_basics")
