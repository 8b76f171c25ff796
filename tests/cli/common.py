"""Helpers for the end-to-end tests of the socsim binary (run by ctest with Debian's python3).

ctest sets SOCSIM_BIN (the binary), SOCSIM_ROOT (the source tree) and SOCSIM_BUILD.
"""
import atexit
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


_scratch = []  # folders scratch_dir() made
_failed = False


def scratch_dir(prefix):
    """A fresh temporary folder, removed when the test script exits after passing; kept (and
    named on stderr) when it fails, for inspection."""
    d = tempfile.mkdtemp(prefix=prefix)
    _scratch.append(d)
    return d


def _remove_scratch():
    if _failed:
        if _scratch:
            print("kept for inspection: " + " ".join(_scratch), file=sys.stderr)
        return
    for d in _scratch:
        shutil.rmtree(d, ignore_errors=True)


def _note_uncaught(kind, value, tb):
    global _failed
    _failed = True
    sys.__excepthook__(kind, value, tb)


atexit.register(_remove_scratch)
sys.excepthook = _note_uncaught


def fail(msg):
    global _failed
    _failed = True
    print("FAIL:", msg, file=sys.stderr)
    sys.exit(1)


def expect(cond, msg):
    if not cond:
        fail(msg)


def data_copy():
    """A temporary copy of socs/, models/ and scenarios/ that tests may break at will."""
    tmp = scratch_dir("socsim_cli_")
    for d in ("socs", "models", "scenarios"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
    return tmp


def done(name):
    print(f"{name}: ok")
    sys.exit(0)
