"""Checks that a socsim trace loads as tables in h5py, pandas and xarray, and matches the schema
documented in analysis/trace.py (every table, field, type and unit).

Usage: /usr/bin/python3 tests/trace/check_trace.py TRACE
Exit code 0 when every check passes; 1 with one message per failed check otherwise.
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

import h5py
import numpy as np
import xarray as xr

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from analysis import trace  # noqa: E402

PROVENANCE = ("schema", "schema_version", "socsim_version", "git_commit", "command_line", "seed",
              "scheduler", "soc", "scenario", "config_sha256", "time_unit")


def documented_schema() -> dict[str, list[tuple[str, str, str]]]:
    """{table: [(field, dtype, units), ...]} parsed from analysis/trace.py's docstring."""
    schema: dict[str, list[tuple[str, str, str]]] = {}
    table = None
    for line in trace.__doc__.splitlines():
        header = re.match(r"^/(\w+): ", line)
        field = re.match(r"^    (\w+)\s+(u?int(?:8|16|32|64)|float64)\s+(\S+)\s+\S", line)
        if header:
            table = header.group(1)
            schema[table] = []
        elif field and table:
            schema[table].append(field.groups())
    return schema


def text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def check_h5py(path: str, errors: list[str]) -> None:
    with h5py.File(path, "r") as f:
        for key in PROVENANCE:
            if key not in f.attrs:
                errors.append(f"/: missing provenance attribute {key!r}")
        if text(f.attrs.get("schema", "")) != "socsim-trace" or text(f.attrs.get("time_unit", "")) != "ns":
            errors.append("/: schema must be 'socsim-trace' and time_unit 'ns'")
        documented = documented_schema()
        if set(documented) != set(trace.TABLES):
            errors.append(f"analysis/trace.py documents tables {sorted(documented)}, expected {sorted(trace.TABLES)}")
        for table in trace.TABLES:
            if table not in f:
                errors.append(f"/{table}: missing table")
                continue
            group = f[table]
            rows = group[trace.ROW][()]
            if not np.array_equal(rows, np.arange(len(rows))):
                errors.append(f"/{table}/row: not 0..n-1")
            actual = []
            for name, ds in group.items():
                if "units" not in ds.attrs:
                    errors.append(f"/{table}/{name}: no units attribute")
                if len(ds) != len(rows):
                    errors.append(f"/{table}/{name}: {len(ds)} rows, the table has {len(rows)}")
                if name != trace.ROW:
                    actual.append((name, str(ds.dtype), text(ds.attrs.get("units", ""))))
            expected = documented.get(table, [])
            if actual != expected:
                file_only = [x for x in actual if x not in expected]
                docs_only = [x for x in expected if x not in actual]
                errors.append(f"/{table}: (field, type, units) differ from analysis/trace.py: file has "
                              f"{file_only}, docs have {docs_only}" + ("" if file_only or docs_only else " (order)"))
        for name, ds in f.get("lookup", {}).items():
            if ds.ndim != 1 or not h5py.check_string_dtype(ds.dtype):
                errors.append(f"/lookup/{name}: not a 1-D string dataset")


def check_pandas(path: str, errors: list[str]) -> None:
    with h5py.File(path, "r") as f:
        rows = {t: len(f[t][trace.ROW]) for t in trace.TABLES}
        lookups = set(f.get("lookup", {}))
        targets = {t: {k: text(d.attrs["lookup"]) for k, d in f[t].items() if "lookup" in d.attrs}
                   for t in trace.TABLES}
    for table in trace.TABLES:
        df = trace.load(path, table)
        if len(df) != rows[table]:
            errors.append(f"load({table!r}): {len(df)} rows, the file has {rows[table]}")
        for field, target in targets[table].items():
            if target in lookups and f"{field}_id" not in df.columns:
                errors.append(f"load({table!r}): {field} not resolved through /lookup/{target}")
    for key in PROVENANCE:
        if key not in trace.info(path):
            errors.append(f"info(): missing {key!r}")
    with h5py.File(path, "r") as f:
        configs = list(f.get("config", {}))
    for name in configs:
        if not isinstance(trace.config(path, name), dict):
            errors.append(f"config({name!r}): not a JSON object")


def check_xarray(path: str, errors: list[str]) -> None:
    for table in trace.TABLES:
        with xr.open_dataset(path, group=table, engine="h5netcdf") as ds:
            if list(ds.dims) != [trace.ROW]:
                errors.append(f"xarray group {table!r}: dimensions {dict(ds.dims)}, expected only {trace.ROW!r}")
            for name, var in ds.variables.items():
                if var.dims != (trace.ROW,):
                    errors.append(f"xarray {table}/{name}: dimensions {var.dims}")
                if "units" not in var.attrs:
                    errors.append(f"xarray {table}/{name}: no units attribute")
    for group in ("lookup", "config", None):
        with xr.open_dataset(path, group=group, engine="h5netcdf"):
            pass


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} TRACE", file=sys.stderr)
        return 2
    errors: list[str] = []
    warnings.simplefilter("error")  # a reader's warning is a format problem
    for check in (check_h5py, check_pandas, check_xarray):
        try:
            check(argv[1], errors)
        except Exception as e:  # noqa: BLE001 - report any reader failure as a check failure
            errors.append(f"{check.__name__}: {type(e).__name__}: {e}")
    for e in errors:
        print(f"{argv[1]}: {e}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
