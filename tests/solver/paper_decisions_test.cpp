// The reconstruction decisions of issue 15 that live in solver/ (README "Reproducing CARIn"):
// (b) the Runtime Manager confirms a processor issue at its first sample (confirm_samples 1),
// (d) a task's deadline is an implicit latency constraint of RASS (period_deadline p90),
// (e) a switch away from d0 on load alone needs the fall-back to be predicted better.
// Each test runs a small scenario where the old behaviour and the new default differ, asserts the
// new default, and the named option restoring the old one. (a) and (c) are analysis decisions:
// tests/cli/test_paper_decisions.py.
#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "sim/engine/engine.h"
#include "sim/sched/registry.h"
#include "solver/carin_scheduler.h"
#include "solver/register.h"
#include "tests/solver/carin_fixtures.h"

namespace socsim::solver {
namespace {

using spec::Metric;
using testing::dnn_task;
using testing::gpu_load;
using testing::minimise;
using testing::switches;

CarinOptions options() {
  CarinOptions o;
  o.profile.inferences = 50;
  return o;
}

std::vector<testing::Switch> run_carin(const spec::ModelLibrary& lib, const spec::Scenario& app, RmOptions rm) {
  const auto soc = testing::tiny_soc();
  CarinScheduler carin(options(), rm);
  trace::MemorySink sink;
  Engine engine(soc, lib, app, carin, sink);
  engine.run({});
  return switches(sink);
}

// One task minimising latency; d0 on the GPU, its processor fall-back on the CPU.
spec::Scenario loaded_gpu_app(double load) {
  auto app = testing::scenario_with({dnn_task("a", "task_a", 30)}, Duration::s(4));
  app.slo.objectives = {minimise(Metric::kLatencyMean)};
  app.events = {gpu_load(1.0, 2.0, load)};
  return app;
}

TEST(PaperDecisionB, ProcessorIssueSwitchesAtTheFirstSampleByDefaultAndAfterThreeWithConfirmSamples3) {
  const auto lib = testing::two_task_library(6000, 4000);  // GPU 4 ms; under 0.9 load ~40 ms > CPU 6 ms
  const auto now = run_carin(lib, loaded_gpu_app(0.9), RmOptions{});
  ASSERT_GE(now.size(), 2u);
  EXPECT_EQ(now[1].reason, "processor_issue");
  EXPECT_NEAR(now[1].at_s, 1.0, 1e-9) << "the sample at the event's instant sees the load";
  RmOptions old;
  old.confirm_samples = 3;
  const auto before = run_carin(lib, loaded_gpu_app(0.9), old);
  ASSERT_GE(before.size(), 2u);
  EXPECT_EQ(before[1].reason, "processor_issue");
  EXPECT_NEAR(before[1].at_s, 1.2, 1e-9) << "three consecutive samples: 1.0, 1.1, 1.2";
}

TEST(PaperDecisionE, ALoadedAcceleratorStillFasterThanTheFallBackIsKept) {
  // GPU 4 ms, CPU 12 ms: under 0.6 load the GPU is predicted at 10 ms, still better than the CPU.
  const auto lib = testing::two_task_library(12000, 4000);
  const auto now = run_carin(lib, loaded_gpu_app(0.6), RmOptions{});
  ASSERT_EQ(now.size(), 1u) << "only the deployment: the fall-back is not predicted better";
  RmOptions old;
  old.predict_switch = false;
  const auto before = run_carin(lib, loaded_gpu_app(0.6), old);
  ASSERT_EQ(before.size(), 3u);
  EXPECT_EQ(before[1].reason, "processor_issue");
  EXPECT_EQ(before[2].reason, "issue_cleared");
}

TEST(PaperDecisionE, AHeavierLoadThatMakesTheFallBackBetterStillSwitchesAndComesBack) {
  const auto lib = testing::two_task_library(12000, 4000);  // under 0.8 load the GPU is predicted at 20 ms
  const auto now = run_carin(lib, loaded_gpu_app(0.8), RmOptions{});
  ASSERT_EQ(now.size(), 3u);
  EXPECT_EQ(now[1].reason, "processor_issue");
  EXPECT_NEAR(now[1].at_s, 1.0, 1e-9);
  EXPECT_EQ(now[2].reason, "issue_cleared");
  EXPECT_GE(now[2].at_s, 3.0 + 0.4 - 1e-9) << "hysteresis kept: five clear samples";
}

// Two variants for task_a on the GPU: "big" (accuracy 80 %, 30 ms) and "small" (70 %, 5 ms).
spec::ModelLibrary accuracy_vs_speed_library() {
  spec::ModelLibrary lib;
  for (const auto& [name, acc, us] : {std::tuple{"big", 80.0, 30000}, std::tuple{"small", 70.0, 5000}}) {
    spec::Variant v;
    v.name = name;
    v.family = "nets";
    v.task = "task_a";
    spec::Build b{spec::Precision::kFp32, acc, 10, {}, {}};
    b.memory_mib = {{spec::ProcessorKind::kCpu, 30.0}, {spec::ProcessorKind::kGpu, 30.0}};
    b.load = {{spec::ProcessorKind::kCpu, Duration::ms(10)}, {spec::ProcessorKind::kGpu, Duration::ms(10)}};
    v.builds.push_back(b);
    lib.variants.push_back(v);
    lib.profiles.push_back(testing::variant_profile(name, "gpu", 0, us));
  }
  return lib;
}

spec::Scenario accuracy_app(double fps) {
  auto app = testing::scenario_with({dnn_task("a", "task_a", fps)}, Duration::s(2));
  app.slo.objectives = {{Metric::kAccuracy, true, 1}};  // no latency term: only the frame deadline knows
  return app;
}

std::string d0_variant(const CarinPlan& plan) {
  return plan.candidates[plan.result.design_set.front().candidate].designs[0].variant;
}

TEST(PaperDecisionD, TheFramePeriodFiltersDesignsThatCannotMeetItUnlessSwitchedOff) {
  const auto soc = testing::tiny_soc();
  const auto lib = accuracy_vs_speed_library();
  const auto app = accuracy_app(60);  // 16.7 ms frames: "big" (30 ms) cannot keep up
  EXPECT_EQ(d0_variant(plan_carin(soc, lib, app, options())), "small");
  CarinOptions old = options();
  old.period_deadline = PeriodDeadline::kOff;
  EXPECT_EQ(d0_variant(plan_carin(soc, lib, app, old)), "big");
  EXPECT_EQ(d0_variant(plan_carin(soc, lib, accuracy_app(20), options())), "big") << "50 ms frames: both fit";
}

TEST(PaperDecisionD, AStatedLatencyBoundOverridesThePeriod) {
  const auto soc = testing::tiny_soc();
  const auto lib = accuracy_vs_speed_library();
  auto app = accuracy_app(60);
  app.slo.constraints = {{Metric::kLatencyP99, spec::Constraint::Op::kLe, 100}};  // the SLO says otherwise
  EXPECT_EQ(d0_variant(plan_carin(soc, lib, app, options())), "big");
  const SloTerms terms = slo_terms(app, PeriodDeadline::kP90);
  EXPECT_EQ(terms.constraints.size(), 1u);
}

TEST(PaperDecisionD, AnImplicitDeadlineNoDesignMeetsIsDroppedAndSaid) {
  const auto soc = testing::tiny_soc();
  const auto lib = accuracy_vs_speed_library();
  const CarinPlan plan = plan_carin(soc, lib, accuracy_app(400), options());  // 2.5 ms: nothing fits
  EXPECT_EQ(d0_variant(plan), "big");
  ASSERT_FALSE(plan.result.missing.empty());
  EXPECT_EQ(plan.result.missing.front(), "no design meets the implicit deadline constraints: ignored");
}

TEST(PaperDecisionD, TailAndDeadlineMissConstraintsFilterOnTheProfiledNumbers) {
  const auto soc = testing::tiny_soc();
  const auto lib = accuracy_vs_speed_library();
  auto app = accuracy_app(60);
  app.slo.constraints = {{Metric::kDeadlineMiss, spec::Constraint::Op::kLe, 0.05}};
  const CarinPlan plan = plan_carin(soc, lib, app, options());
  EXPECT_EQ(d0_variant(plan), "small");
  for (const auto& c : plan.candidates) {
    const double miss = at(c.task_metrics[0], Metric::kDeadlineMiss);
    EXPECT_DOUBLE_EQ(miss, c.designs[0].variant == "big" ? 1.0 : 0.0) << c.designs[0].variant;
  }
  app.slo.constraints = {{Metric::kLatencyP99, spec::Constraint::Op::kLe, 10}};
  EXPECT_EQ(d0_variant(plan_carin(soc, lib, app, options())), "small");
}

TEST(PaperDecisionD, AnUnknownPeriodDeadlineIsAConfigErrorNamingTheParameter) {
  sched::Registry registry;
  register_builtin_schedulers(registry);
  try {
    registry.params("carin", {{"period_deadline", "p95"}}, "x.json");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("/scheduler/params/period_deadline"), std::string::npos) << what;
    EXPECT_NE(what.find("unknown value \"p95\""), std::string::npos) << what;
  }
  EXPECT_NO_THROW(registry.params("oodin", {{"period_deadline", "off"}}, "x.json"));
}

}  // namespace
}  // namespace socsim::solver
