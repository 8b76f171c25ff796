#!/usr/bin/python3
"""The include directions of cmake/layers.txt: the tree follows them, and the checker
(cmake/check_layers.py) reports each kind of wrong include of its fixture (tests/data/layers/)."""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "cmake" / "check_layers.py"
FIXTURE = ROOT / "tests" / "data" / "layers"


def run(*args):
    p = subprocess.run([sys.executable, str(CHECKER), *map(str, args)], capture_output=True, text=True)
    return p.returncode, p.stdout.splitlines(), p.stderr


class Tree(unittest.TestCase):
    def test_every_include_of_the_tree_follows_the_layers(self):
        code, lines, err = run("--root", ROOT)
        self.assertEqual((code, lines), (0, []), err)


class Fixture(unittest.TestCase):
    def test_reports_each_wrong_include_and_nothing_else(self):
        code, lines, _ = run("--root", FIXTURE, "--layers", FIXTURE / "layers.txt")
        self.assertEqual(code, 1)
        self.assertEqual(
            [line.split(": ", 1)[0] for line in lines],
            [
                "app/sweep/w.cpp:3",  # a nested layer including its parent folder's layer
                "app/t.cpp:4",  # a file that does not exist
                "base/mid/m.cpp:3",  # pointing up
                "base/side/s.cpp:4",  # sideways
                "base/stray/x.cpp:1",  # a file no layer owns
            ],
        )

    def test_names_the_layers_involved(self):
        _, lines, _ = run("--root", FIXTURE, "--layers", FIXTURE / "layers.txt")
        self.assertIn('base/mid/m.cpp:3: #include "app/t.h": mid may not include app (it may include: low, mid)', lines)


class LayersFile(unittest.TestCase):
    def check_file(self, text):
        with tempfile.TemporaryDirectory() as d:
            (Path(d) / "layers.txt").write_text(text)
            return run("--root", d, "--layers", Path(d) / "layers.txt")

    def test_a_cycle_is_an_error(self):
        code, _, err = self.check_file("layer a dirs x uses b\nlayer b dirs y uses a\n")
        self.assertEqual(code, 2)
        self.assertIn("cycle: a -> b -> a", err)

    def test_an_unknown_layer_is_an_error(self):
        code, _, err = self.check_file("layer a dirs x uses nothere\n")
        self.assertEqual(code, 2)
        self.assertIn("unknown layer nothere", err)

    def test_a_malformed_line_is_an_error(self):
        code, _, err = self.check_file("layer a x\n")
        self.assertEqual(code, 2)
        self.assertIn("layers.txt:1: expected", err)


if __name__ == "__main__":
    unittest.main()
