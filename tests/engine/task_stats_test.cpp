// TaskStats: the warm-up window leaves requests out of the latency statistics only.
#include "sim/engine/task_stats.h"

#include <gtest/gtest.h>

namespace socsim {
namespace {

constexpr int64_t kMs = 1'000'000;

TEST(TaskStats, DefaultWarmupEndsAtTheFirstCompletion) {
  TaskStats s;
  for (int i = 0; i < 4; ++i) s.arrived();
  s.completed(0, 100 * kMs, true);           // the cold start: model load + inference
  s.completed(30 * kMs, 101 * kMs, true);    // arrived during the load: warm-up too
  s.completed(120 * kMs, 122 * kMs, false);  // steady state
  s.completed(150 * kMs, 154 * kMs, false);
  const auto sum = s.summary(0, 1.0);
  EXPECT_EQ(sum.completed, 4u);
  EXPECT_EQ(sum.violated, 2u);  // counters keep every request
  EXPECT_EQ(sum.throughput_hz, 4.0);
  EXPECT_EQ(sum.warmup_completed, 2u);
  EXPECT_DOUBLE_EQ(sum.warmup_end_ms, 100.0);
  EXPECT_DOUBLE_EQ(sum.cold_start_ms, 100.0);
  EXPECT_DOUBLE_EQ(sum.latency_mean_ms, 3.0);  // (2 + 4) / 2
  EXPECT_NEAR(sum.latency_sd_ms, 1.41421356, 1e-6);
  EXPECT_LE(sum.latency_mean_ms, sum.latency_p99_ms);
}

TEST(TaskStats, ExplicitWarmupZeroKeepsEverything) {
  TaskStats s;
  s.set_warmup_end(0);
  s.arrived();
  s.arrived();
  s.completed(0, 100 * kMs, false);
  s.completed(120 * kMs, 122 * kMs, false);
  const auto sum = s.summary(0, 1.0);
  EXPECT_EQ(sum.warmup_completed, 0u);
  EXPECT_DOUBLE_EQ(sum.latency_mean_ms, 51.0);
  EXPECT_DOUBLE_EQ(sum.cold_start_ms, 100.0);
}

TEST(TaskStats, ExplicitWarmupWindowByArrivalTime) {
  TaskStats s;
  s.set_warmup_end(1000 * kMs);
  for (int64_t a : {0LL, 500LL, 999LL, 1000LL, 1500LL}) {
    s.arrived();
    s.completed(a * kMs, a * kMs + 10 * kMs, false);
  }
  const auto sum = s.summary(0, 2.0);
  EXPECT_EQ(sum.warmup_completed, 3u);
  EXPECT_EQ(sum.completed, 5u);
  EXPECT_DOUBLE_EQ(sum.latency_mean_ms, 10.0);
  EXPECT_DOUBLE_EQ(sum.warmup_end_ms, 1000.0);
}

}  // namespace
}  // namespace socsim
