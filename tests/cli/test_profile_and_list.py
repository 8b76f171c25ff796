"""`socsim profile import` and `socsim list socs|models|schedulers`, end to end.

Imports the real-format benchmark_model samples of tests/data/benchmark_model/ into a temporary
copy of socs/ and models/ (run from that folder, so the default --models/--socs apply), checks that
only the imported entry changed and that `socsim validate` accepts the result; malformed logs must
exit 2 and leave the file byte-identical.
"""
import glob
import json
import os
import shutil

from common import ROOT, data_copy, done, expect, socsim

SAMPLES = os.path.join(ROOT, "tests", "data", "benchmark_model")


def sample(name):
    return os.path.join(SAMPLES, name)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def profiles_path(root, soc):
    return os.path.join(root, "models", "profiles", soc + ".json")


def same_design(entry, variant, precision, engine, threads):
    return (entry["variant"], entry["precision"], entry["engine"], entry.get("threads")) == \
        (variant, precision, engine, threads)


def import_and_check(root, log, soc, variant, precision, engine, threads=None):
    """Imports `log`; the file must equal the old one with exactly that entry replaced or inserted."""
    path = profiles_path(root, soc)
    with open(path) as f:
        before = json.load(f)
    args = ["profile", "import", log, "--soc", soc, "--model", variant, "--precision", precision, "--engine", engine]
    if threads:
        args += ["--threads", threads]
    p = socsim(*args, cwd=root, check=0)
    expect(("updated " if any(same_design(e, variant, precision, engine, threads) for e in before["profiles"])
            else "inserted ") + os.path.join("models", "profiles", soc + ".json") in p.stdout, p.stdout)
    expect("load_ms." in p.stdout and "note:" in p.stdout, "no family-file note:\n" + p.stdout)
    with open(path) as f:
        after = json.load(f)
    new = [i for i, e in enumerate(after["profiles"]) if same_design(e, variant, precision, engine, threads)]
    expect(len(new) == 1, f"expected one entry for the design, got {new}")
    entry = after["profiles"][new[0]]
    expect(entry["estimated"] is False and "method" not in entry, entry)
    expect(entry["source"].startswith(f"imported from {os.path.basename(log)} (TFLite benchmark_model) on {soc}"),
           entry["source"])
    rest = [e for i, e in enumerate(after["profiles"]) if i != new[0]]
    old_rest = [e for e in before["profiles"] if not same_design(e, variant, precision, engine, threads)]
    expect(rest == old_rest, "entries other than the imported one changed")
    # Formatting as the shipped files (2-space indentation): Python's json.dump renders them identically.
    expect(read_bytes(path) == (json.dumps(after, indent=2) + "\n").encode(), "file not formatted like the others")
    socsim("validate", path, cwd=root, check=0)
    return entry, new[0]


def check_imports(root):
    entry, index = import_and_check(root, sample("efficientnet_lite0_fp32_cpu4.log"), "snapdragon865",
                                    "efficientnet_lite0", "fp32", "cpu", 4)
    expect(entry["latency_ms"] == 10.9346 and entry["latency_sd_ms"] == 0.412 and index == 2, (entry, index))
    import_and_check(root, sample("efficientnet_lite0_fp16_gpu.log"), "snapdragon865",
                     "efficientnet_lite0", "fp16", "gpu")
    entry, _ = import_and_check(root, sample("efficientnet_lite0_fx8_nnapi.log"), "snapdragon865",
                                "efficientnet_lite0", "fx8", "npu")
    expect(entry["latency_ms"] == 1.6558, entry)
    entry, _ = import_and_check(root, sample("albert_base_fp32_cpu1_logcat.log"), "snapdragon730",
                                "albert_base", "fp32", "cpu", 1)
    expect(entry["latency_ms"] == 1018.73, entry)

    # A thread count without a profile yet: inserted at its sorted place (after 2 threads).
    cpu3 = os.path.join(root, "cpu3.log")
    with open(sample("efficientnet_lite0_fp32_cpu4.log")) as f:
        text = f.read().replace("Num threads: [4]", "Num threads: [3]")
    with open(cpu3, "w") as f:
        f.write(text)
    _, index = import_and_check(root, cpu3, "snapdragon865", "efficientnet_lite0", "fp32", "cpu", 3)
    expect(index == 2, f"3-thread entry at {index}, expected 2")

    # The scenario that uses this SoC still validates and runs with the measured numbers.
    socsim("validate", os.path.join(root, "scenarios", "quickstart.json"), cwd=root, check=0)


def check_nothing_written(root):
    path = profiles_path(root, "snapdragon865")
    before = read_bytes(path)
    base = ["--soc", "snapdragon865", "--model", "efficientnet_lite0", "--precision", "fp32", "--engine", "cpu",
            "--threads", 4]
    for log, wanted in [("truncated.log", "truncated.log:17: error:"),
                        ("garbage_numbers.log", "garbage_numbers.log:17: error: bad value"),
                        ("empty.log", "empty.log: error: empty log")]:
        p = socsim("profile", "import", sample(log), *base, cwd=root, check=2)
        expect(wanted in p.stderr, f"{log}: expected {wanted!r} in:\n{p.stderr}")
        expect(read_bytes(path) == before, f"{log}: the profiles file changed")
    p = socsim("profile", "import", sample("efficientnet_lite0_fp32_cpu4.log"), *base[:-1], 2, cwd=root, check=2)
    expect("the run used 4 threads" in p.stderr, p.stderr)
    p = socsim("profile", "import", sample("efficientnet_lite0_fp32_cpu4.log"), *base, "--dry-run", cwd=root, check=0)
    expect("dry run, nothing written" in p.stdout and '"latency_ms": 10.9346' in p.stdout, p.stdout)
    expect(read_bytes(path) == before, "--dry-run changed the profiles file")
    expect(not glob.glob(os.path.join(root, "models", "profiles", "*.part*")), "a temporary file was left behind")


def check_lists(root):
    p = socsim("list", "socs", cwd=root, check=0)
    for word in ["snapdragon865", "Samsung Galaxy S20 FE", "Adreno 650", "Cortex-A77", "tensor_g2", "Pixel 7",
                 "snapdragon730", "Galaxy A71", "2841.6 MHz"]:
        expect(word in p.stdout, f"list socs: no {word!r} in:\n{p.stdout}")
    p = socsim("list", "models", cwd=root, check=0)
    for word in ["efficientnet_lite", "image_classification", "mobilebert", "yamnet", "fp32 fp16 dr8 fx8"]:
        expect(word in p.stdout, f"list models: no {word!r}")
    p = socsim("list", "models", "--soc", "snapdragon865", cwd=root, check=0)
    expect("cpu:1,2,3,4,8 gpu" in p.stdout, "the imported 3-thread profile is not listed:\n" + p.stdout[:800])
    expect("cpu:1,2,4,8 npu dsp" in p.stdout, p.stdout[:800])
    p = socsim("list", "models", "--soc", "snapdragon999", cwd=root, check=2)
    expect('unknown SoC "snapdragon999"' in p.stderr and "tensor_g2" in p.stderr, p.stderr)
    p = socsim("list", "socs", "--socs", os.path.join(root, "socs"), check=0)
    expect("dimensity9300" in p.stdout, p.stdout)
    p = socsim("list", "schedulers", check=0)
    expect("fixed" in p.stdout, p.stdout)
    p = socsim("list", "tables", check=2)


def main():
    root = data_copy()
    try:
        check_nothing_written(root)
        check_imports(root)
        check_lists(root)
    finally:
        shutil.rmtree(root)
    done("test_profile_and_list")


if __name__ == "__main__":
    main()
