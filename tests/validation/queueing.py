"""Closed-form queueing results and the batch-means estimator the validation suite compares with.

Times in seconds, rates in 1/s. Every formula is the textbook one (e.g. Kleinrock, Queueing
Systems vol. 1, 1975; Gross & Harris, Fundamentals of Queueing Theory):

- M/G/1, Pollaczek–Khinchine: Wq = rho / (1 - rho) * (1 + cs2) / 2 * E[S], with cs2 the squared
  coefficient of variation of the service time (0 for M/D/1, 1 for M/M/1); P(wait > 0) = rho.
- M/M/1: W = 1 / (mu - lambda) (sojourn), Wq = rho / (mu - lambda).
- M/M/c, Erlang C: with a = lambda / mu and rho = a / c < 1,
  C(c, a) = (a^c / c! / (1 - rho)) / (sum_{k<c} a^k / k! + a^c / c! / (1 - rho)) = P(wait > 0),
  Wq = C(c, a) / (c mu - lambda).
In every case W = Wq + E[S] and, by Little's law, Lq = lambda Wq and L = lambda W.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class Theory:
    wait_s: float        # mean time in queue, Wq
    sojourn_s: float     # mean time in system, W = Wq + E[S]
    p_wait: float        # P(an arrival waits), by PASTA the probability all servers are busy
    in_system: float     # L = lambda W


def erlang_c(c: int, a: float) -> float:
    """P(wait > 0) in M/M/c with offered load a = lambda / mu (Erlang's C formula)."""
    rho = a / c
    if not 0 <= rho < 1:
        raise ValueError(f"M/M/{c} with offered load {a} is not stable")
    term = 1.0
    head = 0.0
    for k in range(c):  # term = a^k / k!
        head += term
        term *= a / (k + 1)
    tail = term / (1 - rho)  # a^c / c! / (1 - rho)
    return tail / (head + tail)


def mg1(rate_hz: float, service_s: float, cs2: float) -> Theory:
    """M/G/1 by Pollaczek–Khinchine."""
    rho = rate_hz * service_s
    if not 0 <= rho < 1:
        raise ValueError(f"M/G/1 at rho = {rho} is not stable")
    wq = rho / (1 - rho) * (1 + cs2) / 2 * service_s
    return Theory(wq, wq + service_s, rho, rate_hz * (wq + service_s))


def mmc(c: int, rate_hz: float, service_s: float) -> Theory:
    """M/M/c by Erlang C."""
    mu = 1 / service_s
    p = erlang_c(c, rate_hz / mu)
    wq = p / (c * mu - rate_hz)
    return Theory(wq, wq + service_s, p, rate_hz * (wq + service_s))


@dataclass(frozen=True)
class Estimate:
    mean: float
    half_width: float  # of the 95 % confidence interval
    batches: int
    batch_size: int
    lag1: float        # lag-1 autocorrelation of the batch means (should be near 0)

    def contains(self, value: float) -> bool:
        # 1e-12 relative: floating-point rounding only (a zero-width CI of identical values).
        return abs(self.mean - value) <= self.half_width + 1e-12 * abs(value)


def batch_means(values: np.ndarray, batches: int, level: float = 0.95) -> Estimate:
    """Mean and Student-t confidence interval of a stationary series by non-overlapping batch means.

    The series (one value per customer, in arrival order, warm-up already removed) is cut into
    `batches` consecutive batches of equal size (the remainder at the end is left out); the batch
    means are treated as independent normal samples. Valid when a batch is much longer than the
    series' correlation time, which lag1 checks.
    """
    values = np.asarray(values, dtype=float)
    size = len(values) // batches
    if size < 1:
        raise ValueError(f"{len(values)} values are too few for {batches} batches")
    means = values[: size * batches].reshape(batches, size).mean(axis=1)
    grand = float(means.mean())
    sd = float(means.std(ddof=1))
    half = float(stats.t.ppf(0.5 + level / 2, batches - 1)) * sd / math.sqrt(batches)
    centred = means - grand
    denom = float(np.dot(centred, centred))
    lag1 = float(np.dot(centred[:-1], centred[1:]) / denom) if denom > 0 else 0.0
    return Estimate(grand, half, batches, size, lag1)


def self_check() -> None:
    """The formulas agree where they must (raises AssertionError otherwise)."""
    for rho in (0.3, 0.5, 0.8, 0.95):
        s = 0.01
        mm1 = mg1(rho / s, s, 1.0)
        assert math.isclose(mm1.sojourn_s, 1 / (1 / s - rho / s), rel_tol=1e-12)        # 1 / (mu - lambda)
        assert math.isclose(mmc(1, rho / s, s).wait_s, mm1.wait_s, rel_tol=1e-12)         # Erlang C, c = 1
        assert math.isclose(erlang_c(1, rho), rho, rel_tol=1e-12)
        assert math.isclose(mg1(rho / s, s, 0.0).wait_s * 2, mm1.wait_s, rel_tol=1e-12)   # M/D/1 waits half
    # A tabulated value: C(2, 1.6) = 1.6^2 / 2 / 0.2 / (1 + 1.6 + 6.4) = 6.4 / 9 (Erlang C, c = 2, rho = 0.8).
    assert math.isclose(erlang_c(2, 1.6), 6.4 / 9, rel_tol=1e-12)
    rng = np.random.default_rng(1)
    e = batch_means(rng.normal(5.0, 1.0, 200_000), 20)
    assert e.contains(5.0) and e.half_width < 0.02, e


if __name__ == "__main__":
    self_check()
    print("queueing: formulas consistent")
