#!/usr/bin/env python3
"""Builds the fuzz job's seed corpora and libFuzzer dictionary from the source tree.

    build_corpus.py SOURCE_DIR OUT_DIR
writes OUT_DIR/<target>/* (one seed folder per harness: soc, family, profiles, scenario,
validate, campaign, campaign_set) and OUT_DIR/socsim.dict. Generated at every run, so that new shipped files, bad-input
fixtures, crashers and schema keys are picked up without anyone maintaining a copy.
"""
import glob
import json
import os
import shutil
import sys

# Shipped profile files hold hundreds of entries (~500 KB): a few entries keep their shape while
# keeping each execution fast and the inputs within libFuzzer's length limit.
PROFILE_ENTRIES = 12
TARGETS = ("soc", "family", "profiles", "scenario", "validate", "campaign", "campaign_set")
# Long strings: one longer than any config string may be (65 536 bytes), one below that cap but
# far beyond the ~28 000 characters at which std::regex used to overflow the stack. With them (and
# the long dictionary entries) the fuzzers start from, and grow, inputs at those lengths; the job
# passes -max_len above both.
LONG_LENGTHS = (30000, 70000)
# JSON tokens and numbers at the edges of what the loaders convert (overflow, rounding to 0 ns,
# 2^53 and 2^64, negative zero, escapes); schema keys and fixture names are added to these.
TOKENS = ["{", "}", "[", "]", ":", ",", "\"", "true", "false", "null", "-0", "0.0", "1e308", "-1e308", "1e-300",
          "4.9e-324", "9007199254740993", "18446744073709551616", "-9223372036854775809", "\\u0000", "\\ud800",
          "\\\"", "../", "/dev/null", ".",
          "a" * 64, "abcdefghijklmnopqrstuvwxyz_0123456789abcdefghijklmnopqrstuvwxyz_0"]


def seeds(root):
    """Seed files of every harness, as lists of paths."""
    def g(*patterns):
        return sorted(p for pat in patterns for p in glob.glob(os.path.join(root, pat)))

    out = {
        "soc": g("socs/*.json", "tests/data/config/socs/*.json", "tests/data/config/files/*.json"),
        "family": g("models/*.json", "tests/data/config/models*/*.json"),
        "profiles": g("models/profiles/*.json", "tests/data/config/models*/profiles/*.json"),
        "scenario": g("scenarios/*.json", "tests/data/config/scenarios/*.json"),
        "campaign": g("campaigns/*.json", "tests/data/config/campaigns/*.json"),
    }
    out["validate"] = sorted({p for v in out.values() for p in v})
    out["campaign_set"] = []  # generated: campaign_set_seeds()
    for t in TARGETS:
        out[t] += g("tests/data/fuzz_regressions/common/*", f"tests/data/fuzz_regressions/{t}/*")
    return out


def campaign_set_seeds(root):
    """Seeds of the campaign_set harness ("POINTER\\nVALUE"): every set entry and axis value of the
    shipped and fixture campaigns, and long values at an identifier and at a path."""
    out = []
    for path in glob.glob(os.path.join(root, "campaigns", "*.json")) + \
            glob.glob(os.path.join(root, "tests", "data", "config", "campaigns", "*.json")):
        try:
            with open(path) as f:
                doc = json.load(f)
        except ValueError:
            continue
        if not isinstance(doc, dict):
            continue
        for ptr, value in (doc.get("set") or {}).items():
            out.append(f"{ptr}\n{json.dumps(value)}".encode())
        for axis in doc.get("axes") or []:
            if isinstance(axis, dict) and "pointer" in axis:
                for value in axis.get("values", [])[:3]:
                    out.append(f"{axis['pointer']}\n{json.dumps(value)}".encode())
    for n in LONG_LENGTHS:
        out.append(b"/tasks/0/name\n\"" + b"a" * n + b"\"")
        out.append(b"/scheduler\n{\"name\": \"" + b"a" * n + b"\"}")
    return out


def long_name_seeds(files):
    """The first seed with a top-level "name", renamed to each long length."""
    for path in files:
        try:
            with open(path) as f:
                doc = json.load(f)
        except (ValueError, UnicodeDecodeError, RecursionError):
            continue
        if isinstance(doc, dict) and isinstance(doc.get("name"), str):
            out = []
            for n in LONG_LENGTHS:
                doc["name"] = "a" * n
                out.append(json.dumps(doc).encode())
            return out
    return []


def seed_bytes(path):
    """The file's bytes, with a long profiles list cut to its first entries."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return data  # a broken fixture or edge case: keep its bytes
    if isinstance(doc, dict) and isinstance(doc.get("profiles"), list) and len(doc["profiles"]) > PROFILE_ENTRIES:
        doc["profiles"] = doc["profiles"][:PROFILE_ENTRIES]
        doc.pop("description", None)
        return json.dumps(doc, indent=1).encode()
    return data


def schema_words(node, words):
    """Property names, enum/const strings and required names of a JSON Schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                words.update(value.keys())
            elif key in ("enum", "required") and isinstance(value, list):
                words.update(v for v in value if isinstance(v, str))
            elif key == "const" and isinstance(value, str):
                words.add(value)
            schema_words(value, words)
    elif isinstance(node, list):
        for v in node:
            schema_words(v, words)


def fixture_words(node, words):
    """Short strings of the tiny fixtures: processor, variant and family names references use."""
    if isinstance(node, dict):
        for v in node.values():
            fixture_words(v, words)
    elif isinstance(node, list):
        for v in node:
            fixture_words(v, words)
    elif isinstance(node, str) and len(node) <= 24:
        words.add(node)


def dict_entry(text):
    """One dictionary line; bytes other than printable ASCII, quotes and backslashes as \\xNN."""
    body = "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else "\\x%02x" % b for b in text.encode())
    return f'"{body}"'


def write_dict(root, path):
    words = set()
    for schema in glob.glob(os.path.join(root, "sim", "config", "schemas", "*.schema.json")):
        with open(schema) as f:
            schema_words(json.load(f), words)
    for fixture in ("socs/tiny.json", "models/tinynet.json", "models/profiles/tinysoc.json"):
        with open(os.path.join(root, "tests", "data", "config", fixture)) as f:
            fixture_words(json.load(f), words)
    entries = [dict_entry(t) for t in TOKENS]
    entries += [dict_entry(f'"{w}"') for w in sorted(words)]
    entries += [dict_entry(f'"{w}":') for w in sorted(words)]
    with open(path, "w") as f:
        f.write("# libFuzzer dictionary generated by tests/fuzz/build_corpus.py: JSON tokens, schema keys,\n"
                "# enum values and fixture names.\n")
        f.write("".join(e + "\n" for e in entries))
    return len(entries)


def main():
    root, out = sys.argv[1], sys.argv[2]
    for target, files in seeds(root).items():
        d = os.path.join(out, target)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for p in files:
            rel = os.path.relpath(p, root).replace(os.sep, "_")
            with open(os.path.join(d, rel), "wb") as f:
                f.write(seed_bytes(p))
        generated = campaign_set_seeds(root) if target == "campaign_set" else long_name_seeds(files)
        for i, data in enumerate(generated):
            with open(os.path.join(d, f"generated_{i}"), "wb") as f:
                f.write(data)
        print(f"corpus: {target}: {len(files) + len(generated)} seeds")
    print(f"corpus: dictionary: {write_dict(root, os.path.join(out, 'socsim.dict'))} entries")


if __name__ == "__main__":
    main()
