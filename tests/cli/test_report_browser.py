"""socsim report in a real browser: headless Chromium (Debian's `chromium`, driven over the DevTools
protocol, tests/cli/cdp.py) loads the report of a trace, a compare directory and a sweep directory
and the test asserts, from the protocol's own events: no console error or uncaught exception, no
network request but the page itself; then from the rendered DOM: every section, the numbers in the
tables equal to `socsim run --format json` / compare.csv / summary.csv, the plots drawn, and the
timeline's lanes those of `socsim export --window`. A control page first shows the harness does
see console errors, extra requests and blocked network access.
"""
import json
import os
import statistics

from cdp import Browser
from common import done, expect, scratch_dir, socsim
from report_fixtures import WINDOW, make_compare, make_run, make_sweep

READY = "document.body.dataset.ready === '1'"
TABLES_JS = """(() => {
  const out = {};
  for (const t of document.querySelectorAll('table[data-table]')) {
    out[t.dataset.table] = [...t.querySelectorAll('tbody tr')].map((tr) => {
      const cells = {};
      for (const td of tr.querySelectorAll('td')) cells[td.dataset.col] = {
        text: td.firstChild ? td.firstChild.textContent : '', value: td.dataset.value, ci: td.dataset.ci };
      return { row: tr.dataset.row, cls: tr.className, cells };
    });
  }
  return out;
})()"""

tmp = scratch_dir("socsim_report_browser_")
trace, summary = make_run(tmp)
socsim("report", trace, "--window", WINDOW, check=0)
cmp_dir, compare_rows = make_compare(tmp)
socsim("report", cmp_dir, check=0)
sweep_dir, summary_rows = make_sweep(tmp)
socsim("report", sweep_dir, check=0)
with open(os.path.join(tmp, "adapt.html"), encoding="utf-8") as f:
    csp = f.read().split("<meta http-equiv=\"Content-Security-Policy\"", 1)[1].split(">", 1)[0]
chrome = json.loads(socsim("export", trace, "--window", WINDOW, "-o", "-", check=0).stdout)


def shown(cell, value, digits, what):
    """A table cell: its full value equal to `value`, its text that value rounded."""
    expect(cell["value"] is not None and abs(float(cell["value"]) - value) <= 5e-7 + 1e-9 * abs(value),
           f"{what}: data-value {cell['value']} != {value}")
    expect(abs(float(cell["text"]) - value) <= 0.5 * 10 ** -digits + 1e-6, f"{what}: shows {cell['text']} for {value}")


def clean_load(browser, path, sections):
    url = "file://" + os.path.abspath(path)
    page = browser.load(url, READY)
    expect(page.console_errors == [], f"{path}: console errors: {page.console_errors}")
    expect(page.requests == [url], f"{path}: requests besides the page: {page.requests}")
    got = page.evaluate("[...document.querySelectorAll('section[data-section]')].map((s) => s.dataset.section)")
    expect(got == sections, f"{path}: sections {got}, expected {sections}")
    expect(page.evaluate("document.body.dataset.errors") == "0", f"{path}: a section failed to draw")
    for s in sections:
        expect(page.evaluate(f"document.querySelector('#toc a[href=\"#{s}\"]') !== null"), f"{path}: {s} not in the contents")
    return page


with Browser() as browser:
    # The harness sees what it must: a console error, an extra request, and (under the report's
    # CSP) a blocked attempt to reach the network, which never becomes a request.
    control = os.path.join(tmp, "control.html")
    with open(control, "w") as f:
        f.write("<!DOCTYPE html><body><img src='missing-image.png'><script>console.error('control error');"
                "document.body.dataset.ready = '1';</script></body>")
    page = browser.load("file://" + control, READY, settle=1.0)
    expect(any("control error" in e for e in page.console_errors), f"harness missed console.error: {page.console_errors}")
    expect(any(u.endswith("missing-image.png") for u in page.requests), f"harness missed a request: {page.requests}")
    blocked = os.path.join(tmp, "blocked.html")
    with open(blocked, "w") as f:
        f.write(f"<!DOCTYPE html><head><meta http-equiv=\"Content-Security-Policy\"{csp}></head><body><script>"
                "const i = new Image(); i.src = 'http://127.0.0.1:9/x.png'; document.body.append(i);"
                "document.body.dataset.ready = '1';</script></body>")
    page = browser.load("file://" + blocked, READY, settle=1.0)
    expect(page.console_errors, "the report's CSP did not block (and report) an image from the network")
    attempts = [u for u in page.requests if u.startswith("http")]
    expect(attempts and attempts == page.blocked, f"the CSP let a request out: {page.requests}, blocked {page.blocked}")

    # ---- The run.
    page = clean_load(browser, os.path.join(tmp, "adapt.html"), ["provenance", "summary", "latency", "timeline", "switches", "energy"])
    tables = page.evaluate(TABLES_JS)
    digits = {"arrived": 0, "completed": 0, "dropped": 0, "violated": 0, "pending": 0, "accuracy_pct": 2, "warmup_completed": 0}
    expect([r["row"] for r in tables["tasks"]] == [t["task"] for t in summary["tasks"]], "task rows")
    for row, task in zip(tables["tasks"], summary["tasks"]):
        for key, value in task.items():
            if key != "task":
                shown(row["cells"][key], value, digits.get(key, 3), f"{task['task']} {key}")
    totals = tables["totals"][0]["cells"]
    for key, d in (("energy_mj", 3), ("peak_temp_c", 2), ("peak_memory_mib", 1), ("storage_mib", 1), ("switches", 0),
                   ("switch_time_ms", 1), ("solve_time_ms", 1), ("events", 0), ("sim_time_s", 3)):
        shown(totals[key], summary[key], d, f"total {key}")
    expect([r["cells"]["reason"]["text"] for r in tables["switches"]] == ["deploy", "processor_issue"], "switches table")
    processors = [e["args"]["name"] for e in chrome["traceEvents"] if e["ph"] == "M" and e["name"] == "process_name"]
    expect([r["row"] for r in tables["energy"]] == [p for p in processors if p != "app"], "energy rows: not one per processor")
    expect(len(tables["events"]) >= 1, "events table empty")
    expect(page.evaluate("document.querySelectorAll('.uplot').length") == 4, "not 4 plots (latency, throughput, power, temperature)")
    # The timeline: the export's threads that hold slices or markers, in its display order.
    meta = [e for e in chrome["traceEvents"] if e["ph"] == "M"]
    process = {e["pid"]: e["args"]["name"] for e in meta if e["name"] == "process_name"}
    thread = {e["tid"]: e["args"]["name"] for e in meta if e["name"] == "thread_name"}
    expected = {}
    for e in chrome["traceEvents"]:
        if e["ph"] in ("X", "i"):
            key = (process[e["pid"]], thread[e["tid"]])
            expected.setdefault(key, [0, 0])[e["ph"] == "i"] += 1
    rows = page.evaluate("window.socsimReport.timeline.rows")
    expect({(r["process"], r["thread"]): [r["slices"], r["markers"]] for r in rows} == expected,
           f"timeline rows {rows} differ from socsim export's {expected}")
    expect(any(r["markers"] for r in rows if r["process"] == "app"), "no switch marker in the timeline")
    painted = page.evaluate("""(() => { const c = document.getElementById('timeline-canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()""")
    expect(painted > 1000, f"the timeline canvas is (nearly) blank: {painted} pixels")
    # Hover shows the slice under the pointer; the wheel zooms in around it.
    row = next(i for i, r in enumerate(rows) if r["slices"])
    page.evaluate("document.getElementById('timeline-canvas').scrollIntoView()")
    point = page.evaluate(f"window.socsimReport.timeline.slicePoint({row}, 0)")
    browser.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": point["x"], "y": point["y"]}, session=page.session)
    tip = page.evaluate("(() => { const t = document.getElementById('timeline-tip'); return t.style.display === 'block' ? t.textContent : ''; })()")
    expect(tip.startswith(point["name"] + "\n"), f"hovering a slice shows {tip!r}, expected {point['name']}")
    before = page.evaluate("window.socsimReport.timeline.view()")
    browser.call("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": point["x"], "y": point["y"], "deltaX": 0, "deltaY": -400},
                 session=page.session)
    after = page.evaluate("window.socsimReport.timeline.view()")
    expect(after[1] - after[0] < 0.9 * (before[1] - before[0]), f"the wheel did not zoom in: {before} -> {after}")

    # ---- The compare directory.
    page = clean_load(browser, os.path.join(cmp_dir, "report.html"), ["provenance", "compare", "compare-plot", "groups", "sweep-plot"])
    tables = page.evaluate(TABLES_JS)
    expect(len(tables["compare"]) == len(compare_rows) == 2, "compare rows")
    for row, csv_row in zip(tables["compare"], compare_rows):
        expect(row["row"] == f"{csv_row['scenario']} | {csv_row['soc']} | {csv_row['scheduler']}", f"row {row['row']}")
        expect(("reference" in row["cls"]) == (csv_row["scheduler"] == csv_row["reference"] == "round_robin"), "reference row")
        for name, cell in row["cells"].items():
            if name in ("scheduler", "soc", "runs"):
                continue
            number = lambda text: None if text == "" else float(text)  # empty: no value (n/a, one seed's CI)
            expect(number(cell["value"]) == number(csv_row[name + "_mean"]) and number(cell["ci"]) == number(csv_row[name + "_ci95"]),
                   f"{row['row']} {name}: {cell} != compare.csv")
    expect(len(tables["compare"][0]["cells"]) == 3 + (len(compare_rows[0]) - 7) // 2, "a compare.csv column is missing")
    expect(page.evaluate("document.querySelectorAll('#compare-plot svg g[data-row]').length") == 2, "compare plot rows")

    # ---- The sweep directory: the table against means from summary.csv, the plot's lines.
    page = clean_load(browser, os.path.join(sweep_dir, "report.html"), ["provenance", "groups", "sweep-plot"])
    tables = page.evaluate(TABLES_JS)
    groups = {}
    for r in summary_rows:
        groups.setdefault(f"{r['fps']} | {r['scheduler']} | {r['task']}", []).append(r)
    expect(sorted(r["row"] for r in tables["groups"]) == sorted(groups), "sweep groups")
    for row in tables["groups"]:
        for metric in ("latency_p90_ms", "throughput_hz", "energy_mj"):
            mean = statistics.fmean(float(r[metric]) for r in groups[row["row"]])
            a = abs(mean)  # report.js's fmt(): 4 significant-ish decimals by magnitude
            d = 0 if a == 0 else 1 if a >= 1000 else 2 if a >= 100 else 3 if a >= 1 else 4
            shown(row["cells"][metric], mean, d, f"{row['row']} {metric}")
    expect(page.evaluate("document.querySelectorAll('#sweep-plot .u-legend .u-series').length") == 1 + 2 * 3,
           "sweep plot: not one line per scheduler x task")
    title = page.evaluate("""(() => { const s = document.getElementById('sweep-metric'); s.value = 'throughput_hz';
        s.dispatchEvent(new Event('change')); return document.querySelector('#sweep-plot .u-title').textContent; })()""")
    expect(title == "throughput (Hz) vs fps", f"changing the metric drew {title!r}")
    page.collect()
    expect(page.console_errors == [], f"errors after changing the metric: {page.console_errors}")

done("test_report_browser")
