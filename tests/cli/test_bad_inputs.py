"""Broken inputs: exit code 2, a compiler-style message naming the file and JSON pointer, no trace.

Each case breaks a fresh copy of the shipped data and runs `socsim run` and `socsim validate`.
"""
import glob
import json
import os

from common import data_copy, done, expect, socsim


def load(path):
    with open(path) as f:
        return json.load(f)


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)


def scenario_case(mutate):
    def make(root):
        path = os.path.join(root, "scenarios", "quickstart.json")
        doc = load(path)
        mutate(doc)
        write(path, doc)
        return path, path
    return make


def text_case(transform):
    def make(root):
        path = os.path.join(root, "scenarios", "quickstart.json")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(transform(text))
        return path, path
    return make


def profile_case(root):
    """Negative latency in the profiles of the quickstart's SoC: reported against that file."""
    scenario = os.path.join(root, "scenarios", "quickstart.json")
    soc = load(os.path.join(root, "scenarios", load(scenario)["soc"]))["name"]
    prof = os.path.join(root, "models", "profiles", soc + ".json")
    doc = load(prof)
    doc["profiles"][0]["latency_ms"] = -1
    write(prof, doc)
    return scenario, prof


def missing_case(root):
    path = os.path.join(root, "scenarios", "nope.json")
    return path, path


def set_engine(doc):
    doc["tasks"][0]["design"]["engine"] = "npu0"


def two_errors(doc):
    doc["duration_s"] = -5
    doc["tasks"][0]["max_queue"] = "many"


# (name, maker, fragments the message must contain; "{file}" is replaced by the offending file)
CASES = [
    ("syntax error", text_case(lambda t: t.replace("{", "{ \"name\" \"x\",", 1)), ["{file}:", "error"]),
    ("unknown key", scenario_case(lambda d: d["tasks"][0].update(colour="red")),
     ["{file}", "/tasks/0", "colour"]),
    ("wrong type", scenario_case(lambda d: d.update(duration_s="ten")), ["{file}", "/duration_s", "ten"]),
    ("negative latency", profile_case, ["{file}", "/profiles/0/latency_ms", "-1"]),
    ("unknown processor", scenario_case(set_engine), ["{file}", "/tasks/0/design/engine", "npu0", "cpu"]),
    ("duplicate key", text_case(lambda t: t.replace("{", "{\n  \"seed\": 1,\n  \"seed\": 2,", 1)),
     ["{file}", "seed", "duplicate"]),
    ("file missing", missing_case, ["{file}"]),
    ("all errors at once", scenario_case(two_errors), ["{file}", "/duration_s", "/tasks/0/max_queue"]),
    ("unknown cluster in a mask", scenario_case(lambda d: d["tasks"][2]["design"].update(clusters=["mid"])),
     ["{file}", "/tasks/2/design/clusters/0", "mid", "gold"]),
    ("unknown latency distribution", scenario_case(lambda d: d["tasks"][0].update(latency_distribution="uniform")),
     ["{file}", "/tasks/0/latency_distribution", "uniform", "exponential"]),
    ("cluster mask on an accelerator", scenario_case(lambda d: d["tasks"][0]["design"].update(clusters=["gold"])),
     ["{file}", "/tasks/0/design/clusters", "CPU engines only"]),
]

for name, make, fragments in CASES:
    root = data_copy()
    scenario, bad_file = make(root)
    out = os.path.join(root, "out", "trace.h5")
    for args in (["run", scenario, "-o", out], ["validate", scenario]):
        p = socsim(*args)
        expect(p.returncode == 2, f"{name}: `socsim {args[0]}` exit {p.returncode}, expected 2\n{p.stderr}")
        for frag in fragments:
            frag = frag.replace("{file}", os.path.basename(bad_file))
            expect(frag in p.stderr, f"{name}: message lacks {frag!r}:\n{p.stderr}")
        expect(p.stdout.strip() == "" or args[0] == "validate", f"{name}: results printed on stdout:\n{p.stdout}")
    leftovers = glob.glob(os.path.join(root, "out", "*")) + glob.glob(os.path.join(root, "results", "*"))
    expect(not leftovers, f"{name}: output left behind: {leftovers}")
    print(f"{name}: ok")

done("bad_inputs")
