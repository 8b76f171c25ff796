#include "solver/profiler.h"

#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "solver/design_space.h"
#include "tests/solver/carin_fixtures.h"

namespace socsim::solver {
namespace {

using spec::Metric;
using testing::design;
using testing::dnn_task;

TEST(DesignSpace, EnumeratesTheTasksProfiledDesignsOnThisSocInCanonicalOrder) {
  auto lib = testing::two_task_library(6000, 4000);
  auto other = testing::variant_profile("net_a", "cpu", 2, 9000);
  other.soc = "elsewhere";  // another SoC's profile is not part of this space
  lib.profiles.push_back(other);
  const auto designs = enumerate_designs(testing::tiny_soc(), lib, dnn_task("a", "task_a", 30));
  ASSERT_EQ(designs.size(), 2u);
  EXPECT_EQ(designs[0], design("net_a", "cpu", 4));
  EXPECT_EQ(designs[1], design("net_a", "gpu", 0));
  spec::Task nameless = dnn_task("x", "", 30);
  EXPECT_THROW(enumerate_designs(testing::tiny_soc(), lib, nameless), RunError);
}

TEST(Profiler, IsolatedDesignMeasuresItsProfiledLatencyAndTheLibrarysBuildFacts) {
  const auto soc = testing::tiny_soc();
  const auto lib = testing::two_task_library(6000, 4000);
  const auto app = testing::scenario_with({dnn_task("a", "task_a", 30)}, Duration::s(1));
  Profiler profiler(soc, lib, app, {50, 2, Duration{}});
  const auto m = profiler.profile({0}, {design("net_a", "gpu", 0)}).at(0);
  // Deterministic 4 ms inferences back to back: every latency is 4 ms, 250 per second.
  EXPECT_NEAR(at(m, Metric::kLatencyMean), 4.0, 1e-6);
  EXPECT_NEAR(at(m, Metric::kLatencyP99), 4.0, 1e-6);
  EXPECT_NEAR(at(m, Metric::kLatencySd), 0.0, 1e-6);
  EXPECT_NEAR(at(m, Metric::kThroughput), 250.0, 1e-3);
  EXPECT_DOUBLE_EQ(at(m, Metric::kMemory), 40.0);  // the GPU build's resident memory
  EXPECT_DOUBLE_EQ(at(m, Metric::kAccuracy), 70.0);
  EXPECT_EQ(profiler.cost().runs, 1u);
  EXPECT_EQ(profiler.cost().inferences, 52u);
  profiler.profile({0}, {design("net_a", "gpu", 0)});
  EXPECT_EQ(profiler.cost().runs, 1u) << "a second request is served from the cache";
}

TEST(Profiler, TwoTasksCoExecutedOnOneAcceleratorWaitForEachOther) {
  const auto soc = testing::tiny_soc();
  const auto lib = testing::two_task_library(6000, 4000);
  const auto app = testing::scenario_with({dnn_task("a", "task_a", 30), dnn_task("b", "task_b", 30)}, Duration::s(1));
  Profiler profiler(soc, lib, app, {50, 2, Duration{}});
  const auto shared = profiler.profile({0, 1}, {design("net_a", "gpu", 0), design("net_b", "gpu", 0)});
  // FIFO GPU, two closed loops: each inference waits for the other task's one: 8 ms, 125/s each.
  for (const auto& m : shared) {
    EXPECT_NEAR(at(m, Metric::kLatencyMean), 8.0, 0.1);
    EXPECT_NEAR(at(m, Metric::kThroughput), 125.0, 2.0);
  }
  const auto split = profiler.profile({0, 1}, {design("net_a", "gpu", 0), design("net_b", "cpu", 4)});
  EXPECT_NEAR(at(split[0], Metric::kLatencyMean), 4.0, 1e-6);
  EXPECT_NEAR(at(split[1], Metric::kLatencyMean), 6.0, 1e-6);
  const MetricVector app_metrics = profiler.aggregate({design("net_a", "gpu", 0), design("net_b", "cpu", 4)}, split);
  EXPECT_DOUBLE_EQ(at(app_metrics, Metric::kMemory), 70.0);  // 40 (GPU) + 30 (CPU)
  EXPECT_DOUBLE_EQ(at(app_metrics, Metric::kSize), 20.0);    // two distinct files of 10 MiB
  EXPECT_NEAR(at(app_metrics, Metric::kLatencyMean), 6.0, 1e-6);  // the worst task's
}

TEST(Profiler, AModelThatCannotLoadIsAnErrorNamingTheDesign) {
  auto soc = testing::tiny_soc();
  soc.memory.app_memory_mib = 20;  // less than any build needs
  const auto lib = testing::two_task_library(6000, 4000);
  const auto app = testing::scenario_with({dnn_task("a", "task_a", 30)}, Duration::s(1));
  Profiler profiler(soc, lib, app);
  try {
    profiler.profile({0}, {design("net_a", "gpu", 0)});
    FAIL() << "expected RunError";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("net_a/fp32@gpu"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace socsim::solver
