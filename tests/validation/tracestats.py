"""What the validation suite measures in a socsim trace: the requests of a run, the window in which
every arrival is accounted for, and time averages of the number of requests in the system.

Requests are identified by id, which the engine assigns in arrival order over all tasks
(0, 1, 2, ...). /requests holds every request that finished or was dropped; a request still
pending when the run ended (queued, running or waiting for its model) has no row, so its id is
missing. The *complete window* [0, T'] ends at the arrival of the last request before the first
missing id: every request that arrived in it has its row. Statistics over that window are not
biased by the pending ones (which are the ones that would have waited longest).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from analysis import trace  # noqa: E402

FIELDS = ["id", "task", "arrival_ns", "start_ns", "finish_ns", "dropped"]


@dataclass
class Requests:
    """The /requests rows of one run, sorted by id (= arrival order), as int64 ns arrays."""
    id: np.ndarray
    task: np.ndarray       # task ids
    arrival: np.ndarray
    start: np.ndarray      # -1 for dropped
    finish: np.ndarray     # -1 for dropped
    dropped: np.ndarray    # bool
    missing: np.ndarray    # ids below the largest present id with no row (pending)

    def complete_until(self) -> int:
        """Index (exclusive) of the complete prefix: rows before the first missing id."""
        ids = self.id
        gaps = np.nonzero(ids != np.arange(len(ids)))[0]
        return int(gaps[0]) if len(gaps) else len(ids)


def load_requests(path: str) -> Requests:
    df = trace.load(path, "requests", FIELDS)
    order = np.argsort(df["id"].to_numpy(), kind="stable")
    ids = df["id"].to_numpy().astype(np.int64)[order]
    if len(np.unique(ids)) != len(ids):
        raise AssertionError(f"{path}: a request id appears twice in /requests")
    present = np.zeros(int(ids[-1]) + 1 if len(ids) else 0, dtype=bool)
    present[ids] = True
    return Requests(
        id=ids,
        task=df["task_id"].to_numpy()[order],
        arrival=df["arrival_ns"].to_numpy().astype(np.int64)[order],
        start=df["start_ns"].to_numpy().astype(np.int64)[order],
        finish=df["finish_ns"].to_numpy().astype(np.int64)[order],
        dropped=df["dropped"].to_numpy()[order].astype(bool),
        missing=np.nonzero(~present)[0],
    )


def occupancy_integral(arrival: np.ndarray, departure: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The integral from 0 to each of `points` (ns) of N(t), the number of intervals
    [arrival_i, departure_i) containing t — computed by sweeping the sorted arrival and departure
    instants (N is constant between them), independently of how arrivals and departures pair up.
    Returns request-nanoseconds as float64 (exact below 2^53)."""
    times = np.concatenate([arrival, departure])
    steps = np.concatenate([np.ones(len(arrival), np.int64), -np.ones(len(departure), np.int64)])
    order = np.argsort(times, kind="stable")
    times = times[order]
    level = np.cumsum(steps[order])                  # N just after each instant
    widths = np.diff(times).astype(np.float64)       # N is level[k] on [times[k], times[k+1])
    area = np.concatenate([[0.0], np.cumsum(level[:-1] * widths)])
    # The area up to t: the area up to the last instant <= t, plus level there times the rest.
    k = np.searchsorted(times, points, side="right") - 1
    out = np.zeros(len(points))
    inside = k >= 0
    kk = k[inside]
    out[inside] = area[kk] + level[kk] * (points[inside] - times[kk]).astype(np.float64)
    return out
