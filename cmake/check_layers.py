#!/usr/bin/python3
"""Checks every #include "..." of the C++ tree against the layers of cmake/layers.txt.

usage: check_layers.py [--root DIR] [--layers FILE]

A file belongs to the layer owning the longest folder prefix of its path. An include may name a
file of its own layer or of a layer its layer uses, directly or transitively. Reported, one line
each, as `file:line: ...`, exit code 1:
  - an include of a layer not used (pointing up, or sideways);
  - an include of a file under a checked top folder that no layer owns, or that does not exist;
  - a C++ file under a checked top folder (the first component of every layer folder: sim/,
    solver/, cli/) that no layer owns.
Exit code 0 when the tree follows the rules; 2 when the layers file itself is malformed.
"""

import argparse
import re
import sys
from pathlib import Path

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SOURCES = {".h", ".hpp", ".cpp", ".cc"}


class LayersError(Exception):
    pass


def read_layers(path):
    """{layer: (folders, uses)} from `layer NAME dirs D... [uses L...]` lines."""
    layers = {}
    for number, text in enumerate(Path(path).read_text().splitlines(), 1):
        tokens = text.split("#", 1)[0].split()
        if not tokens:
            continue
        if tokens[0] != "layer" or len(tokens) < 4 or tokens[2] != "dirs":
            raise LayersError(f"{path}:{number}: expected `layer NAME dirs FOLDER... [uses LAYER...]`")
        name, rest = tokens[1], tokens[3:]
        dirs, uses = (rest[: rest.index("uses")], rest[rest.index("uses") + 1 :]) if "uses" in rest else (rest, [])
        if not dirs or name in layers:
            raise LayersError(f"{path}:{number}: layer {name} has no folders or is named twice")
        layers[name] = (dirs, uses)
    for name, (_, uses) in layers.items():
        for used in uses:
            if used not in layers:
                raise LayersError(f"{path}: layer {name} uses unknown layer {used}")
    return layers


def reachable(layers):
    """{layer: the layers it may include, itself included}; a cycle is an error."""
    closure = {}

    def visit(name, stack):
        if name in stack:
            raise LayersError("layers use each other in a cycle: " + " -> ".join(stack + [name]))
        if name not in closure:
            seen = {name}
            for used in layers[name][1]:
                seen |= visit(used, stack + [name])
            closure[name] = seen
        return closure[name]

    for name in layers:
        visit(name, [])
    return closure


def owner(path, folders):
    """The layer owning `path` (a POSIX path relative to the root), or None."""
    best = None
    for folder, name in folders.items():
        if (path == folder or path.startswith(folder + "/")) and (best is None or len(folder) > len(best[0])):
            best = (folder, name)
    return best[1] if best else None


def check(root, layers):
    """The violations, as `file:line: message` strings, in path order."""
    folders = {d: name for name, (dirs, _) in layers.items() for d in dirs}
    tops = sorted({d.split("/")[0] for d in folders})
    allowed = reachable(layers)
    problems = []
    files = sorted(p for top in tops if (root / top).is_dir() for p in (root / top).rglob("*") if p.suffix in SOURCES)
    for path in files:
        rel = path.relative_to(root).as_posix()
        layer = owner(rel, folders)
        if layer is None:
            problems.append(f"{rel}:1: no layer owns this file (add its folder to the layers file)")
            continue
        for number, text in enumerate(path.read_text(errors="replace").splitlines(), 1):
            m = INCLUDE.match(text)
            if not m:
                continue
            target = m.group(1)
            if (path.parent / target).is_file() and "/" not in target:
                target = (path.parent / target).relative_to(root).as_posix()  # "x.h" beside the file
            if target.split("/")[0] not in tops:
                continue  # not socsim's (tests/..., generated, third-party)
            used = owner(target, folders)
            if used is None or not (root / target).is_file():
                problems.append(f'{rel}:{number}: #include "{target}": no such file of any layer')
            elif used not in allowed[layer]:
                problems.append(
                    f'{rel}:{number}: #include "{target}": {layer} may not include {used} '
                    f"(it may include: {', '.join(sorted(allowed[layer]))})"
                )
    return problems


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=here.parent, help="the tree (default: the repository)")
    parser.add_argument("--layers", type=Path, help="the layers file (default: ROOT/cmake/layers.txt)")
    args = parser.parse_args()
    try:
        layers = read_layers(args.layers or args.root / "cmake" / "layers.txt")
        problems = check(args.root, layers)
    except LayersError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) against the layers of {args.layers or 'cmake/layers.txt'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
