"""The command line never silently does the wrong thing: bad lists and ranges, unknown names and
out-of-range windows are usage errors (exit 2) that say what was expected; listings have JSON;
progress goes to stderr, also when it is not a terminal; a scheduler that plans with an SLO
warns when there is none, and compare shows such optimality as n/a."""
import json
import os

from common import done, expect, QUICKSTART, ROOT, scratch_dir, socsim

tmp = scratch_dir("socsim_strict_")
SUITE = os.path.join(ROOT, "scenarios", "suites", "image_classification_tensor_g2.json")

# --seeds: bad forms are refused before anything runs, naming the bad part.
for bad, part in [("1..3", "1..3"), ("1-3x", "1-3x"), ("3-1", "3-1"), ("1,,2", ""), ("x", "x"), ("1,1", "twice"),
                  ("1,", "1,"), ("2-", "2-")]:
    out = os.path.join(tmp, "never")
    p = socsim("compare", QUICKSTART, "--seeds", bad, "-o", out, "--duration-s", "1", check=2)
    expect("--seeds" in p.stderr and part in p.stderr and "expected" in p.stderr, f"--seeds {bad}: {p.stderr}")
    expect(not os.path.exists(out), f"--seeds {bad} wrote {out}")
p = socsim("compare", QUICKSTART, "--seeds", "1..3", "-o", os.path.join(tmp, "n"), check=2)
expect("did you mean A-B" in p.stderr, p.stderr)
# --seeds 1 2 3 (several tokens) means seeds 1, 2 and 3, not scenario files.
p = socsim("compare", QUICKSTART, "--seeds", "1", "2", "3", "--duration-s", "0.5", "-o", os.path.join(tmp, "seeds"),
           "--format", "json", check=0)
rows = json.loads(p.stdout)
expect(all(r["runs"] == 3 for r in rows), f"--seeds 1 2 3: {[r['runs'] for r in rows]}")
expect(all(r["metrics"]["latency_mean_ms"]["n"] == 3 for r in rows), "each estimate says its n")
expect("Student t" in rows[0]["ci_method"], rows[0]["ci_method"])
# Progress lines on stderr (not a terminal here), never on stdout.
expect("compare: 3/3 runs done" in p.stderr and "elapsed" in p.stderr, f"progress: {p.stderr}")
expect("runs done" not in p.stdout, "progress on stdout")
# The quickstart's fixed scheduler has no SLO objectives: optimality is n/a, not 1 ± 0.
expect(rows[0]["metrics"]["optimality"]["mean"] is None, f"optimality without objectives: {rows[0]['metrics']['optimality']}")
expect("optimality and its ratio are n/a" in p.stderr, p.stderr)

# A list option before the scenario takes it as a value: the error says so, not just "missing".
p = socsim("compare", "--seeds", "1", "2", QUICKSTART, "-o", os.path.join(tmp, "n2"), check=2)
expect("missing SCENARIO" in p.stderr and "--seeds took 1 2 " in p.stderr and "put SCENARIO before it" in p.stderr,
       p.stderr)

# Unknown names list the known ones and suggest the closest.
p = socsim("run", QUICKSTART, "--soc", "tensorg2", "--no-trace", check=2)
expect("--soc" in p.stderr and "unknown SoC \"tensorg2\"" in p.stderr and "did you mean \"tensor_g2\"" in p.stderr,
       p.stderr)
p = socsim("run", QUICKSTART, "--scheduler", "rond_robin", "--no-trace", check=2)
expect("did you mean \"round_robin\"" in p.stderr and "least_slack_time" in p.stderr, p.stderr)
p = socsim("run", QUICKSTART, "--scheduler", "carin", "--param", "period_mss=5", "--no-trace", check=2)
expect("did you mean \"period_ms\"" in p.stderr, p.stderr)
p = socsim("list", "schedulerz", check=2)
expect("did you mean \"schedulers\"" in p.stderr, p.stderr)
p = socsim("run", QUICKSTART, "--format", "jsn", "--no-trace", check=2)
expect("did you mean \"json\"" in p.stderr, p.stderr)

# socsim schema without a kind: a usage message naming KIND, not an internal --kind option.
p = socsim("schema", check=2)
expect("missing KIND" in p.stderr and "--kind" not in p.stderr and "scenario" in p.stderr, p.stderr)
p = socsim("schema", "scenaro", check=2)
expect("did you mean \"scenario\"" in p.stderr, p.stderr)

# list --format json parses and says what the table says.
schedulers = json.loads(socsim("list", "schedulers", "--format", "json", check=0).stdout)
carin = next(s for s in schedulers if s["name"] == "carin")
expect(any(p["name"] == "period_ms" for p in carin["params"]), f"carin's params: {carin}")
socs = json.loads(socsim("list", "socs", "--socs", os.path.join(ROOT, "socs"), "--format", "json", check=0).stdout)
expect("tensor_g2" in [s["name"] for s in socs], f"socs: {[s['name'] for s in socs]}")
models = json.loads(socsim("list", "models", "--models", os.path.join(ROOT, "models"), "--soc", "tensor_g2",
                           "--format", "json", check=0).stdout)
expect(any(b.get("profiled_engines", "-") != "-" for f in models for v in f["variants"] for b in v["builds"]),
       "models --soc lists profiled engines")

# A planner without an SLO warns; the run still happens.
p = socsim("run", QUICKSTART, "--scheduler", "carin", "--duration-s", "1", "--no-trace", check=0)
expect("warning" in p.stderr and "states none" in p.stderr, f"carin without an SLO: {p.stderr}")
p = socsim("run", SUITE, "--scheduler", "carin", "--duration-s", "1", "--no-trace", check=0)
expect("warning" not in p.stderr, f"a suite has an SLO now: {p.stderr}")

# export --window outside the trace: exit 2, nothing written.
trace = os.path.join(tmp, "q.h5")
socsim("run", QUICKSTART, "--duration-s", "2", "-o", trace, check=0)
for window in ("100:200", "5:", ":0"):
    out = os.path.join(tmp, "w.json")
    p = socsim("export", trace, "--window", window, "-o", out, check=2)
    expect("--window" in p.stderr and "0:2 s" in p.stderr, f"--window {window}: {p.stderr}")
    expect(not os.path.exists(out), f"--window {window} wrote {out}")
socsim("export", trace, "--window", "1:", "-o", os.path.join(tmp, "ok.json"), check=0)

done("test_strict_cli")
