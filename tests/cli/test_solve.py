"""`socsim solve`: CARIn's offline stage printed as a table, CSV or JSON.

* the three formats agree on a use case (the same ranked designs, optimality to 6 decimals, the same
  design-set conditions), for a multi-DNN and a single-DNN app;
* --top N limits the ranked rows of every format, not the design set;
* on every use case, a processor fall-back d_p never uses p (read from the JSON design names);
* the same input gives byte-identical CSV;
* an unknown --param exits 2 naming it and the known ones; top_k=0 exits 2 (out of range);
* a scenario whose constraints no design meets exits 1 saying so.
"""
import glob
import json
import os

from common import done, expect, fail, ROOT, scratch_dir, socsim

UC_DIR = os.path.join(ROOT, "scenarios", "use_cases")
MULTI = os.path.join(UC_DIR, "uc3_tensor_g2.json")   # two tasks, 25 tuples
SINGLE = os.path.join(UC_DIR, "uc1_snapdragon865.json")  # one task, ~200 designs
ALL = 100000  # --top: every ranked design


def solve(path, fmt, *extra):
    return socsim("solve", path, "--format", fmt, *extra, check=0).stdout


def engine(design):
    """"x/fx8@cpu:4t" -> "cpu"."""
    return design.split("@", 1)[1].split(":")[0].split("[")[0]


def from_json(text):
    doc = json.loads(text)
    ranked = [(r["rank"], f"{r['optimality']:.6f}", [(t["task"], t["design"]) for t in r["tasks"]]) for r in doc["ranked"]]
    members = [(m["condition"], m["rank"]) for m in doc["design_set"]]
    return doc, ranked, members


def from_csv(text):
    lines = text.splitlines()
    header = lines[0].split(",")
    expect(header[:4] == ["rank", "optimality", "task", "design"] and header[-1] == "design_set", f"CSV header {header}")
    ranked, members = [], {}
    for line in lines[1:]:
        cells = line.split(",")
        expect(len(cells) == len(header), f"CSV row with {len(cells)} cells: {line}")
        rank = int(cells[0])
        if not ranked or ranked[-1][0] != rank:
            ranked.append((rank, f"{float(cells[1]):.6f}", []))
            members[rank] = cells[-1]
        ranked[-1][2].append((cells[2], cells[3]))
    return ranked, members


def from_table(text):
    """Ranked rows (rank, optimality, [(task, design)]), their design-set column, and the design-set
    section's (condition, rank) lines."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:4] == ["rank", "optimality", "task", "design"])
    ranked, column = [], {}
    i = start + 1
    while lines[i].strip():
        cells = lines[i].split()
        if len(cells) >= 12:  # rank, optimality, task, design, 8 metrics[, design set]
            ranked.append((int(cells[0]), cells[1], [(cells[2], cells[3])]))
            column[int(cells[0])] = cells[12] if len(cells) > 12 else ""
        else:
            expect(len(cells) == 10 and ranked, f"table row: {lines[i]}")  # a further task of the same tuple
            ranked[-1][2].append((cells[0], cells[1]))
        i += 1
    expect(lines[i + 1].startswith("design set ("), f"table: expected the design set after the ranking, got {lines[i + 1]}")
    members = []
    for line in lines[i + 2:]:
        cells = line.split()
        if cells[0] == "(none)":
            continue
        expect(cells[1] == "rank", f"table design-set line: {line}")
        members.append((cells[0], int(cells[2])))
    return ranked, column, members


def check_formats(path):
    """Returns the JSON document and the CSV text."""
    name = os.path.basename(path)
    doc, j_ranked, j_members = from_json(solve(path, "json", "--top", ALL))
    csv = solve(path, "csv", "--top", ALL)
    c_ranked, c_members = from_csv(csv)
    t_ranked, t_column, t_members = from_table(solve(path, "table", "--top", ALL))
    expect(len(j_ranked) == doc["feasible"] > 0, f"{name}: JSON ranks {len(j_ranked)} of {doc['feasible']} feasible")
    expect(j_ranked == c_ranked, f"{name}: JSON and CSV rankings differ")
    expect(j_ranked == t_ranked, f"{name}: JSON and table rankings differ")
    expect(j_members == t_members, f"{name}: design sets differ: JSON {j_members}, table {t_members}")
    by_rank = {}
    for cond, rank in j_members:
        by_rank[rank] = by_rank.get(rank, []) + [cond]
    for rank, _, _ in j_ranked:
        want = "+".join(by_rank.get(rank, []))
        expect(c_members[rank] == want, f"{name}: CSV rank {rank} design set '{c_members[rank]}', JSON '{want}'")
        expect(t_column[rank] == want, f"{name}: table rank {rank} design set '{t_column[rank]}', JSON '{want}'")
    expect(j_members and j_members[0] == ("d0", 0), f"{name}: the design set does not start with d0 at rank 0")
    return doc, csv


def check_top(path, n):
    doc = json.loads(solve(path, "json", "--top", n))
    expect(len(doc["ranked"]) == n, f"--top {n}: JSON has {len(doc['ranked'])} ranked rows")
    c_ranked, _ = from_csv(solve(path, "csv", "--top", n))
    expect(len(c_ranked) == n, f"--top {n}: CSV has {len(c_ranked)} ranks")
    t_ranked, _, _ = from_table(solve(path, "table", "--top", n))
    expect(len(t_ranked) == n, f"--top {n}: the table has {len(t_ranked)} ranks")
    expect(len(doc["design_set"]) >= 2, "--top must not cut the design set")


def check_fallbacks(name, doc):
    d0 = doc["design_set"][0]
    d0_engines = {engine(t["design"]) for t in d0["tasks"]}
    seen = set()
    for m in doc["design_set"]:
        cond = m["condition"]
        if not cond.startswith("processor_issue:"):
            continue
        p = cond.split(":", 1)[1]
        seen.add(p)
        used = [t["design"] for t in m["tasks"] if engine(t["design"]) == p]
        expect(not used, f"{name}: the fall-back for {p} uses it: {used}")
        expect(p in d0_engines, f"{name}: a fall-back for {p}, which d0 does not use")
    missing = {p for p in d0_engines if p not in seen}
    for p in missing:  # a d_p may be missing only when RASS says so
        expect(any("avoids processor" in x for x in doc["missing"]), f"{name}: no fall-back for {p} and no reason")


def main():
    docs = {}
    docs[MULTI], multi_csv = check_formats(MULTI)
    expect(len(docs[MULTI]["ranked"][0]["tasks"]) == 2, "uc3 should rank two-task tuples")
    docs[SINGLE], _ = check_formats(SINGLE)
    check_top(MULTI, 3)
    for path in sorted(glob.glob(os.path.join(UC_DIR, "*.json"))):
        if "_adapt_" not in path:
            check_fallbacks(os.path.basename(path), docs.get(path) or json.loads(solve(path, "json", "--top", 1)))

    expect(solve(MULTI, "csv", "--top", ALL) == multi_csv, "two solves of the same scenario gave different CSV")

    p = socsim("solve", MULTI, "--param", "bogus_knob=1")
    msg = p.stdout + p.stderr
    expect(p.returncode == 2, f"unknown --param: exit {p.returncode}, expected 2\n{msg}")
    expect("bogus_knob" in msg and "top_k" in msg and "memory_budget_mib" in msg,
           f"unknown --param: the message should name it and the known parameters:\n{msg}")

    with open(SINGLE) as f:
        doc = json.load(f)
    doc["soc"] = os.path.normpath(os.path.join(UC_DIR, doc["soc"]))
    doc["models"] = os.path.normpath(os.path.join(UC_DIR, doc["models"]))
    doc["slo"]["constraints"].append({"metric": "accuracy", "op": ">=", "bound": 99.9})
    impossible = os.path.join(scratch_dir("socsim_solve_"), "impossible.json")
    with open(impossible, "w") as f:
        json.dump(doc, f)
    p = socsim("solve", impossible)
    msg = p.stdout + p.stderr
    expect(p.returncode == 1, f"impossible constraints: exit {p.returncode}, expected 1\n{msg}")
    expect("no design" in msg and "meets the SLO's constraints" in msg,
           f"impossible constraints: the message should say no design meets the SLO's constraints:\n{msg}")

    # Last, so that the checks above run whatever this gives.
    p = socsim("solve", MULTI, "--param", "top_k=0")
    msg = p.stdout[:300] + p.stderr
    if p.returncode != 2 or "top_k" not in msg or "out of range" not in msg:
        fail(f"--param top_k=0: exit {p.returncode}, expected 2 and an out-of-range message naming top_k (the "
             f"parameter's range is declared in carin_plan_params(), solver/carin_scheduler.cpp)\n{msg}")
    done("solve")


if __name__ == "__main__":
    main()
