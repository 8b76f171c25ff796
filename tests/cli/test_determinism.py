"""Same scenario and seed give byte-identical HDF5 traces; a different seed gives a different one."""
import filecmp
import os
import subprocess

from common import done, expect, QUICKSTART, scratch_dir, socsim

# Each run in its own directory with the same relative output name: the command line is part of
# the recorded provenance, so it must be the same too.
dirs = [scratch_dir("socsim_det_") for _ in range(3)]
for d, seed in zip(dirs, (11, 11, 12)):
    socsim("run", QUICKSTART, "-o", "t.h5", "--seed", seed, "--duration-s", 20, cwd=d, check=0)
a, b, c = (os.path.join(d, "t.h5") for d in dirs)
expect(filecmp.cmp(a, b, shallow=False), "same seed: trace files differ byte for byte")
expect(not filecmp.cmp(a, c, shallow=False), "different seed: trace files are identical")
expect(subprocess.run(["h5diff", a, b]).returncode == 0, "h5diff sees a difference between identical runs")
expect(subprocess.run(["h5diff", "-q", a, c]).returncode == 1, "h5diff sees no difference between seeds")
expect(not any(".part" in n for d in dirs for n in os.listdir(d)), "a .part file was left behind")

# CARIn: profiling, solving and the Runtime Manager's switches are part of the same determinism.
from common import ROOT
adapt = os.path.join(ROOT, "scenarios", "use_cases", "uc3_adapt_tensor_g2.json")
runs = [scratch_dir("socsim_det_carin_") for _ in range(2)]
for d in runs:
    socsim("run", adapt, "-o", "t.h5", cwd=d, check=0)
expect(filecmp.cmp(*(os.path.join(d, "t.h5") for d in runs), shallow=False), "carin: trace files differ byte for byte")
done("determinism")
