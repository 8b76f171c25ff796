"""The paper-vs-socsim report (analysis/paper.py runs the campaigns; this module turns them into rows).

One row per (experiment of CARIn's evaluation, CARIN.md §7) x (use case, phone) x (strategy):

  optimality   the app's optimality among the pool of runs of one (scenario, seed) — every scheduler —
               (analysis/optimality.py: the scenario's SLO and optimality function, size = the model
               files that served requests, a run that breaks a constraint, the implicit deadline one
               included, scores 0); value: the baseline's optimality; ratio: baseline / CARIn per
               seed; ``carin_geq``: whether CARIn's mean optimality is >= the baseline's.
  storage      model files kept on the device (the /summary attribute storage_mib), OODIn vs CARIn.
  latency      each task's mean latency (and its SD) under CARIn's deployed design vs OODIn's.
  design_set   d0 and its fall-backs (``socsim solve``; deterministic: no CI).
  adaptation   on-time inferences per second over an _adapt_ run ((arrived - violated - pending) /
               simulated time, summed over tasks) for CARIn's variants and OODIn, ratio to CARIn.
  reaction     the overhead of reacting to each runtime event (analysis/fig_reaction.py: detection
               delay + model load + run-time solve), OODIn vs CARIn, with both schedulers' parameters.

Values are means over seeds (and events) with a 95 % confidence interval (Student t, n - 1 degrees of
freedom; 0 for one sample). Every sentence is generated from the row's numbers (``sentence_*``);
nothing in a row is typed. What the paper measured that socsim cannot is in CANNOT (text: it is a
statement about the simulator, not a result).
"""

from __future__ import annotations

import math
import os
import re
import subprocess

import numpy as np
import pandas as pd
from scipy import stats

from analysis import campaign
from analysis import figstyle as fs
from analysis import optimality as opt
from analysis import trace

REFERENCE = "carin"
# Two means closer than this count as equal in "CARIn ≥": the runs' metrics pass through summary.csv
# (socsim merge), whose rounding moves an optimality by ~1e-9.
TIE = 1e-6
COLUMNS = ["experiment", "key", "scenario", "use_case", "soc", "scheduler", "metric", "n", "value_mean",
           "value_ci95", "carin_mean", "carin_ci95", "ratio_mean", "ratio_ci95", "carin_geq", "sentence"]
EXPERIMENTS = {
    "optimality": "Optimality of CARIn versus each baseline (paper: CARIn's designs beat every baseline)",
    "storage": "Storage on the device, CARIn versus OODIn (paper: CARIn stores only its design set)",
    "latency": "Average latency and its standard deviation of the deployed design",
    "design_set": "The designs chosen for runtime switching (d0 and its fall-backs)",
    "adaptation": "Throughput during adaptation (on-time inferences/s while runtime issues are injected)",
    "reaction": "Time overhead of reacting to a runtime change, CARIn versus OODIn",
}
# What CARIn's evaluation measured that socsim cannot reproduce, and why.
CANNOT = [
    ("Absolute latency, throughput and energy on the three phones",
     "socsim's latency profiles are estimates scaled from public measurements (models/profiles/, every entry "
     "marked estimated), and its power model is calibrated on one SoC's published points; only `socsim profile "
     "import` of real benchmark logs would make these numbers measurements."),
    ("The paper's exact SLOs and optimality formula",
     "neither is available (CARIN.md §2, §7): the use cases' SLOs and ratio_product are reconstructions, so every "
     "optimality ratio here is a ratio under our reconstruction."),
    ("OODIn's real search time on the phone",
     "socsim models it as eval_cost_us per design evaluated (our estimate, 50 us) times the designs in the space; "
     "the paper timed the real solver."),
    ("Accuracy measured on the devices' quantised models",
     "accuracies come from the model library (published figures per build); socsim does not run the DNNs."),
    ("The phones' own OS behaviour (governors, thermal management, low-memory killer)",
     "socsim models them from documented mechanisms (schedutil, an RC thermal model, a largest-first killer); "
     "vendor firmware and Android's heuristics are not reproduced."),
]


# ---------------------------------------------------------------------------------------------- statistics

def ci(values) -> tuple[float, float, int]:
    """(mean, half-width of the 95 % CI (Student t), n) of the finite values; (nan, nan, 0) when none."""
    v = np.array([x for x in values if x is not None and math.isfinite(x)], dtype=float)
    if len(v) == 0:
        return float("nan"), float("nan"), 0
    if len(v) == 1:
        return float(v[0]), 0.0, 1
    half = float(stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / math.sqrt(len(v)))
    return float(v.mean()), half, len(v)


def fmt(mean: float, half: float, digits: int = 3) -> str:
    if not math.isfinite(mean):
        return "n/a"
    return f"{mean:.{digits}g} ± {half:.2g}" if half > 0 else f"{mean:.{digits}g}"


def _row(experiment, scenario, scheduler, metric, values, carin=(), ratios=(), geq="", sentence="", key=None):
    sc = fs.parse_scenario(scenario)
    v, vh, n = ci(values)
    c, ch, _ = ci(carin)
    r, rh, _ = ci(ratios)
    return {"experiment": experiment, "key": key or f"{experiment}/{scenario}/{scheduler}", "scenario": scenario,
            "use_case": sc["uc"], "soc": sc["soc"], "scheduler": scheduler, "metric": metric, "n": n,
            "value_mean": v, "value_ci95": vh, "carin_mean": c, "carin_ci95": ch, "ratio_mean": r, "ratio_ci95": rh,
            "carin_geq": geq, "sentence": sentence}


# ---------------------------------------------------------------------------------------------- optimality

def pool_scores(pool: pd.DataFrame, slo: opt.Slo):
    """{scheduler label: (score, Candidate, violations)} of one (scenario, seed) pool."""
    runs = list(pool.groupby("trace", sort=False))
    cands = [opt.run_from_rows(g, label=path) for path, g in runs]
    scores = opt.score_runs(cands, slo)
    out = {}
    for (path, g), c, s in zip(runs, cands, scores):
        bad = opt.violations(c, slo) if opt.completed_all(c) else ["a task completed nothing"]
        out[g.scheduler.iloc[0]] = (s, c, bad)
    return out


def objective_labels(slo: opt.Slo, tasks: int) -> list[tuple[str, bool]]:
    """(label, maximised) of every expanded objective."""
    objectives, objective_task, _ = opt.expand(slo, tasks)
    return [(o.metric + (f" ({slo.tasks[t]})" if t >= 0 and tasks > 1 else ""), o.maximise)
            for o, t in zip(objectives, objective_task)]


def sentence_optimality(label, ratio, carin_bad, base_bad, gaps) -> str:
    """Generated from the numbers: who breaks what, else the objective on which the better of the two gains
    most (gaps: (label, maximised, baseline value, CARIn value))."""
    name = fs.sched_label(label)
    if base_bad and not carin_bad:
        return f"{name} scores 0 in some seed: it breaks {base_bad[0]}."
    if carin_bad and not base_bad:
        return f"CARIn scores 0 in some seed: it breaks {carin_bad[0]}; {name} does not."
    if base_bad and carin_bad:
        return f"both break a constraint in some seed (CARIn: {carin_bad[0]}; {name}: {base_bad[0]})."
    if not gaps or not math.isfinite(ratio):
        return f"{name} and CARIn cannot be compared (no scored runs)."
    def advantage(g):  # > 0: the baseline is better on this objective
        _, maximise, b, c = g
        gain = math.log(max(b, 1e-12) / max(c, 1e-12))
        return gain if maximise else -gain
    metric, _, b, c = (max if ratio >= 1 else min)(gaps, key=advantage)
    if abs(ratio - 1) < 1e-9:
        same = all(abs(b - c) <= 1e-9 * max(abs(b), abs(c), 1) for _, _, b, c in gaps)
        return f"{name} reaches CARIn's optimality ({'same objective values' if same else 'the gaps compensate'})."
    side, who = ("above", name) if ratio > 1 else ("below", "CARIn")
    return (f"{name} is {side} CARIn (ratio {ratio:.3g}); {who} gains most on {metric}: {name} {b:.4g} vs CARIn "
            f"{c:.4g}.")


def optimality_rows(base: pd.DataFrame) -> list:
    rows = []
    for scenario, sub in base.groupby("scenario", sort=True):
        slo = opt.slo_from_scenario(trace.config(sub.trace.iloc[0], "scenario"))
        pools = {seed: pool_scores(p, slo) for seed, p in sub.groupby("seed", sort=True)}
        labels = sorted({lab for p in pools.values() for lab in p if lab != REFERENCE}, key=fs.sched_sort_key)
        for label in labels:
            vals, refs, ratios, carin_bad, base_bad, gaps = [], [], [], [], [], []
            for pool in pools.values():
                if label not in pool or REFERENCE not in pool:
                    continue
                (s, cand, bad), (cs, ccand, cbad) = pool[label], pool[REFERENCE]
                vals.append(s)
                refs.append(cs)
                ratios.append(s / cs if cs > 0 else float("nan"))
                base_bad += bad
                carin_bad += cbad
                if opt.completed_all(cand) and opt.completed_all(ccand):
                    gaps += [(label, maximise, b, c) for (label, maximise), b, c in
                             zip(objective_labels(slo, len(cand.task_metrics)), opt.objective_values(cand, slo),
                                 opt.objective_values(ccand, slo))]
            r = ci(ratios)[0]
            geq = "yes" if vals and np.mean(refs) >= np.mean(vals) - TIE else "no"
            rows.append(_row("optimality", scenario, label, f"optimality ({slo.optimality}, size deployed)", vals,
                             refs, ratios, geq, sentence_optimality(label, r, carin_bad, base_bad, gaps)))
    return rows


# ---------------------------------------------------------------------------------------------- storage, latency

def _runs(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop_duplicates("trace")


def storage_rows(base: pd.DataFrame) -> list:
    rows = []
    runs = _runs(base)
    for scenario, sub in runs.groupby("scenario", sort=True):
        c = sub[sub.scheduler == REFERENCE].sort_values("seed")
        o = sub[sub.scheduler == "oodin"].sort_values("seed")
        if c.empty or o.empty:
            continue
        ratios = list(o.storage_mib.to_numpy() / c.storage_mib.to_numpy())
        cm, om = c.storage_mib.mean(), o.storage_mib.mean()
        sentence = (f"OODIn keeps every build of the design space ({om:.4g} MiB), CARIn only its design set "
                    f"({cm:.4g} MiB): {om / cm:.3g}x the storage." if cm > 0 else "CARIn stores nothing.")
        rows.append(_row("storage", scenario, "oodin", "storage_mib", list(o.storage_mib), list(c.storage_mib),
                         ratios, "yes" if cm <= om else "no", sentence))
    return rows


def latency_rows(base: pd.DataFrame) -> list:
    rows = []
    for (scenario, task), sub in base.groupby(["scenario", "task"], sort=True):
        c = sub[sub.scheduler == REFERENCE].sort_values("seed")
        o = sub[sub.scheduler == "oodin"].sort_values("seed")
        if c.empty or o.empty:
            continue
        ratios = list(o.latency_mean_ms.to_numpy() / c.latency_mean_ms.to_numpy())
        cm, csd, om, osd = c.latency_mean_ms.mean(), c.latency_sd_ms.mean(), o.latency_mean_ms.mean(), o.latency_sd_ms.mean()
        faster = "faster" if cm < om else "slower" if cm > om else "as fast"
        sentence = (f"task {task}: CARIn's design runs in {cm:.3g} ms (SD {csd:.2g} ms), {faster} than OODIn's "
                    f"{om:.3g} ms (SD {osd:.2g} ms).")
        rows.append(_row("latency", scenario, "oodin", f"latency_mean_ms ({task})", list(o.latency_mean_ms),
                         list(c.latency_mean_ms), ratios, "", sentence, key=f"latency/{scenario}/{task}"))
    return rows


def design_set_rows(scenarios: list, binary: str) -> list:
    from analysis import fig_latency
    rows = []
    for path in scenarios:
        name = campaign.scenario_name(path)
        result = fig_latency.solve(path, binary, campaign.scenario_params(path))
        members = [(m["condition"], " + ".join(t["design"] for t in m["tasks"])) for m in result["design_set"]]
        text = "; ".join(f"{cond}: {design}" for cond, design in members)
        rows.append(_row("design_set", name, REFERENCE, "design-set members", [len(members)], [], [], "",
                         f"{len(members)} members — {text}."))
    return rows


# ---------------------------------------------------------------------------------------------- adaptation, reaction

def on_time_rate(run_rows: pd.DataFrame) -> float:
    r = run_rows
    return float(((r.arrived - r.violated - r.pending).sum()) / r.sim_time_s.iloc[0])


def adaptation_rows(adapt: pd.DataFrame) -> list:
    rows = []
    for scenario, sub in adapt.groupby("scenario", sort=True):
        per = {lab: [(seed, on_time_rate(g), int(g.switches.iloc[0]), float(g.violated.sum() / max(1, g.arrived.sum())))
                     for seed, g in s.groupby("seed", sort=True)] for lab, s in sub.groupby("scheduler", sort=False)}
        if REFERENCE not in per:
            continue
        ref = dict((seed, rate) for seed, rate, _, _ in per[REFERENCE])
        for label in sorted(per, key=lambda x: (x != REFERENCE, x)):
            vals = [rate for _, rate, _, _ in per[label]]
            ratios = [rate / ref[seed] for seed, rate, _, _ in per[label] if ref.get(seed, 0) > 0]
            switches = np.mean([s for _, _, s, _ in per[label]])
            miss = np.mean([m for _, _, _, m in per[label]])
            sentence = (f"{label}: {np.mean(vals):.4g} on-time inferences/s, {miss:.1%} of requests late or dropped, "
                        f"{switches:.3g} design switches per run.")
            rows.append(_row("adaptation", scenario, label, "on-time inferences/s", vals, list(ref.values()), ratios,
                             "yes" if np.mean(list(ref.values())) >= np.mean(vals) - TIE else "no", sentence))
    return rows


def scheduler_defaults(binary: str) -> dict:
    """{scheduler: {param: default}} from ``socsim list schedulers``."""
    out = subprocess.run([binary, "list", "schedulers"], capture_output=True, text=True, check=True).stdout
    defaults, current = {}, None
    for line in out.splitlines():
        if line and not line[0].isspace():
            current = line.strip()
            defaults[current] = {}
        elif current and (m := re.match(r"\s+--param\s+([A-Za-z0-9_]+)=<\w+> \(default ([^)]*)\)", line)):
            defaults[current][m.group(1)] = m.group(2)
    return defaults


def reaction_rows(adapt: pd.DataFrame, binary: str) -> list:
    from analysis import fig_reaction
    d = scheduler_defaults(binary)
    carin_p, oodin_p = d.get("carin", {}), d.get("oodin", {})
    rows = []
    table = fig_reaction.table(adapt, ("carin", "oodin"))
    for (scenario, event), sub in table.groupby(["scenario", "event"], sort=True):
        c = sub[(sub.scheduler == "carin") & sub.reacted.astype(bool)]
        o = sub[(sub.scheduler == "oodin") & sub.reacted.astype(bool)]
        if c.empty and o.empty:
            continue
        ratios = [ot / ct for ot, ct in zip(o.sort_values("seed").total_ms, c.sort_values("seed").total_ms) if ct > 0]
        solve = float(o.solve_ms.mean()) if len(o) else float("nan")
        designs = (solve * 1000 / float(oodin_p.get("eval_cost_us", "nan"))) if len(o) else float("nan")
        carin_text = (f"CARIn {c.detection_ms.mean():.4g} ms detection (period_ms {carin_p.get('period_ms', '?')}, "
                      f"confirm_samples {carin_p.get('confirm_samples', '?')}) + {c.switch_cost_ms.mean():.4g} ms model "
                      f"load + 0 ms search (a table look-up)" if len(c) else
                      "CARIn does not switch (the fall-back is not predicted better under this load, or the event "
                      "needs no switch)")
        oodin_text = (f"OODIn {o.detection_ms.mean():.4g} ms detection (period_ms {oodin_p.get('period_ms', '?')}) + "
                      f"{o.switch_cost_ms.mean():.4g} ms model load + {solve:.4g} ms search ({designs:.0f} designs x "
                      f"eval_cost_us {oodin_p.get('eval_cost_us', '?')})" if len(o) else "OODIn does not switch")
        rows.append(_row("reaction", scenario, "oodin", f"reaction overhead, ms ({event})", list(o.total_ms),
                         list(c.total_ms), ratios, "", f"{carin_text}; {oodin_text}.",
                         key=f"reaction/{scenario}/{event}"))
    return rows


# ---------------------------------------------------------------------------------------------- the report

def claims(rows: pd.DataFrame) -> list:
    """The paper's headline claims, each checked against the rows (computed)."""
    out = []
    o = rows[rows.experiment == "optimality"]
    if len(o):
        per = o.groupby("scheduler").carin_geq.apply(lambda s: (s == "yes").sum())
        n = o.groupby("scheduler").size()
        detail = ", ".join(f"{fs.sched_label(b)} {per[b]}/{n[b]}" for b in sorted(n.index, key=fs.sched_sort_key))
        out.append(("CARIn's optimality is at least every baseline's", f"{(o.carin_geq == 'yes').sum()} of {len(o)} "
                    f"(use case, phone, baseline) rows; per baseline: {detail}"))
    s = rows[rows.experiment == "storage"]
    if len(s):
        out.append(("CARIn needs less storage than OODIn", f"{(s.carin_geq == 'yes').sum()} of {len(s)} (use case, "
                    f"phone) rows; OODIn / CARIn from {s.ratio_mean.min():.3g}x to {s.ratio_mean.max():.3g}x"))
    r = rows[rows.experiment == "reaction"]
    if len(r):
        both = r[np.isfinite(r.carin_mean) & np.isfinite(r.value_mean)]
        faster = int((both.carin_mean < both.value_mean).sum())
        only_oodin = int((~np.isfinite(r.carin_mean) & np.isfinite(r.value_mean)).sum())
        out.append(("CARIn reacts to a runtime change faster than OODIn", f"in {faster} of the {len(both)} (scenario, "
                    f"event) rows where both switched CARIn's total overhead is lower; in {only_oodin} more only OODIn "
                    f"switched (CARIn kept its design)"))
    return out


def render(rows: pd.DataFrame, mode: str) -> str:
    lines = ["# Reproducing CARIn with socsim", "",
             f"Generated by `analysis/paper.py` ({mode}). Every number below comes from socsim runs of the "
             "shipped use cases (UC1–UC4 on the Pixel 7 / Tensor G2, Galaxy S20 FE / Snapdragon 865 and Galaxy A71 / "
             "Snapdragon 730); the sentences are generated from those numbers. Values are means with a 95 % "
             "confidence interval (Student t) over seeds; ratios are per seed, then averaged. Profiles are "
             "estimates and the SLOs are reconstructions: read this as what *socsim's model* says.", "",
             "## The paper's claims, checked", ""]
    for claim, verdict in claims(rows):
        lines.append(f"- **{claim}**: {verdict}.")
    for exp, title in EXPERIMENTS.items():
        sub = rows[rows.experiment == exp]
        lines += ["", f"## {title}", "", "| key | metric | socsim value | CARIn | ratio to CARIn | CARIn ≥ | what drives it |",
                  "|---|---|---|---|---|---|---|"]
        for r in sub.itertuples():
            lines.append(f"| `{r.key}` | {r.metric} | {fmt(r.value_mean, r.value_ci95)} | "
                         f"{fmt(r.carin_mean, r.carin_ci95)} | {fmt(r.ratio_mean, r.ratio_ci95)} | {r.carin_geq or '—'} | "
                         f"{r.sentence} |")
    lines += ["", "## What the paper measured that socsim cannot", ""]
    lines += [f"- **{what}**: {why}" for what, why in CANNOT]
    return "\n".join(lines) + "\n"


def write(base: pd.DataFrame, adapt: pd.DataFrame, out: str, binary: str, mode: str) -> list:
    from analysis import fig_optimality, fig_reaction, make_figures
    os.makedirs(out, exist_ok=True)
    rows = (optimality_rows(base) + storage_rows(base) + latency_rows(base) +
            design_set_rows(make_figures.base_scenarios(), binary) + adaptation_rows(adapt) +
            reaction_rows(adapt, binary))
    table = pd.DataFrame(rows, columns=COLUMNS)
    written = []
    for name, text in (("report.csv", table.to_csv(index=False)), ("report.md", render(table, mode))):
        path = os.path.join(out, name)
        with open(path + ".part", "w") as f:
            f.write(text)
        os.replace(path + ".part", path)
        written.append(path)
    figures = os.path.join(out, "figures")
    written += fig_optimality.make(base, figures)
    written += fig_optimality.make(base, figures, size="storage", name="optimality_storage")
    written += fig_reaction.make(adapt, figures)
    return written
