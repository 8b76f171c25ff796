// socsim report: draws the page from the JSON in #report-data, written by `socsim report` (its
// members are documented in cli/report_run.h and cli/report_sweep.h). Needs nothing but
// this page: uPlot (third_party/uplot) is inlined before this script.
//
// For tests and scripts: every section is a <section data-section=ID>; every table a
// <table data-table=NAME> whose cells carry data-col (the metric) and data-value (the full-precision
// number; data-ci the 95 % CI half-width where there is one) and whose rows carry data-row;
// window.socsimReport.timeline lists the timeline's rows with their slice and marker counts (and
// view() and slicePoint(row, k) to drive it);
// <body data-ready="1"> once everything is drawn, data-errors="N" counting sections that failed.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const main = document.getElementById("report");
  const toc = document.getElementById("toc");
  const PALETTE = ["#2f6fdf", "#e4572e", "#17a398", "#f3a712", "#8e44ad", "#6c8a2b", "#d81b60", "#5d6677",
                   "#00838f", "#a1887f", "#3949ab", "#c0ca33"];
  const api = { sections: [], timeline: null, errors: [] };
  window.socsimReport = api;

  // ---- DOM helpers.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === "class") e.className = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  function svgEl(tag, attrs) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }
  const isNum = (v) => typeof v === "number" && isFinite(v);
  function fmt(v, digits) {
    if (!isNum(v)) return "–";
    if (digits === undefined) {
      const a = Math.abs(v);
      digits = a === 0 ? 0 : a >= 1000 ? 1 : a >= 100 ? 2 : a >= 1 ? 3 : 4;
    }
    return v.toFixed(digits);
  }
  function section(id, title, note) {
    const s = el("section", { id: id, "data-section": id }, el("h2", {}, title));
    if (note) s.append(el("p", { class: "note" }, note));
    main.append(s);
    toc.append(el("a", { href: "#" + id }, title));
    api.sections.push(id);
    return s;
  }
  // Runs one part of the page; a failure shows in the page and on the console instead of
  // stopping the rest.
  function guarded(name, fn) {
    try {
      fn();
    } catch (err) {
      api.errors.push(name + ": " + err);
      console.error("socsim report: " + name + " failed:", err);
      main.append(el("p", { class: "error" }, name + " could not be drawn: " + err));
    }
  }
  function colour(i) { return PALETTE[i % PALETTE.length]; }
  function hashColour(text) {
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
    return colour(h);
  }

  // A table. columns: {label, key, get(row) -> value, digits, text (left-aligned string),
  // ci(row) -> half-width, title}. rowKey(row) -> data-row.
  function table(name, columns, rows, rowKey, rowClass) {
    const head = el("tr", {}, ...columns.map((c) => el("th", { class: c.text ? "text" : null, title: c.title }, c.label)));
    const body = rows.map((r) => {
      const tr = el("tr", { "data-row": rowKey ? rowKey(r) : null, class: rowClass ? rowClass(r) : null });
      for (const c of columns) {
        const v = c.get ? c.get(r) : r[c.key];
        const ci = c.ci ? c.ci(r) : undefined;
        const td = el("td", { class: c.text ? "text" : null, "data-col": c.key });
        if (c.text) {
          td.textContent = v === null || v === undefined ? "" : String(v);
        } else {
          td.setAttribute("data-value", isNum(v) ? String(v) : "");
          td.append(fmt(v, c.digits));
          if (ci !== undefined) {
            td.setAttribute("data-ci", isNum(ci) ? String(ci) : "");
            if (isNum(ci) && ci > 0) td.append(el("span", { class: "ci" }, " ± " + fmt(ci, c.digits)));
          }
        }
        tr.append(td);
      }
      return tr;
    });
    return el("div", { class: "scroll" }, el("table", { "data-table": name }, el("thead", {}, head), el("tbody", {}, ...body)));
  }

  function keyValues(pairs) {
    const g = el("div", { class: "kv" });
    for (const [k, v] of pairs) g.append(el("div", {}, k), el("div", { "data-key": k }, String(v)));
    return g;
  }

  // ---- Plots (uPlot: drag to zoom, double-click to reset, hover for values in the legend).
  // The width main's content has (its padding is 28 px a side); two plots and their frames fit in a row.
  function contentWidth() { return Math.max(640, (main.clientWidth || 1256) - 56); }
  function plotWidth() { return Math.max(360, Math.min(640, contentWidth() / 2 - 26)); }
  function linePlot(container, title, xLabel, yLabel, x, series, extra) {
    const box = el("div", { class: "plot", "data-plot": title });
    container.append(box);
    const opts = Object.assign({
      width: plotWidth(), height: 300, title: title,
      scales: { x: { time: false } },
      series: [{ label: xLabel, value: (u, v) => fmt(v) }].concat(series.map((s, i) => ({
        label: s.label, stroke: s.colour || colour(i), width: 1.5, spanGaps: false,
        points: { show: x.length < 60 }, value: (u, v) => fmt(v),
      }))),
      axes: [{ label: xLabel }, { label: yLabel }],
      cursor: { drag: { x: true, y: false } },
    }, extra || {});
    return new uPlot(opts, [x].concat(series.map((s) => s.values)), box);
  }

  // ---- Run page.
  function runPage() {
    const p = data.provenance, t = data.totals;
    document.getElementById("subtitle").textContent =
      `${fmt(t.sim_time_s, 3)} s simulated · ${data.tasks.length} task(s) · trace ${data.source}`;
    guarded("provenance", () => {
      const s = section("provenance", "Provenance");
      if (p.status) s.append(el("p", { class: "error" }, `This run stopped early (${p.status}: ${p.stop_reason || ""} ${p.stop_message || ""}); its numbers cover the simulated time reached.`));
      const first = ["scenario", "soc", "scheduler", "seed", "socsim_version", "git_commit", "command_line", "config_sha256"];
      const pairs = first.filter((k) => k in p).map((k) => [k, p[k]]);
      for (const k of Object.keys(p)) if (!first.includes(k)) pairs.push([k, p[k]]);
      s.append(keyValues(pairs));
    });
    guarded("summary", () => {
      const s = section("summary", "Per-task summary", "What the app experienced per task: the numbers `socsim run` prints (latency of completed requests after the warm-up; violated = late or dropped).");
      const cols = [
        { label: "task", key: "task", text: true },
        { label: "arrived", key: "arrived", digits: 0 }, { label: "completed", key: "completed", digits: 0 },
        { label: "dropped", key: "dropped", digits: 0 }, { label: "violated", key: "violated", digits: 0 },
        { label: "pending", key: "pending", digits: 0 },
        { label: "mean ms", key: "latency_mean_ms", digits: 3 }, { label: "p50 ms", key: "latency_p50_ms", digits: 3 },
        { label: "p90 ms", key: "latency_p90_ms", digits: 3 }, { label: "p99 ms", key: "latency_p99_ms", digits: 3 },
        { label: "sd ms", key: "latency_sd_ms", digits: 3 }, { label: "thru Hz", key: "throughput_hz", digits: 3 },
        { label: "mJ/inf", key: "energy_mj_per_inference", digits: 3, title: "dynamic energy per completed inference" },
        { label: "acc %", key: "accuracy_pct", digits: 2 },
        { label: "cold ms", key: "cold_start_ms", digits: 3, title: "latency of the first completed request (the initial deploy)" },
        { label: "warm-up n", key: "warmup_completed", digits: 0, title: "completed requests that arrived in the warm-up, left out of the latency statistics" },
        { label: "warm-up end ms", key: "warmup_end_ms", digits: 3 },
      ];
      s.append(table("tasks", cols, data.tasks, (r) => r.task));
      const totals = [
        { label: "energy mJ", key: "energy_mj", digits: 3 }, { label: "peak temp °C", key: "peak_temp_c", digits: 2 },
        { label: "peak model memory MiB", key: "peak_memory_mib", digits: 1 }, { label: "storage MiB", key: "storage_mib", digits: 1 },
        { label: "switches", key: "switches", digits: 0 }, { label: "switching ms", key: "switch_time_ms", digits: 1 },
        { label: "run-time solve ms", key: "solve_time_ms", digits: 1 }, { label: "events", key: "events", digits: 0 },
        { label: "simulated s", key: "sim_time_s", digits: 3 },
      ];
      s.append(el("h3", {}, "The run"), table("totals", totals, [t], () => "run"));
    });
    guarded("latency", () => {
      const s = section("latency", "Latency distribution", "Latency (arrival to completion) of each task's completed requests at each percentile (log scale), exact over /requests; throughput = completions per second. Drag to zoom (e.g. into the tail), double-click to reset, hover for values.");
      const plots = el("div", { class: "plots" });
      s.append(plots);
      linePlot(plots, "latency by percentile", "percentile", "latency (ms)", data.latency.percentiles,
        data.latency.tasks.map((k) => ({ label: k.task, values: k.ms })), { scales: { x: { time: false }, y: { distr: 3 } } });
      const tp = data.throughput;
      linePlot(plots, `throughput (${fmt(tp.bin_s, 1)} s bins)`, "time (s)", "completed / s", tp.t,
        tp.tasks.map((k) => ({ label: k.task, values: k.hz })));
    });
    guarded("timeline", () => timelineSection());
    guarded("switches", () => {
      const s = section("switches", "Switches and runtime events", "Design switches (/switches, the initial deployment included) and runtime events as they took effect (/events). Both are markers on the timeline.");
      const sw = data.switches, ev = data.events;
      s.append(el("h3", {}, `Switches (${sw.total})`));
      if (sw.total > sw.rows.length) s.append(el("p", { class: "note" }, `the first ${sw.rows.length} of ${sw.total}`));
      s.append(table("switches", [
        { label: "time s", key: "time_s", digits: 3 }, { label: "task", key: "task", text: true },
        { label: "from", key: "from", text: true }, { label: "to", key: "to", text: true },
        { label: "reason", key: "reason", text: true }, { label: "cost ms", key: "cost_ms", digits: 3 },
      ], sw.rows));
      s.append(el("h3", {}, `Runtime events (${ev.total})`));
      if (ev.total > ev.rows.length) s.append(el("p", { class: "note" }, `the first ${ev.rows.length} of ${ev.total}`));
      s.append(table("events", [
        { label: "time s", key: "time_s", digits: 3 }, { label: "kind", key: "kind", text: true },
        { label: "processor", key: "processor", text: true }, { label: "task", key: "task", text: true },
        { label: "value", key: "value" },
      ], ev.rows));
    });
    guarded("energy", () => {
      const s = section("energy", "Energy and temperature", "Energy per processor over the run (/energy, idle included), power and temperature over time (/samples).");
      s.append(table("energy", [
        { label: "processor", key: "processor", text: true }, { label: "energy mJ", key: "energy_mj", digits: 3 },
        { label: "idle mJ", key: "idle_energy_mj", digits: 3 },
        { label: "share %", key: "share", digits: 1, get: (r) => t.energy_mj > 0 ? 100 * r.energy_mj / t.energy_mj : NaN },
      ], data.energy, (r) => r.processor));
      s.append(keyValues([["attributed to inferences (mJ)", fmt(t.attributed_energy_mj, 3)],
        ["background load (mJ)", fmt(t.background_energy_mj, 3)], ["idle (mJ)", fmt(t.idle_energy_mj, 3)]]));
      const pt = data.power_temp;
      const plots = el("div", { class: "plots" });
      s.append(plots);
      if (pt.has_power) linePlot(plots, "power", "time (s)", "W", pt.t, pt.processors.map((q) => ({ label: q.processor, values: q.power_w })));
      if (pt.has_temp) linePlot(plots, "temperature", "time (s)", "°C", pt.t, pt.processors.map((q) => ({ label: q.processor, values: q.temp_c })));
    });
  }

  // ---- Timeline: the Chrome Trace Event export of the window (socsim export --window), drawn
  // with its processes, threads and lanes: per processor one row per (task, lane), inferences as
  // slices, switches, runtime events and drops as markers.
  function timelineSection() {
    const tl = data.timeline;
    const endText = tl.end_s === undefined ? "the end" : fmt(tl.end_s, 3) + " s";
    const s = section("timeline", "Timeline", `Simulated time ${fmt(tl.begin_s, 3)} s to ${endText}: ${tl.slices} inference slice(s). Wheel to zoom, drag to pan, double-click to reset; hover for details. Another window: socsim report TRACE --window A:B. The same tracks as socsim export --window (Perfetto UI).`);
    const events = tl.chrome.traceEvents;
    const procs = new Map(), threads = new Map();
    for (const e of events) {
      if (e.ph !== "M") continue;
      if (e.name === "process_name") (procs.get(e.pid) || procs.set(e.pid, { pid: e.pid, sort: e.pid }).get(e.pid)).name = e.args.name;
      if (e.name === "process_sort_index") (procs.get(e.pid) || procs.set(e.pid, { pid: e.pid }).get(e.pid)).sort = e.args.sort_index;
      if (e.name === "thread_name") (threads.get(e.tid) || threads.set(e.tid, { tid: e.tid, pid: e.pid, sort: e.tid }).get(e.tid)).name = e.args.name;
      if (e.name === "thread_sort_index") (threads.get(e.tid) || threads.set(e.tid, { tid: e.tid, pid: e.pid }).get(e.tid)).sort = e.args.sort_index;
    }
    const rowOf = new Map();
    for (const th of threads.values()) { th.slices = []; th.marks = []; }
    let t0 = Infinity, t1 = -Infinity;
    for (const e of events) {
      const th = threads.get(e.tid);
      if (!th || (e.ph !== "X" && e.ph !== "i")) continue;
      if (e.ph === "X") th.slices.push(e);
      else th.marks.push(e);
      t0 = Math.min(t0, e.ts);
      t1 = Math.max(t1, e.ts + (e.dur || 0));
    }
    const begin = tl.begin_s * 1e6;
    const end = tl.end_s !== undefined ? Math.min(tl.end_s * 1e6, Math.max(t1, begin + 1)) : Math.max(t1, begin + 1);
    const ordered = [...threads.values()].filter((th) => th.slices.length || th.marks.length)
      .sort((a, b) => ((procs.get(a.pid) || {}).sort - (procs.get(b.pid) || {}).sort) || (a.sort - b.sort) || (a.tid - b.tid));
    const rows = [];
    let lastPid = null;
    for (const th of ordered) {
      if (th.pid !== lastPid) { rows.push({ header: (procs.get(th.pid) || {}).name || "pid " + th.pid }); lastPid = th.pid; }
      th.slices.sort((a, b) => a.ts - b.ts);
      rows.push({ thread: th });
      rowOf.set(th.tid, rows.length - 1);
    }
    api.timeline = {
      rows: ordered.map((th) => ({ process: (procs.get(th.pid) || {}).name, thread: th.name, slices: th.slices.length, markers: th.marks.length })),
      begin_us: begin, end_us: end,
    };
    if (!ordered.length) { s.append(el("p", { class: "note" }, "Nothing happened in this window.")); return; }

    const LABEL = 190, ROW = 18, HEAD = 16, AXIS = 22;
    const heights = rows.map((r) => (r.header ? HEAD : ROW));
    const top = []; let y = AXIS;
    for (const h of heights) { top.push(y); y += h; }
    const canvas = el("canvas", { id: "timeline-canvas" });
    const tip = el("div", { id: "timeline-tip" });
    s.append(canvas, tip);
    const width = Math.min(1340, contentWidth() - 2);
    const height = y + 4;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = width * dpr; canvas.height = height * dpr;
    canvas.style.width = width + "px"; canvas.style.height = height + "px";
    const ctx = canvas.getContext("2d");
    let v0 = begin, v1 = end;
    const px = (ts) => LABEL + (ts - v0) / (v1 - v0) * (width - LABEL - 8);
    const ts = (x) => v0 + (x - LABEL) / (width - LABEL - 8) * (v1 - v0);
    const switchTimes = [];
    for (const r of rows) if (r.thread) for (const m of r.thread.marks) if (m.cat === "switch") switchTimes.push(m.ts);

    function tickStep(span) {
      const raw = span / 8, p = Math.pow(10, Math.floor(Math.log10(raw)));
      return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= raw);
    }
    function draw() {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      ctx.font = "11px system-ui, 'DejaVu Sans', sans-serif";
      ctx.textBaseline = "middle";
      const step = tickStep(v1 - v0);
      ctx.strokeStyle = "#e6e9ef"; ctx.fillStyle = "#5d6677";
      for (let t = Math.ceil(v0 / step) * step; t <= v1; t += step) {
        const x = px(t);
        ctx.beginPath(); ctx.moveTo(x, AXIS - 4); ctx.lineTo(x, height); ctx.stroke();
        ctx.fillText(step >= 1e5 ? (t / 1e6).toFixed(step >= 1e6 ? 0 : 1) + " s" : (t / 1e3).toFixed(step >= 1e3 ? 0 : 2) + " ms", x + 2, 9);
      }
      rows.forEach((r, i) => {
        const yy = top[i];
        if (r.header) {
          ctx.fillStyle = "#f6f8fb"; ctx.fillRect(0, yy, width, HEAD);
          ctx.fillStyle = "#1d2330"; ctx.font = "bold 11px system-ui, 'DejaVu Sans', sans-serif";
          ctx.fillText(r.header, 4, yy + HEAD / 2);
          ctx.font = "11px system-ui, 'DejaVu Sans', sans-serif";
          return;
        }
        ctx.fillStyle = "#1d2330";
        ctx.fillText(r.thread.name, 14, yy + ROW / 2, LABEL - 18);
        ctx.save(); ctx.beginPath(); ctx.rect(LABEL, yy, width - LABEL, ROW); ctx.clip();
        for (const e of r.thread.slices) {
          const x0 = px(e.ts), x1 = px(e.ts + e.dur);
          if (x1 < LABEL || x0 > width) continue;
          ctx.fillStyle = hashColour(e.name);
          ctx.fillRect(x0, yy + 2, Math.max(1, x1 - x0), ROW - 4);
          if (x1 - x0 > 40) { ctx.fillStyle = "#fff"; ctx.fillText(e.name, x0 + 3, yy + ROW / 2, x1 - x0 - 6); }
        }
        for (const m of r.thread.marks) {
          const x = px(m.ts);
          ctx.fillStyle = m.cat === "switch" ? "#d81b60" : m.cat === "event" ? "#f3a712" : "#5d6677";
          ctx.beginPath(); ctx.moveTo(x, yy + 2); ctx.lineTo(x - 5, yy + ROW - 3); ctx.lineTo(x + 5, yy + ROW - 3); ctx.closePath(); ctx.fill();
        }
        ctx.restore();
      });
      ctx.strokeStyle = "rgba(216,27,96,0.55)"; ctx.setLineDash([4, 3]);
      for (const t of switchTimes) {
        const x = px(t);
        if (x < LABEL || x > width) continue;
        ctx.beginPath(); ctx.moveTo(x, AXIS); ctx.lineTo(x, height); ctx.stroke();
      }
      ctx.setLineDash([]);
    }
    function hit(mx, my) {
      const i = top.findIndex((t, k) => my >= t && my < t + heights[k]);
      if (i < 0 || !rows[i].thread || mx < LABEL) return null;
      const r = rows[i].thread;
      for (const m of r.marks) if (Math.abs(px(m.ts) - mx) <= 5) return m;
      const t = ts(mx), slack = (v1 - v0) / width;
      for (const e of r.slices) if (t >= e.ts - slack && t <= e.ts + e.dur + slack) return e;
      return null;
    }
    function describe(e) {
      const lines = [e.name, `at ${(e.ts / 1e3).toFixed(3)} ms` + (e.ph === "X" ? `, ${(e.dur / 1e3).toFixed(3)} ms` : "")];
      for (const [k, v] of Object.entries(e.args || {})) lines.push(`${k}: ${typeof v === "number" ? +v.toFixed(6) : v}`);
      return lines.join("\n");
    }
    let drag = null;
    canvas.addEventListener("mousedown", (ev) => { drag = { x: ev.clientX, v0, v1 }; canvas.style.cursor = "grabbing"; });
    window.addEventListener("mouseup", () => { drag = null; canvas.style.cursor = "grab"; });
    canvas.addEventListener("mousemove", (ev) => {
      const rect = canvas.getBoundingClientRect();
      const mx = ev.clientX - rect.left, my = ev.clientY - rect.top;
      if (drag) {
        const dt = (ev.clientX - drag.x) / (width - LABEL - 8) * (drag.v1 - drag.v0);
        v0 = drag.v0 - dt; v1 = drag.v1 - dt; draw(); return;
      }
      const e = hit(mx, my);
      tip.style.display = e ? "block" : "none";
      if (e) { tip.textContent = describe(e); tip.style.left = ev.clientX + 12 + "px"; tip.style.top = ev.clientY + 12 + "px"; }
    });
    canvas.addEventListener("mouseleave", () => { tip.style.display = "none"; });
    canvas.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const at = ts(Math.max(LABEL, ev.clientX - rect.left));
      const k = Math.exp(ev.deltaY * 0.002);
      const span = Math.max(1, (v1 - v0) * k);
      v0 = at - (at - v0) * span / (v1 - v0); v1 = v0 + span; draw();
    }, { passive: false });
    canvas.addEventListener("dblclick", () => { v0 = begin; v1 = end; draw(); });
    // For tests: the visible time span, and where on the screen the k-th slice of a row is.
    api.timeline.view = () => [v0, v1];
    api.timeline.slicePoint = (row, k) => {
      const i = rows.findIndex((r) => r.thread && r.thread.tid === ordered[row].tid);
      const e = ordered[row].slices[k], rect = canvas.getBoundingClientRect();
      return { x: rect.left + (px(e.ts) + px(e.ts + e.dur)) / 2, y: rect.top + top[i] + ROW / 2, name: e.name };
    };
    draw();
  }

  // ---- Sweep and compare pages.
  function estimateColumn(key, label, digits, get) {
    return { key, label, digits, get: (r) => get(r, key).mean, ci: (r) => get(r, key).ci95 };
  }
  function dirProvenance() {
    const s = section("provenance", "Provenance");
    s.append(keyValues([["directory", data.source], ["campaign", data.campaign.file], ["campaign SHA-256", data.campaign.sha256],
      ["runs", data.runs], ["axes", data.axes.join(", ") || "(none)"]]));
  }
  function groupsSection() {
    const s = section("groups", "Per task, per combination of the axes", "Mean ± 95 % confidence interval (Student t) over replications/seeds, from the runs' /summary (socsim merge's summary.csv); violation rate = violated / arrived.");
    const cols = data.axes.map((a, i) => ({ label: a, key: a, text: true, get: (r) => r.coords[i] }))
      .concat([{ label: "task", key: "task", text: true }, { label: "n", key: "n", digits: 0 }])
      .concat(data.metrics.map((m) => estimateColumn(m.name, m.label, undefined, (r, k) => r.values[k])));
    s.append(table("groups", cols, data.groups, (r) => r.coords.concat([r.task]).join(" | ")));
  }
  // Metric against one axis: a line per value of the other axes and task, CI whiskers.
  function sweepPlotSection() {
    const s = section("sweep-plot", "Sweep plot", "A metric against one axis, one line per combination of the other axes and task (mean, whiskers: 95 % CI). Drag to zoom, double-click to reset.");
    const controls = el("div", { class: "controls" });
    const axisSel = el("select", { id: "sweep-x" }, ...data.axes.map((a, i) => el("option", { value: i }, a)));
    const metricSel = el("select", { id: "sweep-metric" }, ...data.metrics.map((m) => el("option", { value: m.name }, m.label)));
    controls.append("x: ", axisSel, "metric: ", metricSel);
    const holder = el("div", { class: "plots" });
    s.append(controls, holder);
    if (!data.axes.length) { holder.append(el("p", { class: "note" }, "The campaign has no axis to plot against.")); return; }
    // Default x: the first numeric axis that varies, else the first that varies.
    const varies = (i) => new Set(data.groups.map((g) => g.coords[i])).size > 1;
    const numericAt = (i) => data.groups.every((g) => g.coords[i] !== "" && isFinite(Number(g.coords[i])));
    const candidates = data.axes.map((_, i) => i).filter(varies);
    axisSel.value = String(candidates.find(numericAt) ?? candidates[0] ?? 0);
    metricSel.value = "latency_p90_ms";
    let plot = null;
    function render() {
      const ax = Number(axisSel.value), metric = metricSel.value;
      const numeric = numericAt(ax);
      const xs = [...new Set(data.groups.map((g) => g.coords[ax]))];
      if (numeric) xs.sort((a, b) => Number(a) - Number(b));
      const series = new Map();
      for (const g of data.groups) {
        const label = g.coords.filter((_, i) => i !== ax).concat([g.task]).join(" / ");
        if (!series.has(label)) series.set(label, { mean: xs.map(() => null), ci: xs.map(() => null) });
        const k = xs.indexOf(g.coords[ax]);
        series.get(label).mean[k] = g.values[metric].mean;
        series.get(label).ci[k] = g.values[metric].ci95;
      }
      const list = [...series.entries()];
      const xValues = numeric ? xs.map(Number) : xs.map((_, i) => i);
      const metricLabel = data.metrics.find((m) => m.name === metric).label;
      if (plot) plot.destroy();
      holder.textContent = "";
      plot = linePlot(holder, metricLabel + " vs " + data.axes[ax], data.axes[ax], metricLabel, xValues,
        list.map(([label, v]) => ({ label, values: v.mean })), {
          width: Math.min(1200, contentWidth() - 14), height: 380,
          scales: { x: { time: false, range: (u, lo, hi) => numeric ? [lo - (hi - lo) * 0.04 || lo - 1, hi + (hi - lo) * 0.04 || hi + 1] : [-0.5, xs.length - 0.5] } },
          axes: [{ label: data.axes[ax], values: numeric ? undefined : (u, splits) => splits.map((v) => Number.isInteger(v) && xs[v] !== undefined ? xs[v] : ""), splits: numeric ? undefined : () => xs.map((_, i) => i) },
                 { label: metricLabel }],
          hooks: { draw: [(u) => {
            const c = u.ctx;
            c.save(); c.beginPath(); c.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height); c.clip();
            list.forEach(([, v], si) => {
              if (!u.series[si + 1].show) return;
              c.strokeStyle = colour(si); c.lineWidth = 1.5 * devicePixelRatio;
              v.mean.forEach((m, k) => {
                if (!isNum(m) || !isNum(v.ci[k]) || v.ci[k] <= 0) return;
                const x = u.valToPos(xValues[k], "x", true);
                c.beginPath(); c.moveTo(x, u.valToPos(m - v.ci[k], "y", true)); c.lineTo(x, u.valToPos(m + v.ci[k], "y", true)); c.stroke();
              });
            });
            c.restore();
          }] },
        });
      plot.root.querySelector(".u-title").setAttribute("data-metric", metric);
    }
    axisSel.addEventListener("change", render);
    metricSel.addEventListener("change", render);
    render();
  }
  // compare.csv: per scenario one row per scheduler x SoC, and a dot-and-whisker chart.
  function compareSection() {
    const cmp = data.compare;
    const s = section("compare", "Schedulers × SoCs", "socsim compare's numbers (compare.csv): mean ± 95 % CI over seeds. Optimality is the app's score among the runs compared on the same SoC and seed; ratio = optimality / the reference scheduler's (highlighted).");
    const scenarios = [...new Set(cmp.rows.map((r) => r.scenario))];
    // The scores first (the table is wide): optimality and the ratio to the reference.
    const first = cmp.columns.filter((c) => c.name === "optimality_ratio" || c.name === "optimality").reverse();
    for (const sc of scenarios) {
      const rows = cmp.rows.filter((r) => r.scenario === sc);
      const ref = rows[0].reference;
      s.append(el("h3", {}, `${sc} · optimality ${rows[0].optimality_function} · reference ${ref}`));
      const cols = [{ label: "scheduler", key: "scheduler", text: true }, { label: "soc", key: "soc", text: true },
        { label: "runs", key: "runs", digits: 0 }]
        .concat(first.concat(cmp.columns.filter((c) => !first.includes(c))).map((c) => Object.assign(estimateColumn(c.name, c.name === "optimality_ratio" ? "ratio to reference" : c.name, undefined, (r, k) => r.metrics[k]), { title: c.description })));
      s.append(table("compare", cols, rows, (r) => `${r.scenario} | ${r.soc} | ${r.scheduler}`, (r) => (r.scheduler === ref ? "reference" : null)));
    }
    const p = section("compare-plot", "Compare plot", "One metric per scheduler × SoC: dot = mean, bar = 95 % CI over seeds; hover for the numbers.");
    const metricSel = el("select", { id: "compare-metric" }, ...cmp.columns.map((c) => el("option", { value: c.name }, c.name)));
    metricSel.value = cmp.columns.some((c) => c.name === "optimality_ratio") ? "optimality_ratio" : cmp.columns[0].name;
    const holder = el("div");
    p.append(el("div", { class: "controls" }, "metric: ", metricSel), holder);
    function render() {
      const m = metricSel.value;
      holder.textContent = "";
      const W = 760, L = 330, R = 30, H = 24, T = 26;
      const svg = svgEl("svg", { width: W, height: T + H * cmp.rows.length + 10, "data-metric": m });
      let lo = Infinity, hi = -Infinity;
      for (const r of cmp.rows) { const e = r.metrics[m]; lo = Math.min(lo, e.mean - e.ci95); hi = Math.max(hi, e.mean + e.ci95); }
      if (m === "optimality_ratio") { lo = Math.min(lo, 1); hi = Math.max(hi, 1); }
      if (lo > 0 && lo < hi * 0.5) lo = 0;
      if (!(hi > lo)) { hi = lo + 1; }
      const x = (v) => L + (v - lo) / (hi - lo) * (W - L - R);
      for (let k = 0; k <= 4; k++) {
        const v = lo + (hi - lo) * k / 4;
        svg.append(svgEl("line", { x1: x(v), x2: x(v), y1: T - 6, y2: T + H * cmp.rows.length, stroke: "#e6e9ef" }));
        const t = svgEl("text", { x: x(v), y: T - 10, "text-anchor": "middle" }); t.textContent = fmt(v); svg.append(t);
      }
      if (m === "optimality_ratio") svg.append(svgEl("line", { x1: x(1), x2: x(1), y1: T - 6, y2: T + H * cmp.rows.length, stroke: "#d81b60", "stroke-dasharray": "4 3" }));
      const schedulers = [...new Set(cmp.rows.map((r) => r.scheduler))];
      cmp.rows.forEach((r, i) => {
        const e = r.metrics[m], yy = T + H * i + H / 2, col = colour(schedulers.indexOf(r.scheduler));
        const g = svgEl("g", { "data-row": `${r.scenario} | ${r.soc} | ${r.scheduler}`, "data-value": String(e.mean) });
        const label = svgEl("text", { x: L - 8, y: yy + 4, "text-anchor": "end" });
        label.textContent = `${r.scheduler} · ${r.soc}` + (new Set(cmp.rows.map((q) => q.scenario)).size > 1 ? ` · ${r.scenario}` : "");
        const title = svgEl("title", {}); title.textContent = `${r.scheduler} on ${r.soc} (${r.scenario}): ${m} ${fmt(e.mean)} ± ${fmt(e.ci95)} (n = ${r.runs})`;
        g.append(title, label, svgEl("line", { x1: x(e.mean - e.ci95), x2: x(e.mean + e.ci95), y1: yy, y2: yy, stroke: col, "stroke-width": 2 }),
          svgEl("circle", { cx: x(e.mean), cy: yy, r: 5, fill: col }));
        svg.append(g);
      });
      holder.append(svg);
    }
    metricSel.addEventListener("change", render);
    render();
  }

  function dirPage() {
    document.getElementById("subtitle").textContent = `${data.runs} run(s) · ${data.source}`;
    guarded("provenance", dirProvenance);
    if (data.kind === "compare") guarded("compare", compareSection);
    guarded("groups", groupsSection);
    guarded("sweep plot", sweepPlotSection);
  }

  main.textContent = "";
  if (data.kind === "run") runPage();
  else dirPage();
  document.getElementById("footer").append(`Written by ${document.querySelector("meta[name=generator]").content} from ${data.source}. Self-contained: no network access. Plots: uPlot 1.6.32 (MIT licence).`);
  document.body.dataset.errors = String(api.errors.length);
  document.body.dataset.ready = "1";
})();
