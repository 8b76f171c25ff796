"""Helpers for the end-to-end tests of the socsim binary (run by ctest with Debian's python3).

ctest sets SOCSIM_BIN (the binary), SOCSIM_ROOT (the source tree) and SOCSIM_BUILD.
"""
import os
import shutil
import subprocess
import sys
import tempfile

BIN = os.environ.get("SOCSIM_BIN", "build/socsim")
ROOT = os.environ.get("SOCSIM_ROOT", os.getcwd())
QUICKSTART = os.path.join(ROOT, "scenarios", "quickstart.json")


def socsim(*args, cwd=None, check=None):
    """Runs socsim; returns CompletedProcess. check=N asserts the exit code is N."""
    p = subprocess.run([BIN, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600)
    if check is not None and p.returncode != check:
        fail(f"socsim {' '.join(map(str, args))}: exit {p.returncode}, expected {check}\n"
             f"stdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def fail(msg):
    print("FAIL:", msg, file=sys.stderr)
    sys.exit(1)


def expect(cond, msg):
    if not cond:
        fail(msg)


def data_copy():
    """A temporary copy of socs/, models/ and scenarios/ that tests may break at will."""
    tmp = tempfile.mkdtemp(prefix="socsim_cli_")
    for d in ("socs", "models", "scenarios"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
    return tmp


def done(name):
    print(f"{name}: ok")
    sys.exit(0)
