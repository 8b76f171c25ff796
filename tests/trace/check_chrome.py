"""Structural checker for Chrome Trace Event JSON as `socsim export --format chrome` writes it.

Usage: /usr/bin/python3 tests/trace/check_chrome.py TIMELINE.json
Exit code 0 when every check passes; 1 with one message per problem otherwise (at most 50 shown).

Checks:
- strict JSON (no NaN/Infinity), object form: an object with a `traceEvents` list;
  `displayTimeUnit`, when present, is "ms" or "ns";
- every event is an object with `ph`, `name` (a string), integer `pid` and `tid`; every event but
  metadata ("M") has a numeric `ts`;
- X (complete) events have a numeric `dur` >= 0; i (instant) events a scope `s` in g/p/t if any;
  C (counter) events a non-empty `args` object of numbers;
- every pid used has a `process_name` metadata event, every (pid, tid) a `thread_name`;
- on each (pid, tid), X slices nest perfectly: sorted by start (longest first on ties), each slice
  either lies inside the enclosing open slice or starts after it ends (times compared in ns).

Import `check(doc) -> list[str]` to use it from another test.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict

MAX_SHOWN = 50


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _ns(us) -> int:
    """Chrome's microseconds as integer nanoseconds (the exporter writes 3 decimals)."""
    return round(us * 1000)


def _check_event(i: int, ev, errors: list[str]) -> bool:
    """Per-event checks; False when the event is too broken for the cross-event checks."""
    where = f"traceEvents[{i}]"
    if not isinstance(ev, dict):
        errors.append(f"{where}: not an object")
        return False
    ok = True
    for key in ("ph", "name"):
        if not isinstance(ev.get(key), str):
            errors.append(f"{where}: missing or non-string {key!r}")
            ok = False
    for key in ("pid", "tid"):
        if not isinstance(ev.get(key), int) or isinstance(ev.get(key), bool):
            errors.append(f"{where}: missing or non-integer {key!r}")
            ok = False
    if not ok:
        return False
    ph = ev["ph"]
    where = f"{where} ({ph} {ev['name']!r})"
    if ph != "M" and not _is_number(ev.get("ts")):
        errors.append(f"{where}: missing or non-numeric 'ts'")
        return False
    if ph == "X" and (not _is_number(ev.get("dur")) or ev["dur"] < 0):
        errors.append(f"{where}: 'dur' must be a number >= 0, got {ev.get('dur')!r}")
        return False
    if ph == "i" and ev.get("s", "t") not in ("g", "p", "t"):
        errors.append(f"{where}: instant scope 's' must be g, p or t, got {ev.get('s')!r}")
    if ph == "C":
        args = ev.get("args")
        if not isinstance(args, dict) or not args:
            errors.append(f"{where}: a counter needs a non-empty 'args' object")
        elif not all(_is_number(v) for v in args.values()):
            errors.append(f"{where}: counter args must be numbers, got {args!r}")
    if ph == "M" and ev["name"] in ("process_name", "thread_name"):
        if not isinstance(ev.get("args"), dict) or not isinstance(ev["args"].get("name"), str):
            errors.append(f"{where}: metadata needs args.name (a string)")
    return True


def _check_nesting(slices: dict, errors: list[str]) -> None:
    for (pid, tid), spans in sorted(slices.items()):
        spans.sort(key=lambda s: (s[0], -s[1]))
        stack: list[tuple[int, int, str]] = []
        for start, end, name in spans:
            while stack and stack[-1][1] <= start:
                stack.pop()
            if stack and end > stack[-1][1]:
                top = stack[-1]
                errors.append(f"pid {pid} tid {tid}: slice {name!r} [{start}, {end}) ns overlaps "
                              f"{top[2]!r} [{top[0]}, {top[1]}) ns without nesting")
                continue
            stack.append((start, end, name))


def check(doc) -> list[str]:
    """All problems found in a parsed timeline document, as messages (empty when valid)."""
    errors: list[str] = []
    if not isinstance(doc, dict):
        return ["top level: not an object (expected {\"traceEvents\": [...]})"]
    events = doc.get("traceEvents")
    if not isinstance(events, list):
        return ["top level: no 'traceEvents' list"]
    if "displayTimeUnit" in doc and doc["displayTimeUnit"] not in ("ms", "ns"):
        errors.append(f"displayTimeUnit must be 'ms' or 'ns', got {doc['displayTimeUnit']!r}")

    named_pids: set[int] = set()
    named_threads: set[tuple[int, int]] = set()
    used: dict[tuple[int, int], int] = {}  # (pid, tid) -> first event index
    slices: dict[tuple[int, int], list] = defaultdict(list)
    for i, ev in enumerate(events):
        if not _check_event(i, ev, errors):
            continue
        key = (ev["pid"], ev["tid"])
        used.setdefault(key, i)
        if ev["ph"] == "M" and ev["name"] == "process_name":
            named_pids.add(ev["pid"])
        elif ev["ph"] == "M" and ev["name"] == "thread_name":
            named_threads.add(key)
        elif ev["ph"] == "X":
            start = _ns(ev["ts"])
            slices[key].append((start, start + _ns(ev["dur"]), ev["name"]))

    for (pid, tid), i in sorted(used.items()):
        if pid not in named_pids:
            errors.append(f"pid {pid} (first used by traceEvents[{i}]) has no process_name metadata")
        if (pid, tid) not in named_threads:
            errors.append(f"pid {pid} tid {tid} (first used by traceEvents[{i}]) has no thread_name metadata")
    _check_nesting(slices, errors)
    return errors


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with open(path, "rb") as f:
            doc = json.loads(f.read().decode("utf-8"), parse_constant=_reject_constant)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print(f"{path}: not a valid JSON file: {e}")
        return 1
    errors = check(doc)
    for msg in errors[:MAX_SHOWN]:
        print(f"{path}: {msg}")
    if len(errors) > MAX_SHOWN:
        print(f"{path}: ... and {len(errors) - MAX_SHOWN} more problems")
    if errors:
        return 1
    events = doc["traceEvents"]
    print(f"{path}: ok ({len(events)} events, {sum(1 for e in events if e.get('ph') == 'X')} slices)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
