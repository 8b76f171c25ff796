"""Resource limits of `socsim run`: --max-events, --max-wall-s, --max-trace-mib stop the run at the
next event boundary, exit 1 with a message naming the limit, and keep the partial trace as
<name>.interrupted.h5 (marked, never under the final name); bad limit values are usage errors.
"""
import filecmp
import os

import h5py

from common import done, expect, QUICKSTART, scratch_dir, socsim

LONG = "864000"  # simulated seconds: no limit below is reached by finishing


def attrs(path):
    with h5py.File(path, "r") as f:
        a = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
        a["events"] = int(f["summary"].attrs["events"])
        a["sim_time_ns"] = int(f["summary"].attrs["sim_time_ns"])
    return a


def stopped(limit, value, reason, message, cwd=None):
    d = cwd or scratch_dir("socsim_lim_")
    p = socsim("run", QUICKSTART, "--duration-s", LONG, "-o", "t.h5", limit, value, cwd=d, check=1)
    kept = os.path.join(d, "t.interrupted.h5")
    expect(message in p.stderr, f"{limit}: message missing:\n{p.stderr}")
    expect("partial trace kept in t.interrupted.h5" in p.stderr, f"{limit}: where the trace is:\n{p.stderr}")
    expect(p.stdout == "", f"{limit}: stdout should be empty, got:\n{p.stdout}")
    expect(sorted(os.listdir(d)) == ["t.interrupted.h5"], f"{limit}: files {os.listdir(d)}")
    a = attrs(kept)
    expect(a.get("status") == "interrupted" and a.get("stop_reason") == reason, f"{limit}: attributes {a}")
    return kept, a


# --max-events: stops after exactly that many events, deterministically (byte-identical traces).
d1, d2 = scratch_dir("socsim_lim_"), scratch_dir("socsim_lim_")
k1, a = stopped("--max-events", "5000", "max_events", "event limit --max-events 5000 reached", cwd=d1)
expect(a["events"] == 5000, f"--max-events: {a['events']} events")
k2, _ = stopped("--max-events", "5000", "max_events", "event limit --max-events 5000 reached", cwd=d2)
expect(filecmp.cmp(k1, k2, shallow=False), "--max-events: two identical runs gave different partial traces")

# --max-trace-mib: the partial trace stays near the cap (compression makes it smaller still).
kept, a = stopped("--max-trace-mib", "2", "max_trace_mib", "trace size limit --max-trace-mib 2 reached")
expect(os.path.getsize(kept) < 2.5 * 2**20, f"--max-trace-mib: file is {os.path.getsize(kept)} bytes")
expect(a["events"] > 1000, "--max-trace-mib: stopped too early")

# --max-wall-s: a wall-clock budget (counted from the start of the run, trace creation included:
# on a slow machine the run may stop before its first event, still with a valid trace).
kept, a = stopped("--max-wall-s", "0.5", "max_wall_s", "wall-clock limit --max-wall-s 0.5 reached")
expect(a["sim_time_ns"] >= 0 and a["sim_time_ns"] < int(LONG) * 10**9, "--max-wall-s: simulated time")

# --no-trace: the limit still stops the run; nothing is written.
d = scratch_dir("socsim_lim_")
p = socsim("run", QUICKSTART, "--duration-s", LONG, "--no-trace", "--max-events", "100", cwd=d, check=1)
expect("event limit --max-events 100 reached" in p.stderr and "no trace written" in p.stderr, p.stderr)
expect(os.listdir(d) == [], "--no-trace: files written")

# Limits a run does not reach change nothing: exit 0, the trace under its final name.
d = scratch_dir("socsim_lim_")
socsim("run", QUICKSTART, "--duration-s", 5, "-o", "t.h5", "--max-events", "1000000", "--max-wall-s", "600",
       "--max-trace-mib", "1000", cwd=d, check=0)
expect(os.listdir(d) == ["t.h5"], f"unreached limits: files {os.listdir(d)}")
expect("status" not in attrs(os.path.join(d, "t.h5")), "a complete trace is marked")

# A complete run replaces an earlier run's partial trace of the same name: no stale t.interrupted.h5.
d1 = scratch_dir("socsim_lim_")
stopped("--max-events", "100", "max_events", "event limit --max-events 100 reached", cwd=d1)
socsim("run", QUICKSTART, "--duration-s", 2, "-o", "t.h5", cwd=d1, check=0)
expect(os.listdir(d1) == ["t.h5"], f"after a complete rerun: files {os.listdir(d1)}")

# Bad values are usage errors (exit 2), before anything runs.
for limit, value in (("--max-events", "0"), ("--max-events", "-1"), ("--max-events", "1e3"), ("--max-events", "x"),
                     ("--max-wall-s", "0"), ("--max-wall-s", "-1"), ("--max-wall-s", "nan"), ("--max-wall-s", "inf"),
                     ("--max-trace-mib", "0"), ("--max-trace-mib", "-2")):
    d = scratch_dir("socsim_lim_")
    p = socsim("run", QUICKSTART, "-o", "t.h5", limit, value, cwd=d, check=2)
    expect(limit in p.stderr, f"{limit} {value}: message should name the option:\n{p.stderr}")
    expect(os.listdir(d) == [], f"{limit} {value}: files written")

done("limits")
