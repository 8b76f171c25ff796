"""analysis/stats.py (scipy) gives the same 95 % confidence intervals as the published t table.

The table: two-sided 95 % critical values t(0.975, dof), dof = 1..29, as printed (3 decimals) in
the NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2. socsim's C++ side is tested
against the same values in tests/run/compare_stats_test.cpp.
"""
import math
import sys

import numpy as np

from common import ROOT, done, expect

sys.path.insert(0, ROOT)
from analysis import stats  # noqa: E402

TABLE = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
         2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045]

for n in range(2, 31):
    x = [10 + 1.5 * (i % 3) for i in range(n)]
    se = float(np.std(x, ddof=1)) / math.sqrt(n)
    got = stats.ci95(x) / se
    expect(abs(got - TABLE[n - 2]) < 5e-4, f"n={n}: half-width / standard error {got:.5f}, table {TABLE[n - 2]}")
expect(math.isnan(stats.ci95([3.0])), "one value has no interval")
expect(math.isnan(stats.ci95([3.0, float("nan")])), "non-finite values are left out")
done("test_stats")
