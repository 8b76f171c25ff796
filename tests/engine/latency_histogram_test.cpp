#include "sim/engine/latency_histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/core/rng.h"

namespace socsim {
namespace {

TEST(LatencyHistogram, SmallValuesAreExact) {
  LatencyHistogram h;
  for (int64_t v = 1; v <= 100; ++v) h.add(v);
  EXPECT_EQ(h.quantile_ns(0.5), 50);
  EXPECT_EQ(h.quantile_ns(0.9), 90);
  EXPECT_EQ(h.quantile_ns(1.0), 100);
}

TEST(LatencyHistogram, QuantilesWithinRelativeResolutionOfExactOrderStatistics) {
  LatencyHistogram h;
  std::vector<int64_t> values;
  RngStream r(5, "hist");
  for (int i = 0; i < 50000; ++i) {
    const auto v = static_cast<int64_t>(r.lognormal_mean_sd(12e6, 3e6));  // ~12 ms latencies
    values.push_back(v);
    h.add(v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.5, 0.9, 0.99}) {
    const auto rank = static_cast<size_t>(std::ceil(q * values.size())) - 1;
    const double exact = static_cast<double>(values[rank]);
    EXPECT_NEAR(h.quantile_ns(q), exact, exact * std::ldexp(1.0, -LatencyHistogram::kSubBits)) << "q=" << q;
  }
}

TEST(LatencyHistogram, EmptyHistogramReportsZero) {
  LatencyHistogram h;
  EXPECT_EQ(h.quantile_ns(0.99), 0);
  EXPECT_EQ(h.count(), 0u);
}

}  // namespace
}  // namespace socsim
