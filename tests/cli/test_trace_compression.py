"""Traces written with every --trace-compression (lz4, the default; deflate; none; and
--trace-deflate 0 alone) hold the same values, are byte-identical for the same seed, and open from
Debian's /usr/bin/python3 with h5py as installed (LZ4 through hdf5-filter-plugin, found in HDF5's
default plugin directory with no HDF5_PLUGIN_PATH); without the plugin, analysis/trace.py names
the fix. socsim itself reads its LZ4 traces (export)."""
import filecmp
import os
import subprocess

from common import done, expect, QUICKSTART, ROOT, scratch_dir, socsim

PY = "/usr/bin/python3"
CASES = {  # name -> extra socsim run options, HDF5 filter ids expected on every column
    "lz4": (["--trace-compression", "lz4"], [2, 32004]),
    "default": ([], [2, 32004]),
    "deflate": (["--trace-compression", "deflate"], [2, 1]),
    "deflate6": (["--trace-deflate", "6"], [2, 1]),
    "none": (["--trace-compression", "none"], []),
    "deflate0": (["--trace-deflate", "0"], []),
}

tmp = scratch_dir("socsim_codec_")
for name, (opts, _) in CASES.items():
    for copy in ("a", "b"):
        d = os.path.join(tmp, copy)
        os.makedirs(d, exist_ok=True)
        socsim("run", QUICKSTART, "-o", f"{name}.h5", "--duration-s", 20, "--seed", 5, *opts, cwd=d, check=0)
    a, b = (os.path.join(tmp, c, f"{name}.h5") for c in ("a", "b"))
    expect(filecmp.cmp(a, b, shallow=False), f"{name}: same seed, trace files differ byte for byte")

# Read every trace in a fresh /usr/bin/python3 with no plugin path set: filters as declared, and
# every value of every table equal to the uncompressed trace's.
env = {k: v for k, v in os.environ.items() if k != "HDF5_PLUGIN_PATH"}
reader = r"""
import json, sys
import h5py, numpy as np
cases = json.loads(sys.argv[1])
raw = h5py.File(sys.argv[2] + "/none.h5", "r")
tables = [t for t in raw if t not in ("config", "lookup")]
assert len(raw["requests/id"]) > 100, "too few requests to compare"
for name, filters in cases.items():
    with h5py.File(sys.argv[2] + "/" + name + ".h5", "r") as f:
        for t in tables:
            for k in raw[t]:
                ds = f[t][k]
                plist = ds.id.get_create_plist()
                got = [plist.get_filter(i)[0] for i in range(plist.get_nfilters())]
                assert got == filters, (name, t, k, got)
                assert np.array_equal(ds[()], raw[t][k][()]), (name, t, k)
        assert f["requests/finish_ns"][-1] > 0
print("read", len(cases), "traces")
"""
cases = {name: filters for name, (_, filters) in CASES.items()}
p = subprocess.run([PY, "-c", reader, __import__("json").dumps(cases), os.path.join(tmp, "a")],
                   capture_output=True, text=True, env=env)
expect(p.returncode == 0, f"/usr/bin/python3 could not read every trace:\n{p.stdout}\n{p.stderr}")

# analysis/trace.py reads the default trace, and names the fix when the LZ4 filter is missing.
lz4 = os.path.join(tmp, "a", "lz4.h5")
p = subprocess.run([PY, os.path.join(ROOT, "analysis", "trace.py"), lz4, "requests"], capture_output=True, text=True,
                   env=env)
expect(p.returncode == 0 and "rows)" in p.stdout, f"analysis/trace.py cannot read an LZ4 trace:\n{p.stderr}")
empty = scratch_dir("socsim_noplugin_")
p = subprocess.run([PY, os.path.join(ROOT, "analysis", "trace.py"), lz4, "requests"], capture_output=True, text=True,
                   env={**env, "HDF5_PLUGIN_PATH": empty})
expect(p.returncode == 3 and "LZ4" in p.stderr and "hdf5-filter-plugin" in p.stderr and "deflate" in p.stderr,
       f"without the plugin, analysis/trace.py should name the fix:\nexit {p.returncode}\n{p.stderr}")

# socsim's own reader (static HDF5 with its built-in LZ4 filter): the same timeline from both.
out = {}
for name in ("lz4", "deflate"):
    p = socsim("export", os.path.join(tmp, "a", f"{name}.h5"), "-o", os.path.join(tmp, f"{name}.json"), check=0)
    out[name] = p.stderr.split("(", 1)[-1]
expect(out["lz4"] == out["deflate"], f"socsim export differs between LZ4 and deflate traces: {out}")

# Usage errors.
for bad in (["--trace-compression", "zstd"], ["--trace-compression", "lz4", "--trace-deflate", "3"]):
    p = socsim("run", QUICKSTART, "-o", os.path.join(tmp, "bad.h5"), *bad, check=2)
    expect(not os.path.exists(os.path.join(tmp, "bad.h5")), f"{bad}: a trace was written")
done("trace_compression")
