"""Confidence intervals, the one Python implementation (socsim's C++ one: sim/cli/compare_stats.h).

``ci95(values)`` is the half-width of the two-sided 95 % confidence interval of the mean,
Student t with n-1 degrees of freedom (scipy.stats.t): t(0.975, n-1) * s / sqrt(n). Fewer than
two finite values have no interval: NaN (matplotlib draws no error bar, CSV shows an empty cell).
"""
import math

import numpy as np
from scipy import stats

CI_METHOD = "two-sided 95 % CI of the mean, Student t with n-1 degrees of freedom"


def t_quantile(p: float, dof: int) -> float:
    """The p-quantile of Student's t distribution with `dof` degrees of freedom."""
    return float(stats.t.ppf(p, dof))


def ci95(values) -> float:
    """Half-width of the 95 % confidence interval of the mean of the finite `values`."""
    v = [float(x) for x in values if math.isfinite(x)]
    if len(v) < 2:
        return math.nan
    return t_quantile(0.975, len(v) - 1) * float(np.std(v, ddof=1)) / math.sqrt(len(v))
