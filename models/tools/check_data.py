#!/usr/bin/python3
"""Validate socsim's data files: socs/*.json, models/*.json, models/profiles/*.json.

    /usr/bin/python3 models/tools/check_data.py      # exit 0 when everything is valid

Checks, per file:
  * JSON Schema (Draft 7) from sim/config/schemas/{soc,model_family,profiles}.schema.json;
  * no duplicate JSON keys (json.load with an object_pairs_hook);
and across files:
  * variant names unique over the whole model library;
  * every profile names an existing SoC (file name == "soc"), variant, precision build and processor;
  * the engine/precision compatibility rule (CPU: any; GPU: fp32/fp16; NPU: fx8/ffx8/fp16; DSP: fx8);
  * `threads` present exactly on CPU profiles and <= the SoC's core count;
  * no duplicate (variant, precision, engine, threads) profile;
  * DVFS tables ascending, clusters fastest first (capacity non-increasing);
  * the build's memory_mib/load_ms cover every engine kind the profiles use.
Needs the Debian python3-jsonschema module (run with /usr/bin/python3).
"""
import glob
import json
import os
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMAS = os.path.join(ROOT, "sim", "config", "schemas")

COMPAT = {"cpu": {"fp32", "fp16", "dr8", "fx8", "ffx8"}, "gpu": {"fp32", "fp16"},
          "npu": {"fx8", "ffx8", "fp16"}, "dsp": {"fx8"}}

errors = []


def err(path, msg):
    errors.append(f"{os.path.relpath(path, ROOT)}: error: {msg}")


def no_dups(pairs):
    keys = [k for k, _ in pairs]
    dups = sorted({k for k in keys if keys.count(k) > 1})
    if dups:
        raise ValueError("duplicate keys " + ", ".join(dups))
    return dict(pairs)


def load(path):
    with open(path, encoding="utf-8") as fh:
        try:
            return json.load(fh, object_pairs_hook=no_dups)
        except ValueError as e:
            err(path, str(e))
            return None


def validator(name):
    with open(os.path.join(SCHEMAS, name), encoding="utf-8") as fh:
        schema = json.load(fh)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def schema_check(v, doc, path):
    for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        ptr = "/" + "/".join(str(p) for p in e.absolute_path)
        err(path, f"{ptr}: {e.message}")


def main():
    v_soc = validator("soc.schema.json")
    v_fam = validator("model_family.schema.json")
    v_prof = validator("profiles.schema.json")

    socs = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "socs", "*.json"))):
        doc = load(path)
        if doc is None:
            continue
        schema_check(v_soc, doc, path)
        if os.path.basename(path) != doc.get("name", "") + ".json":
            err(path, "file name must be <name>.json")
        socs[doc.get("name")] = doc
        names = [p["name"] for p in doc.get("processors", [])]
        if len(names) != len(set(names)):
            err(path, "duplicate processor names")
        for p in doc.get("processors", []):
            tables = []
            if p.get("kind") == "cpu":
                caps = [c["capacity"] for c in p.get("clusters", [])]
                if caps != sorted(caps, reverse=True):
                    err(path, f"{p['name']}: clusters not fastest first")
                if caps and max(caps) != 1024:
                    err(path, f"{p['name']}: fastest cluster capacity must be 1024")
                tables = [c["dvfs"] for c in p.get("clusters", [])]
            elif "dvfs" in p:
                tables = [p["dvfs"]]
            for t in tables:
                fs = [o["freq_mhz"] for o in t["opps"]]
                if fs != sorted(fs) or len(set(fs)) != len(fs):
                    err(path, f"{p['name']}: OPPs not strictly ascending")
                ps = [o["power_mw"] for o in t["opps"]]
                if ps != sorted(ps):
                    err(path, f"{p['name']}: power not non-decreasing with frequency")

    builds = {}   # variant -> {precision: build}
    variant_family = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "models", "*.json"))):
        doc = load(path)
        if doc is None:
            continue
        schema_check(v_fam, doc, path)
        if os.path.basename(path) != doc.get("family", "") + ".json":
            err(path, "file name must be <family>.json")
        for var in doc.get("variants", []):
            n = var["name"]
            if n in variant_family:
                err(path, f"variant {n} also defined in {variant_family[n]}")
            variant_family[n] = os.path.basename(path)
            precs = [b["precision"] for b in var["precisions"]]
            if len(precs) != len(set(precs)):
                err(path, f"{n}: duplicate precision build")
            builds[n] = {b["precision"]: b for b in var["precisions"]}
            for b in var["precisions"]:
                for kind in list(b["memory_mib"]) + list(b["load_ms"]):
                    if b["precision"] not in COMPAT[kind]:
                        err(path, f"{n}/{b['precision']}: engine kind {kind} cannot run this precision")

    count = 0
    for path in sorted(glob.glob(os.path.join(ROOT, "models", "profiles", "*.json"))):
        doc = load(path)
        if doc is None:
            continue
        schema_check(v_prof, doc, path)
        soc = socs.get(doc.get("soc"))
        if soc is None:
            err(path, f"unknown soc {doc.get('soc')}")
            continue
        if os.path.basename(path) != doc["soc"] + ".json":
            err(path, "file name must be <soc>.json")
        procs = {p["name"]: p for p in soc["processors"]}
        ncores = sum(c["cores"] for p in soc["processors"] if p["kind"] == "cpu" for c in p["clusters"])
        seen = set()
        for i, pr in enumerate(doc.get("profiles", [])):
            count += 1
            where = f"/profiles/{i}"
            key = (pr["variant"], pr["precision"], pr["engine"], pr.get("threads"))
            if key in seen:
                err(path, f"{where}: duplicate profile {key}")
            seen.add(key)
            if pr["variant"] not in builds:
                err(path, f"{where}: unknown variant {pr['variant']}")
                continue
            b = builds[pr["variant"]].get(pr["precision"])
            if b is None:
                err(path, f"{where}: {pr['variant']} has no {pr['precision']} build")
                continue
            proc = procs.get(pr["engine"])
            if proc is None:
                err(path, f"{where}: unknown processor {pr['engine']} (known: {', '.join(procs)})")
                continue
            kind = proc["kind"]
            if pr["precision"] not in COMPAT[kind]:
                err(path, f"{where}: {kind} cannot run {pr['precision']}")
            if kind not in b["memory_mib"] or kind not in b["load_ms"]:
                err(path, f"{where}: build lacks memory_mib/load_ms for {kind}")
            if kind == "cpu":
                if "threads" not in pr:
                    err(path, f"{where}: CPU profile without threads")
                elif pr["threads"] > ncores:
                    err(path, f"{where}: threads {pr['threads']} > {ncores} cores")
            elif "threads" in pr:
                err(path, f"{where}: threads on a non-CPU profile")
    for e in errors:
        print(e)
    print(f"checked {len(socs)} SoCs, {len(variant_family)} variants, {count} profiles: "
          f"{'OK' if not errors else str(len(errors)) + ' error(s)'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
