"""socsim calibrate: --help; the shipped fit and report are up to date; bad measurement rows
(missing source, unknown SoC, negative ms, unknown model, ...) exit 2 naming latency.csv:LINE
and write nothing."""
import os
import shutil

from common import done, expect, ROOT, scratch_dir, socsim

MEAS = os.path.join(ROOT, "models", "measurements")
SOCS = os.path.join(ROOT, "socs")

p = socsim("calibrate", "--help", check=0)
expect("--measurements" in p.stdout and "--write" in p.stdout, p.stdout)

# The committed fitted parameters and report are what the command makes now.
socsim("calibrate", "--measurements", MEAS, "--socs", SOCS, "--check",
       "--write", os.path.join(MEAS, "fitted.json"), "--report", os.path.join(MEAS, "calibration.md"), check=0)

# --format loo: one CSV line per measured row, in file order, with its leave-one-out prediction.
p = socsim("calibrate", "--measurements", MEAS, "--socs", SOCS, "--format", "loo")
lines = p.stdout.strip().split("\n")
expect(lines[0].startswith("line,soc,processor,threads,runtime,model,precision,measured_ms,predicted_ms"), lines[0])
with open(os.path.join(MEAS, "latency.csv")) as f:
    expect(len(lines) == sum(1 for _ in f), f"{len(lines)} LOO lines")
expect(any(l.split(",")[8] for l in lines[1:]), "no predicted point")
p = socsim("calibrate", "--format", "xml", check=2)

CASES = {
    "missing source": ("snapdragon8gen2,cpu,4,ncnn-x,mobilenet_v2,fp32,3.23,,note", "source: empty"),
    "unknown SoC": ("snapdragon999,cpu,4,ncnn-x,mobilenet_v2,fp32,3.23,https://example.org/x,", 'unknown SoC "snapdragon999"'),
    "negative ms": ("snapdragon8gen2,cpu,4,ncnn-x,mobilenet_v2,fp32,-3.2,https://example.org/x,", 'ms: "-3.2"'),
    "unknown model": ("snapdragon8gen2,cpu,4,ncnn-x,no_such_net,fp32,3.23,https://example.org/x,", 'unknown model "no_such_net"'),
    "threads on an accelerator": ("snapdragon8gen2,gpu,4,ncnn-x,mobilenet_v2,fp32,3.2,https://example.org/x,", 'threads: "4"'),
    "too many threads": ("dimensity9300,cpu,9,ncnn-x,mobilenet_v2,fp32,3.2,https://example.org/x,", 'threads: "9"'),
    "processor the SoC lacks": ("snapdragon730,npu,,ncnn-x,mobilenet_v2,fx8,3.2,https://example.org/x,", "has no npu"),
    "wrong column count": ("snapdragon8gen2,cpu,4,ncnn-x,mobilenet_v2,fp32,3.23", "7 columns"),
}
for name, (row, message) in CASES.items():
    tmp = scratch_dir("socsim_calib_")
    meas = os.path.join(tmp, "measurements")
    shutil.copytree(MEAS, meas)
    with open(os.path.join(meas, "latency.csv")) as f:
        n = sum(1 for _ in f)
    with open(os.path.join(meas, "latency.csv"), "a") as f:
        f.write(row + "\n")
    out = os.path.join(tmp, "fitted.json")
    p = socsim("calibrate", "--measurements", meas, "--socs", SOCS, "--write", out, check=2)
    expect(f"latency.csv:{n + 1}: error: " in p.stderr and message in p.stderr, f"{name}: {p.stderr}")
    expect(not os.path.exists(out), f"{name}: {out} was written")
    shutil.rmtree(tmp)
done("test_calibrate")
