#!/usr/bin/env python3
"""Golden runs: a handful of shipped scenarios whose summaries and trace fingerprints are pinned.

    golden.py [--bin build/socsim]            compare every case with tests/golden/<case>.json
    golden.py [--bin build/socsim] --update   rewrite the pinned files from the current binary

A case runs `socsim run SCENARIO --seed S --duration-s D --format json -o <tmp>.h5`. What is pinned:

- summary: the JSON summary without what varies between identical runs (wall_s, events_per_s,
  trace path);
- fingerprints: per trace table (and /lookup, /config and the root attributes), a SHA-256 over the
  contents -- each dataset's name, dtype, shape and values, each attribute's name and value -- not
  over the file's bytes, which also hold the git commit and the command line. The provenance
  attributes that change with every commit or invocation (socsim_version, git_commit,
  command_line) are left out. The resolved configs under /config name the scenario's SoC and model
  files by absolute path, so the source tree's location is replaced by "<root>" in every string,
  and config_sha256 (a hash of those documents) is left out for the same reason: the pins hold
  wherever the tree is checked out.

A mismatch prints which summary fields and which tables changed. Intended changes (a new scheduler
behaviour, a data fix) are pinned again with `make golden-update`; review the diff of
tests/golden/*.json before committing it.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# name -> scenario (relative to the source tree), seed, simulated seconds. Short runs that still
# cover the model: CPU sharing and big.LITTLE placement, accelerators queueing and dropping,
# runtime events and thermal throttling, Poisson arrivals, three SoCs.
CASES = {
    "quickstart": ("scenarios/quickstart.json", 42, 20),
    "conditions": ("scenarios/conditions.json", 42, 60),
    "image_classification_tensor_g2": ("scenarios/suites/image_classification_tensor_g2.json", 7, 10),
    "face_attributes_snapdragon730": ("scenarios/suites/face_attributes_snapdragon730.json", 3, 10),
    # CARIn end to end: profiling, RASS, the Runtime Manager's switches under load and memory pressure.
    "uc3_adapt_tensor_g2": ("scenarios/use_cases/uc3_adapt_tensor_g2.json", 42, 30),
}

VOLATILE_SUMMARY = ("wall_s", "events_per_s", "trace")
VOLATILE_ATTRS = ("socsim_version", "git_commit", "command_line", "config_sha256")
ROOTS = sorted({ROOT, os.path.realpath(ROOT)}, key=len, reverse=True)


def normalise(text):
    """The string with the source tree's location replaced: pins must not depend on the checkout."""
    for r in ROOTS:
        text = text.replace(r, "<root>")
    return text


def attr_value(v):
    if isinstance(v, bytes):
        return normalise(v.decode())
    if isinstance(v, str):
        return normalise(v)
    if isinstance(v, np.ndarray):
        return [attr_value(x) for x in v.tolist()]
    if isinstance(v, np.generic):
        return v.item()
    return v


def hash_attrs(h, obj, skip=()):
    for k in sorted(obj.attrs):
        if k in skip or k in ("DIMENSION_LIST", "REFERENCE_LIST"):  # dimension-scale references: object addresses
            continue
        h.update(f"@{k}={json.dumps(attr_value(obj.attrs[k]), sort_keys=True)}\n".encode())


def hash_group(group):
    """SHA-256 over a group's datasets (recursively) and attributes, in name order."""
    h = hashlib.sha256()
    hash_attrs(h, group)

    def visit(g, prefix):
        for name in sorted(g):
            item = g[name]
            if isinstance(item, h5py.Group):
                h.update(f"group {prefix}{name}\n".encode())
                hash_attrs(h, item)
                visit(item, prefix + name + "/")
                continue
            data = item[()]
            h.update(f"dataset {prefix}{name} {item.dtype.str} {item.shape}\n".encode())
            hash_attrs(h, item)
            if isinstance(data, np.ndarray) and data.dtype.kind not in "OSU":
                h.update(np.ascontiguousarray(data).tobytes())
            else:
                values = data.tolist() if isinstance(data, np.ndarray) else data
                h.update(json.dumps(attr_value(values) if not isinstance(values, list)
                                    else [attr_value(v) for v in values]).encode())
    visit(group, "")
    return h.hexdigest()


def fingerprints(path):
    out = {}
    with h5py.File(path, "r") as f:
        h = hashlib.sha256()
        hash_attrs(h, f, skip=VOLATILE_ATTRS)
        out["/"] = h.hexdigest()
        for name in sorted(f):
            out[name] = hash_group(f[name])
        rows = {name: int(f[name]["row"].shape[0]) for name in sorted(f) if "row" in f[name]}
    return out, rows


def run_case(binary, name):
    scenario, seed, duration = CASES[name]
    with tempfile.TemporaryDirectory(prefix="socsim_golden_") as d:
        out = os.path.join(d, "t.h5")
        cmd = [binary, "run", os.path.join(ROOT, scenario), "--seed", str(seed), "--duration-s", str(duration),
               "--format", "json", "-o", out]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            sys.exit(f"golden {name}: socsim exited {p.returncode}\n{p.stderr}")
        summary = json.loads(p.stdout)
        for k in VOLATILE_SUMMARY:
            summary.pop(k, None)
        prints, rows = fingerprints(out)
    return {"scenario": scenario, "seed": seed, "duration_s": duration, "summary": summary, "rows": rows,
            "fingerprints": prints}


def diff(pinned, now, path=""):
    """Human-readable differences between two JSON values."""
    if isinstance(pinned, dict) and isinstance(now, dict):
        out = []
        for k in sorted(set(pinned) | set(now)):
            if k not in now:
                out.append(f"{path}/{k}: removed")
            elif k not in pinned:
                out.append(f"{path}/{k}: new")
            else:
                out += diff(pinned[k], now[k], f"{path}/{k}")
        return out
    if isinstance(pinned, list) and isinstance(now, list) and len(pinned) == len(now):
        return [d for i, (a, b) in enumerate(zip(pinned, now)) for d in diff(a, b, f"{path}/{i}")]
    return [] if pinned == now else [f"{path}: pinned {json.dumps(pinned)}, now {json.dumps(now)}"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.environ.get("SOCSIM_BIN", os.path.join(ROOT, "build", "socsim")))
    ap.add_argument("--update", action="store_true", help="pin the current outputs")
    ap.add_argument("cases", nargs="*", help="cases to check or update (default: all)")
    args = ap.parse_args()
    names = args.cases or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        sys.exit(f"golden: unknown case(s) {unknown}; known: {list(CASES)}")

    failed = []
    for name in names:
        now = run_case(args.bin, name)
        pinned_path = os.path.join(HERE, name + ".json")
        if args.update:
            with open(pinned_path, "w") as f:
                json.dump(now, f, indent=1, sort_keys=True)
                f.write("\n")
            print(f"golden {name}: pinned {os.path.relpath(pinned_path, ROOT)}")
            continue
        if not os.path.exists(pinned_path):
            failed.append(name)
            print(f"golden {name}: nothing pinned yet ({os.path.relpath(pinned_path, ROOT)}); run make golden-update")
            continue
        with open(pinned_path) as f:
            pinned = json.load(f)
        changes = diff(pinned, now)
        if changes:
            failed.append(name)
            print(f"golden {name}: {len(changes)} difference(s) from {os.path.relpath(pinned_path, ROOT)}:")
            for c in changes[:40]:
                print("   ", c)
            if len(changes) > 40:
                print(f"    ... and {len(changes) - 40} more")
        else:
            print(f"golden {name}: ok")
    if failed:
        print(f"golden: {len(failed)} of {len(names)} case(s) differ: {', '.join(failed)}\n"
              "If the change is intended, pin the new outputs with `make golden-update` "
              "(or tests/golden/golden.py --update) and commit tests/golden/*.json with the change.")
        sys.exit(1)
    if not args.update:
        print(f"golden: all {len(names)} cases match")


if __name__ == "__main__":
    main()
