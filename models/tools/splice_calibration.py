#!/usr/bin/python3
"""Copy models/measurements/calibration.md (written by `socsim calibrate --report`) into README.md
between the markers <!-- calibration:begin --> and <!-- calibration:end -->.

    /usr/bin/python3 models/tools/splice_calibration.py           # rewrite README.md
    /usr/bin/python3 models/tools/splice_calibration.py --check   # exit 1 if README.md would change
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
README = os.path.join(ROOT, "README.md")
REPORT = os.path.join(ROOT, "models", "measurements", "calibration.md")
BEGIN, END = "<!-- calibration:begin -->", "<!-- calibration:end -->"


def main(argv):
    with open(README, encoding="utf-8") as fh:
        text = fh.read()
    with open(REPORT, encoding="utf-8") as fh:
        report = fh.read()
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        print(f"README.md must hold {BEGIN} and {END} once each", file=sys.stderr)
        return 2
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    new = head + BEGIN + "\n" + report + END + tail
    if "--check" in argv:
        if new != text:
            print("README.md's calibration table is out of date: run make calibration", file=sys.stderr)
            return 1
        return 0
    if new != text:
        with open(README + ".tmp", "w", encoding="utf-8") as fh:
            fh.write(new)
        os.replace(README + ".tmp", README)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
