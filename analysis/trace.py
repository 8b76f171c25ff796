"""Load socsim HDF5 traces into pandas; the reference for the trace schema.

Usage::

    from analysis import trace
    requests = trace.load("out/run.h5", "requests")   # one DataFrame per table
    trace.info("out/run.h5")["seed"]                   # provenance attributes of /
    trace.lookup("out/run.h5", "processors")           # names that processor ids index
    trace.config("out/run.h5", "scenario")             # a resolved input, parsed JSON

Command line: ``/usr/bin/python3 analysis/trace.py TRACE [TABLE]`` prints the file's provenance
and table sizes, or the head of one table.

Trace schema: "socsim-trace", schema_version 1
==============================================

File layout
-----------
``/`` attributes (provenance)
    schema ("socsim-trace"), schema_version (int), socsim_version, git_commit, command_line,
    seed (uint64), scheduler, soc, scenario, config_sha256 (of the resolved SoC, models and
    scenario documents, in that order), time_unit ("ns"). A run stopped early (interrupt or
    resource limit) is written as ``X.interrupted.h5`` and also has status ("interrupted"),
    stop_reason ("SIGINT", "SIGTERM", "max_events", "max_wall_s", "max_trace_mib") and
    stop_message; complete traces have no status.
``/config/<name>``
    The fully resolved inputs ("soc", "models", "scenario"), defaults included, as scalar JSON
    strings. ``config(path, name)`` parses one.
``/<table>/<field>``
    One group per table; one 1-D, chunked, compressed dataset per field, named as the field.
    Compression (``socsim run --trace-compression``): shuffle + LZ4 by default (HDF5 registered
    filter 32004), or shuffle + deflate (``deflate``, HDF5's built-in gzip), or none. Reading LZ4
    needs HDF5's LZ4 filter plugin: on Debian ``apt-get install hdf5-filter-plugin``, which puts
    ``libh5lz4.so`` in ``/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins``, the default plugin
    directory compiled into Debian's HDF5, where Debian's h5py (``/usr/bin/python3``) finds it
    with no setting; elsewhere ``pip install hdf5plugin`` (this module imports it when present)
    or ``HDF5_PLUGIN_PATH`` naming a directory that holds the plugin. ``load()`` says so when
    the filter is missing. Every dataset has ``units`` and ``description`` attributes; id columns also
    have ``lookup``, the name of the /lookup table their ids index.
``/<table>/row``
    int64 row numbers 0..n-1: the group's one dimension scale, attached to every field, so
    ``xarray.open_dataset(path, group="requests", engine="h5netcdf")`` gives one dimension
    ``row`` and h5py gives ``pandas.DataFrame({k: f["requests"][k][()] for k in f["requests"]})``.
``/lookup/<name>``
    1-D UTF-8 string datasets (each its own dimension scale): the names integer ids index, e.g.
    ``lookup/processors[3]`` is processor 3. Written at the end of the run.
``/summary`` attributes
    events (uint64: events the simulator processed), sim_time_ns (int64: simulated time),
    energy_mj (integral of SoC power) = attributed_energy_mj (to inferences) +
    background_energy_mj (to scripted background load) + idle_energy_mj; peak_temp_c;
    peak_memory_mib (largest resident footprint of the app's models); storage_mib (model files
    the scheduler keeps on the device); served_size_mib (model files, distinct variant and
    precision, of which some inference finished: the size term of a run's optimality); switches (run-time design switches, the initial
    deployment excluded) and switch_time_ns (their summed cost, model loads); solve_time_ns
    (modelled run-time solver time; 0 for offline solvers such as CARIn's RASS).

Tables
------
Times are integer nanoseconds since the start of the run. A column whose meaning ends in
"(-> name)" holds ids into /lookup/name: ``load()`` replaces it by a categorical of names and
keeps the raw ids as ``<field>_id``; -1 means "none" and becomes NaN. Units "1" mean a count, an
id, a flag or a fraction.

/requests: one row per request, in completion/drop order
    field            type     units  meaning
    id               uint64   1      request id, unique within the run
    task             uint32   1      task that issued the request (-> tasks)
    arrival_ns       int64    ns     arrival time
    start_ns         int64    ns     first execution start; -1 when dropped
    finish_ns        int64    ns     completion time; -1 when dropped
    processor        int32    1      processor that ran it; -1 when dropped before dispatch (-> processors)
    design           int32    1      design that ran it; -1 when dropped before dispatch (-> designs)
    dropped          uint8    1      1 when the request was dropped
    violated         uint8    1      1 when it finished after its deadline or was dropped

/executions: one row per stretch of work a processor ran for a request
    field            type     units  meaning
    request          uint64   1      request id (requests.id)
    task             uint32   1      task of the request (-> tasks)
    processor        int32    1      processor that ran this stretch (-> processors)
    design           int32    1      design being run (-> designs)
    threads          int32    1      threads (cores) used
    start_ns         int64    ns     stretch start
    finish_ns        int64    ns     stretch end
    energy_mj        float64  mJ     dynamic energy attributed to the inference

/events: scripted runtime events as they take effect
    field            type     units  meaning
    time_ns          int64    ns     time the event took effect
    kind             int32    1      event kind (-> event_kinds)
    processor        int32    1      processor concerned; -1 when not processor-specific (-> processors)
    task             int32    1      task concerned; -1 when not task-specific (-> tasks)
    value            float64  1      kind-specific value (load fraction, MiB, degC, ...)

/switches: run-time design switches of a task
    field            type     units  meaning
    time_ns          int64    ns     time of the switch
    task             uint32   1      task whose design changed (-> tasks)
    from_design      int32    1      previous design; -1 when none (-> designs)
    to_design        int32    1      new design; -1 when none (-> designs)
    reason           int32    1      why the design changed (-> switch_reasons)
    cost_ns          int64    ns     switching cost (e.g. model load time)

/dvfs: frequency changes of a DVFS domain
    field            type     units  meaning
    time_ns          int64    ns     time of the frequency change
    processor        int32    1      processor whose domain changed (-> processors)
    domain           int32    1      frequency domain: cluster index for CPUs, 0 for accelerators
    freq_mhz         float64  MHz    new frequency

/samples: periodic per-processor observations
    field            type     units  meaning
    time_ns          int64    ns     sample time
    processor        int32    1      processor observed (-> processors)
    domain           int32    1      frequency domain: cluster index for CPUs, 0 for accelerators
    utilisation      float64  1      busy fraction of the domain's cores since the previous sample, in [0, 1]
    freq_mhz         float64  MHz    current frequency
    power_mw         float64  mW     average power of the domain since the previous sample, idle included
    temp_c           float64  degC   SoC temperature (0 when the SoC has no thermal model)
    queue_length     int32    1      inferences waiting for this processor

/summary: per-task outcome of the run (group attributes: events, sim_time_ns, energy_mj,
          attributed_energy_mj, background_energy_mj, idle_energy_mj, peak_temp_c,
          peak_memory_mib, storage_mib, served_size_mib, switches, switch_time_ns, solve_time_ns)
    field            type     units  meaning
    task             uint32   1      task (-> tasks)
    arrived          uint64   1      requests that arrived
    completed        uint64   1      requests that completed
    dropped          uint64   1      requests dropped
    violated         uint64   1      requests that missed their deadline or were dropped
    pending          uint64   1      requests still queued or running when the run ended
    latency_mean_ms  float64  ms     mean latency of completed requests after the warm-up
    latency_p50_ms   float64  ms     median latency
    latency_p90_ms   float64  ms     90th percentile latency
    latency_p99_ms   float64  ms     99th percentile latency
    latency_sd_ms    float64  ms     latency standard deviation
    throughput_hz    float64  Hz     completed requests per simulated second
    energy_mj        float64  mJ     mean dynamic energy per completed inference
    accuracy_pct     float64  %      mean accuracy of the builds that served the completed requests
    cold_start_ms    float64  ms     latency of the first completed request (cold start: initial model load included)
    warmup_completed uint64   1      completed requests that arrived in the warm-up, left out of the latency statistics
    warmup_end_ms    float64  ms     end of the warm-up: warmup_s, or the first completion

/energy: per-processor energy of the run
    field            type     units  meaning
    processor        int32    1      processor (-> processors)
    energy_mj        float64  mJ     energy over the run, idle included
    idle_energy_mj   float64  mJ     idle part of energy_mj
"""

from __future__ import annotations

import json
import os
import sys

import h5py
import numpy as np
import pandas as pd

LZ4_FILTER = 32004  # HDF5 registered filter id of LZ4, socsim's default trace compression
LZ4_FIX = (
    "install HDF5's LZ4 filter plugin: on Debian/Ubuntu `apt-get install hdf5-filter-plugin` (h5py "
    "finds it in HDF5's default plugin directory), with pip `pip install hdf5plugin`, or set "
    "HDF5_PLUGIN_PATH to a directory holding libh5lz4.so; or write the trace with "
    "`socsim run --trace-compression deflate`"
)

TABLES = ("requests", "executions", "events", "switches", "dvfs", "samples", "summary", "energy")
ROW = "row"


def load(path: str, table: str, fields: list[str] | None = None) -> pd.DataFrame:
    """Returns one table as a DataFrame indexed by ``row``, columns in schema order.

    Id columns with a lookup become categoricals of names plus a raw ``<field>_id`` column.
    ``df.attrs`` holds the group's attributes plus ``units``: {column: units}.
    ``fields`` reads only those fields (of a long trace), in schema order; unknown ones are a KeyError.
    """
    _check_table(table)
    with h5py.File(path, "r") as f:
        group = f[table]
        names = _lookups(f)
        columns: dict[str, object] = {}
        units: dict[str, str] = {}
        unknown = sorted(set(fields or []) - set(group))
        if unknown:
            raise KeyError(f"{path}: /{table} has no field {', '.join(unknown)}")
        for field in (k for k in group if k != ROW and (fields is None or k in fields)):
            ds = group[field]
            _check_filters(ds, path)
            values = ds[()]
            units[field] = _text(ds.attrs["units"])
            target = _text(ds.attrs.get("lookup", ""))
            if target in names:
                columns[field] = _names_for(values, names[target], f"{table}/{field}", target)
                columns[f"{field}_id"] = values
                units[f"{field}_id"] = units[field]
            else:
                columns[field] = values
        df = pd.DataFrame(columns, index=pd.Index(group[ROW][()], name=ROW))
        df.attrs.update({k: _python(v) for k, v in group.attrs.items()})
        df.attrs["units"] = units
    return df


def lookup(path: str, name: str) -> list[str]:
    """The names that ids of lookup ``name`` index (e.g. "tasks", "processors", "designs")."""
    with h5py.File(path, "r") as f:
        if name not in f.get("lookup", {}):
            raise KeyError(f"{path}: no lookup {name!r} (known: {', '.join(f.get('lookup', {}))})")
        return list(f["lookup"][name].asstr()[()])


def info(path: str) -> dict:
    """The provenance attributes of the trace root, as Python values."""
    with h5py.File(path, "r") as f:
        return {k: _python(v) for k, v in f.attrs.items()}


def config(path: str, name: str) -> dict:
    """A resolved input ("soc", "models", "scenario"), parsed from its JSON text."""
    with h5py.File(path, "r") as f:
        if name not in f.get("config", {}):
            raise KeyError(f"{path}: no config {name!r} (known: {', '.join(f.get('config', {}))})")
        return json.loads(f["config"][name].asstr()[()])


class FilterMissing(RuntimeError):
    """A dataset's compression filter is not available to this h5py."""


def _filters(ds: h5py.Dataset) -> list[int]:
    plist = ds.id.get_create_plist()
    return [plist.get_filter(i)[0] for i in range(plist.get_nfilters())]


def _lz4_available() -> bool:
    if h5py.h5z.filter_avail(LZ4_FILTER):  # searches HDF5's plugin path (HDF5_PLUGIN_PATH or default)
        return True
    try:  # pip's h5py has no system plugins; hdf5plugin registers its own LZ4 on import
        import hdf5plugin  # noqa: F401
    except ImportError:
        return False
    return bool(h5py.h5z.filter_avail(LZ4_FILTER))


def _check_filters(ds: h5py.Dataset, path: str) -> None:
    """Raises FilterMissing, naming the fix, when ds is LZ4-compressed and no LZ4 filter is found."""
    if LZ4_FILTER in _filters(ds) and not _lz4_available():
        raise FilterMissing(
            f"{path}: {ds.name} is compressed with LZ4 (HDF5 filter {LZ4_FILTER}), which this h5py "
            f"(HDF5 {h5py.version.hdf5_version}) cannot find; {LZ4_FIX}"
        )


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r} (known: {', '.join(TABLES)})")


def _lookups(f: h5py.File) -> dict[str, list[str]]:
    group = f.get("lookup", {})
    return {name: list(group[name].asstr()[()]) for name in group}


def _names_for(ids: np.ndarray, names: list[str], column: str, target: str):
    """Ids -> names: a categorical when names are unique, else an object array; -1 -> missing."""
    codes = ids.astype(np.int64)
    bad = (codes < -1) | (codes >= len(names))
    if bad.any():
        raise ValueError(f"{column}: id {codes[bad][0]} outside lookup {target!r} of {len(names)} names")
    if len(set(names)) == len(names):
        return pd.Categorical.from_codes(codes, categories=names)
    labels = np.array(names + [None], dtype=object)
    return labels[codes]  # -1 picks the trailing None


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _python(value):
    """h5py attribute value -> plain Python (str, int, float, list)."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return [_python(v) for v in value.tolist()]
    return value


def _describe(path: str) -> str:
    lines = [f"{k}: {v}" for k, v in info(path).items()]
    with h5py.File(path, "r") as f:
        lines.append("tables: " + ", ".join(f"{t} ({len(f[t][ROW])} rows)" for t in TABLES if t in f))
        lines.append("lookups: " + ", ".join(f"{n} ({len(d)})" for n, d in f.get("lookup", {}).items()))
        lines.append("config: " + ", ".join(f.get("config", {})))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(f"usage: {argv[0]} TRACE [TABLE]   (tables: {', '.join(TABLES)})", file=sys.stderr)
        return 2
    try:
        if len(argv) == 2:
            print(_describe(argv[1]))
        else:
            df = load(argv[1], argv[2])
            with pd.option_context("display.width", 200, "display.max_columns", 40):
                print(df.head(20))
            print(f"({len(df)} rows)")
    except BrokenPipeError:  # e.g. piped into `head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except (OSError, FilterMissing) as e:
        print(f"error: {e}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
