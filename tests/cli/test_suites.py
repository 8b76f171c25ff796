"""Every task-suite scenario (scenarios/suites/<suite>_<soc>.json: five suites x the CARIn paper's three
phones) validates and runs for 2 simulated seconds, and every task completes requests."""
import glob
import json
import os

from common import ROOT, done, expect, socsim

SUITES = ["image_classification", "scene_recognition", "face_attributes", "text_classification",
          "audio_classification"]
PHONES = ["snapdragon865", "tensor_g2", "snapdragon730"]


def main():
    files = sorted(glob.glob(os.path.join(ROOT, "scenarios", "suites", "*.json")))
    wanted = sorted(os.path.join(ROOT, "scenarios", "suites", f"{s}_{p}.json") for s in SUITES for p in PHONES)
    expect(files == wanted, f"scenarios/suites holds {[os.path.basename(f) for f in files]}")
    for path in files:
        with open(path) as f:
            doc = json.load(f)
        expect(doc["scheduler"]["name"] == "fixed" and doc["duration_s"] == 30 and doc.get("description"),
               f"{path}: expected the fixed scheduler, 30 s and a description")
        p = socsim("run", path, "--duration-s", 2, "--no-trace", "--format", "json", check=0)
        summary = json.loads(p.stdout)
        names = [t["task"] for t in summary["tasks"]]
        expect(names == [t["name"] for t in doc["tasks"]], f"{path}: tasks {names}")
        for t in summary["tasks"]:
            expect(t["completed"] > 0, f"{path}: task {t['task']} completed nothing: {t}")
    done("test_suites")


if __name__ == "__main__":
    main()
