"""Inputs for the socsim report tests (test_report.py, test_report_browser.py): a run's trace with
a design switch and runtime events in its timeline window, a compare directory and a sweep
directory, each small (a few seconds of simulated time) so both tests stay cheap.
"""
import csv
import json
import os

from common import QUICKSTART, ROOT, socsim

ADAPT = os.path.join(ROOT, "scenarios", "use_cases", "uc1_adapt_tensor_g2.json")
WINDOW = "7.5:9"  # the NPU background load at 8 s and CARIn's processor_issue switch at 8.2 s


def make_run(tmp):
    """(trace path, `socsim run --format json` of it)."""
    trace = os.path.join(tmp, "adapt.h5")
    p = socsim("run", ADAPT, "--duration-s", 10, "-o", trace, "--format", "json", check=0)
    return trace, json.loads(p.stdout)


def make_compare(tmp):
    """(directory, compare.csv rows as dicts)."""
    d = os.path.join(tmp, "cmp")
    socsim("compare", QUICKSTART, "--scheduler", "fixed", "round_robin", "--seeds", "1-3", "--duration-s", 2,
           "--reference", "round_robin", "-o", d, "-j", 2, "--format", "csv", check=0)
    with open(os.path.join(d, "compare.csv")) as f:
        return d, list(csv.DictReader(f))


def make_sweep(tmp):
    """(directory, summary.csv rows as dicts): fps x scheduler x 2 replications of the quickstart."""
    campaign = os.path.join(tmp, "sweep.json")
    with open(campaign, "w") as f:
        json.dump({"name": "report_test", "description": "socsim report test sweep", "base": os.path.relpath(QUICKSTART, tmp),
                   "set": {"/duration_s": 2},
                   "axes": [{"name": "fps", "pointer": "/tasks/0/arrival/fps", "values": [10, 30]},
                            {"name": "scheduler", "values": ["fixed", "round_robin"]}],
                   "mode": "cartesian", "replications": 2}, f)
    d = os.path.join(tmp, "sweep")
    socsim("sweep", campaign, "-o", d, "-j", 2, check=0)
    socsim("merge", d, check=0)
    with open(os.path.join(d, "summary.csv")) as f:
        return d, list(csv.DictReader(f))


def embedded_data(html_path):
    """The report's data: the JSON of its <script type="application/json" id="report-data">."""
    with open(html_path, encoding="utf-8") as f:
        html = f.read()
    start = html.index('<script type="application/json" id="report-data">') + len('<script type="application/json" id="report-data">')
    return json.loads(html[start:html.index("</script>", start)])
