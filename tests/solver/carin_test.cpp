#include "solver/carin_scheduler.h"

#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "sim/engine/engine.h"
#include "solver/fixed_scheduler.h"
#include "tests/solver/carin_fixtures.h"

namespace socsim::solver {
namespace {

using spec::Metric;
using testing::design;
using testing::dnn_task;
using testing::gpu_load;
using testing::switches;
using testing::minimise;

CarinOptions options() {
  CarinOptions o;
  o.profile.inferences = 50;
  return o;
}

// Two tasks that each run best on the GPU alone (4 ms vs 6 ms on the CPU), minimising latency.
spec::Scenario two_task_app(double fps) {
  auto sc = testing::scenario_with({dnn_task("a", "task_a", fps), dnn_task("b", "task_b", fps)}, Duration::s(5));
  sc.slo.objectives = {minimise(Metric::kLatencyMean)};
  return sc;
}

TEST(Carin, ContentionAwareTupleDiffersFromSolvingEachTaskAloneAndIsBetterInSimulation) {
  const auto soc = testing::tiny_soc();
  const auto lib = testing::two_task_library(6000, 4000);
  auto app = two_task_app(150);
  const CarinPlan plan = plan_carin(soc, lib, app, options());
  // Alone each task picks the GPU; co-executed, both on the FIFO GPU wait for each other
  // (8 ms each), so RASS splits them: 4 ms on the GPU and 6 ms on the CPU.
  EXPECT_EQ(plan.independent, (std::vector<spec::Design>{design("net_a", "gpu", 0), design("net_b", "gpu", 0)}));
  const auto& d0 = plan.candidates[plan.result.design_set.front().candidate].designs;
  EXPECT_NE(d0, plan.independent);
  EXPECT_NE(d0[0].engine, d0[1].engine);

  // Run both tuples at 150 fps each (6.7 ms apart): the GPU cannot serve 2 x 4 ms per period.
  const auto simulate = [&](const std::vector<spec::Design>& tuple) {
    for (size_t t = 0; t < tuple.size(); ++t) app.tasks[t].design = tuple[t];
    FixedScheduler fixed;
    trace::NullSink sink;
    Engine engine(soc, lib, app, fixed, sink);
    return engine.run({});
  };
  const auto aware = simulate(d0), unaware = simulate(plan.independent);
  for (size_t t = 0; t < 2; ++t) {
    EXPECT_LT(aware.tasks[t].violated, unaware.tasks[t].violated / 10) << "task " << t;
    EXPECT_LE(aware.tasks[t].latency_mean_ms, 6.5);  // 4 or 6 ms; the first requests wait for the model load
  }
  EXPECT_GT(unaware.tasks[0].latency_mean_ms + unaware.tasks[1].latency_mean_ms, 2 * 6.0);
}

TEST(Carin, SingleDnnPlanProfilesEveryDesignOnceAndStoresOnlyTheDesignSet) {
  const auto soc = testing::tiny_soc();
  const auto lib = testing::two_task_library(6000, 4000);
  auto app = testing::scenario_with({dnn_task("a", "task_a", 30)}, Duration::s(1));
  app.slo.objectives = {minimise(Metric::kLatencyMean)};
  const CarinPlan plan = plan_carin(soc, lib, app, options());
  EXPECT_EQ(plan.cost.runs, 2u);
  ASSERT_EQ(plan.result.ranked.size(), 2u);
  EXPECT_EQ(plan.candidates[plan.result.ranked[0]].designs[0], design("net_a", "gpu", 0));
  EXPECT_EQ(plan.candidates[plan.result.ranked[1]].designs[0], design("net_a", "cpu", 4));
}

// A single-task app's whole SLO is the task's: an app-wide lower bound on accuracy binds its
// independent design too, which is then d0. net_a (75 %) and net_a_lite (70 %, faster): with
// accuracy >= 72 % only net_a qualifies, the fastest being net_a on the GPU.
TEST(Carin, SingleTaskIndependentDesignIsD0UnderTheWholeSlo) {
  const auto soc = testing::tiny_soc();
  auto lib = testing::two_task_library(8000, 4000);
  lib.variants[0].builds[0].accuracy_pct = 75;
  spec::Variant lite = lib.variants[0];
  lite.name = "net_a_lite";
  lite.builds[0].accuracy_pct = 70;
  lib.variants.push_back(lite);
  lib.profiles.push_back(testing::variant_profile("net_a_lite", "gpu", 0, 3000));
  auto app = testing::scenario_with({dnn_task("a", "task_a", 30)}, Duration::s(1));
  app.slo.objectives = {minimise(Metric::kLatencyMean)};
  app.slo.constraints = {{Metric::kAccuracy, spec::Constraint::Op::kGe, 72}};
  const CarinPlan plan = plan_carin(soc, lib, app, options());
  const auto& d0 = plan.candidates[plan.result.design_set.front().candidate].designs;
  EXPECT_EQ(d0, std::vector<spec::Design>{design("net_a", "gpu", 0)});
  EXPECT_EQ(plan.independent, d0);
}

TEST(Carin, DesignFilterRestrictsEveryTasksSpace) {
  const auto soc = testing::tiny_soc();
  const auto lib = testing::two_task_library(6000, 4000);
  auto app = two_task_app(30);
  CarinOptions o = options();
  o.keep = [](size_t task, const spec::Design& d) { return task == 1 || d.engine == "cpu"; };
  const CarinPlan plan = plan_carin(soc, lib, app, o);
  EXPECT_EQ(plan.space_sizes, (std::vector<size_t>{1, 2}));
  for (const auto& c : plan.candidates) EXPECT_EQ(c.designs[0].engine, "cpu");
  o.keep = [](size_t, const spec::Design&) { return false; };
  EXPECT_THROW(plan_carin(soc, lib, app, o), RunError);
}

TEST(Carin, RuntimeManagerSwitchesToTheFallBackWithinTheConfirmationWindowAndBackWhenTheIssueClears) {
  const auto soc = testing::tiny_soc();
  const auto lib = testing::two_task_library(6000, 4000);
  auto app = testing::scenario_with({dnn_task("a", "task_a", 30)}, Duration::s(10));
  app.slo.objectives = {minimise(Metric::kLatencyMean)};
  app.events = {gpu_load(2.0, 3.0, 0.9),   // a real issue: 3 s of load on d0's GPU
                gpu_load(7.0, 0.15, 0.9)};  // a blip shorter than the 3-sample confirmation
  RmOptions rm;
  rm.confirm_samples = 3;  // the default confirms at once (tests/solver/paper_decisions_test.cpp)
  CarinScheduler carin(options(), rm);
  trace::MemorySink sink;
  Engine engine(soc, lib, app, carin, sink);
  engine.run({});
  const auto s = switches(sink);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].reason, "deploy");
  EXPECT_DOUBLE_EQ(s[0].at_s, 0.0);
  EXPECT_EQ(s[1].reason, "processor_issue");
  EXPECT_GE(s[1].at_s, 2.0);
  EXPECT_LE(s[1].at_s, 2.0 + 3 * 0.1 + 1e-9);  // within the confirmation window
  EXPECT_EQ(s[2].reason, "issue_cleared");
  EXPECT_GE(s[2].at_s, 5.0);
  EXPECT_LE(s[2].at_s, 5.0 + 5 * 0.1 + 1e-9);  // within the hysteresis window
  EXPECT_EQ(s[2].to, s[0].to);                 // back to d0
  EXPECT_EQ(sink.summary.switches, 2u);
  EXPECT_NEAR(static_cast<double>(sink.summary.switch_time_ns), 2 * 10e6, 1) << "two 10 ms model loads";
  EXPECT_DOUBLE_EQ(sink.summary.storage_mib, 10.0) << "one model file serves both designs";
  // Between the switches the task ran on the CPU fall-back, before and after on the GPU.
  for (const auto& e : sink.executions) {
    const double t = static_cast<double>(e.start_ns) * 1e-9;
    const bool on_fallback = t > s[1].at_s + 0.011 && t < s[2].at_s;
    if (t > 0.011 && t < s[1].at_s) {
      EXPECT_EQ(e.processor, 1) << t;
    }
    if (on_fallback) {
      EXPECT_EQ(e.processor, 0) << t;
    }
  }
}

TEST(Carin, MemoryPressureBelowTheFootprintSwitchesToTheSmallerDesignAndBack) {
  const auto soc = testing::tiny_soc();
  const auto lib = testing::two_task_library(6000, 4000);
  auto app = testing::scenario_with({dnn_task("a", "task_a", 30)}, Duration::s(6));
  app.slo.objectives = {minimise(Metric::kLatencyMean)};
  spec::RuntimeEvent pressure;
  pressure.kind = spec::RuntimeEvent::Kind::kMemoryPressure;
  pressure.at = Duration::s(2);
  pressure.duration = Duration::s(2);
  pressure.value = 35;  // the GPU design needs 40 MiB, the CPU one 30
  app.events = {pressure};
  CarinOptions opts = options();
  opts.rass.memory_budget_mib = 35;
  CarinScheduler carin(opts, RmOptions{});
  trace::MemorySink sink;
  Engine engine(soc, lib, app, carin, sink);
  engine.run({});
  const auto s = switches(sink);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1].reason, "memory_issue");
  EXPECT_NEAR(s[1].at_s, 2.0, 1e-9);  // the first sample that sees it
  EXPECT_EQ(s[2].reason, "issue_cleared");
  EXPECT_NEAR(s[2].at_s, 4.4, 1e-9);  // five clear samples: 4.0 .. 4.4
}

}  // namespace
}  // namespace socsim::solver
