// Loading scenarios with the SoC and library they name: conversion, defaults and the cross-checks
// of every task's design.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/config/config_test_support.h"

namespace socsim::config {
namespace {

using spec::Arrival;
using spec::Precision;
using testing::diagnostics_of;
using testing::fixture;
using testing::has_diagnostic;

// The diagnostics of loading scenarios/<name>.
std::vector<Diagnostic> scenario_errors(const std::string& name) {
  return diagnostics_of([&] { load_scenario(fixture("scenarios/" + name)); });
}

TEST(ScenarioLoader, LoadsTasksDesignsAndTheNamedFiles) {
  const LoadedScenario s = load_scenario(fixture("scenarios/valid.json"));
  const spec::Scenario& sc = s.scenario;
  EXPECT_EQ(sc.name, "valid");
  EXPECT_EQ(sc.file, fixture("scenarios/valid.json"));
  EXPECT_EQ(sc.soc_path, fixture("socs/tiny.json"));  // resolved beside the scenario, normalised
  EXPECT_EQ(sc.models_path, fixture("models"));
  EXPECT_EQ(s.soc.file, sc.soc_path);
  EXPECT_EQ(s.models.root, sc.models_path);
  EXPECT_EQ(s.soc.name, "tinysoc");
  EXPECT_EQ(sc.duration, Duration::ms(2500));
  ASSERT_EQ(sc.tasks.size(), 2u);
  const spec::Task& voice = sc.tasks[1];
  EXPECT_EQ(voice.arrival.kind, Arrival::Kind::kPoisson);
  EXPECT_DOUBLE_EQ(voice.arrival.rate_hz, 5);
  EXPECT_EQ(voice.arrival.offset, Duration::ms(100));
  EXPECT_EQ(voice.deadline, Duration::ms(50));
  EXPECT_EQ(voice.max_queue, 4);
  ASSERT_TRUE(voice.design.has_value());
  EXPECT_EQ(*voice.design, (spec::Design{"tiny_a", Precision::kFx8, "npu", 0}));
  EXPECT_EQ(*sc.tasks[0].design, (spec::Design{"tiny_a", Precision::kFp32, "cpu", 4}));
}

TEST(ScenarioLoader, NamedFilesStayRelativeWhenTheScenarioPathIs) {
  namespace fs = std::filesystem;
  const std::string path = fs::relative(fixture("scenarios/valid.json")).string();
  const LoadedScenario s = load_scenario(path);
  EXPECT_EQ(s.scenario.file, path);  // as the user gave it
  EXPECT_EQ(s.scenario.soc_path, fs::relative(fixture("socs/tiny.json")).string());
  EXPECT_EQ(s.soc.file, s.scenario.soc_path);
  EXPECT_EQ(s.scenario.models_path, fs::relative(fixture("models")).string());
}

TEST(ScenarioLoader, SchedulerParametersAreKeptAsText) {
  const spec::Scenario sc = load_scenario(fixture("scenarios/valid.json")).scenario;
  EXPECT_EQ(sc.scheduler.name, "fixed");
  EXPECT_EQ(sc.scheduler.params, (std::map<std::string, std::string>{
                                     {"alpha", "0.5"}, {"count", "3"}, {"greedy", "true"}, {"mode", "fast"}}));
}

TEST(ScenarioLoader, DefaultsAreFilledIn) {
  const spec::Scenario sc = load_scenario(fixture("scenarios/minimal.json")).scenario;
  EXPECT_EQ(sc.seed, 1u);
  EXPECT_EQ(sc.scheduler.name, "fixed");
  EXPECT_TRUE(sc.scheduler.params.empty());
  EXPECT_EQ(sc.description, "");
  const spec::Task& camera = sc.tasks[0];
  EXPECT_EQ(camera.max_queue, 16);
  EXPECT_EQ(camera.arrival.offset, Duration());
  EXPECT_EQ(camera.deadline, Duration::ms(25));    // the period at 40 fps
  EXPECT_FALSE(sc.tasks[1].deadline.has_value());  // none for Poisson arrivals
}

TEST(ScenarioLoader, UnknownEngineListsKnownProcessors) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("unknown_engine.json"),
                             {"scenarios/unknown_engine.json: error: /tasks/1/design/engine: unknown processor "
                              "\"npu0\" (expected one of: cpu, gpu, npu; did you mean \"npu\"?)"}));
}

TEST(ScenarioLoader, UnknownVariantListsKnownVariants) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("unknown_variant.json"),
                             {"scenarios/unknown_variant.json: error: /tasks/0/design/variant: unknown variant "
                              "\"tiny_c\" (expected one of: tiny_a, tiny_b, vista_a)"}));
}

TEST(ScenarioLoader, MissingBuildListsTheBuiltPrecisions) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("missing_build.json"),
                             {"/tasks/0/design/precision: variant \"tiny_a\" has no dr8 build (expected one of: fp32, "
                              "fp16, fx8)"}));
}

TEST(ScenarioLoader, MissingProfileListsTheProfiledEngines) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("missing_profile.json"),
                             {"scenarios/missing_profile.json: error: /tasks/0/design: no latency profile for "
                              "tiny_a/fp32@cpu:2t on SoC \"tinysoc\" (expected one of the profiled engines: cpu:1t, "
                              "cpu:4t, gpu)"}));
}

TEST(ScenarioLoader, ThreadsOnAnAcceleratorAreRejected) {
  EXPECT_TRUE(
      has_diagnostic(scenario_errors("threads_on_accelerator.json"),
                     {"/tasks/1/design/threads: threads given for npu engine \"npu\" (expected no \"threads\""}));
}

TEST(ScenarioLoader, CpuDesignsNeedThreads) {
  EXPECT_TRUE(
      has_diagnostic(scenario_errors("missing_threads.json"),
                     {"/tasks/0/design: missing key \"threads\" for cpu engine \"cpu\" (expected 1..6 threads)"}));
}

TEST(ScenarioLoader, TooManyThreadsForTheCpuAreRejected) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("too_many_threads.json"),
                             {"scenarios/too_many_threads.json: error: /tasks/0/design/threads: 8 threads exceed the 6 "
                              "cores of processor \"cpu\" (expected 1..6 threads)"}));
}

TEST(ScenarioLoader, EngineMustRunThePrecision) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("precision_on_wrong_engine.json"),
                             {"/tasks/1/design/precision: gpu engine \"gpu\" does not run fx8"}));
}

TEST(ScenarioLoader, DuplicateTaskNamesAreRejected) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("duplicate_task_names.json"),
                             {"scenarios/duplicate_task_names.json: error: /tasks/1/name: duplicate task name "
                              "\"camera\" (first at /tasks/0/name"}));
}

TEST(ScenarioLoader, FixedSchedulerNeedsADesignForEveryTask) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("fixed_without_design.json"),
                             {"/tasks/1: the fixed scheduler needs a design for every task"}));
}

TEST(ScenarioLoader, DeadlineThatRoundsToZeroNsIsRejected) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("deadline_rounds_to_zero.json"),
                             {"scenarios/deadline_rounds_to_zero.json: error: /tasks/1/deadline_ms: 1e-07 ms rounds "
                              "to 0 ns (expected 0 or at least 1e-06 ms"}));
}

TEST(ScenarioLoader, OffsetBeyondInt64NanosecondsIsRejected) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("offset_overflows.json"),
                             {"/tasks/1/arrival/offset_ms: 1e+300 ms does not fit in 64-bit nanoseconds"}));
}

TEST(ScenarioLoader, MissingSocFileIsReportedAtSlashSocWithTheResolvedPath) {
  auto diags = scenario_errors("missing_soc.json");
  ASSERT_EQ(diags.size(), 1u) << testing::listing(diags);
  EXPECT_EQ(diags[0].file, fixture("scenarios/missing_soc.json"));
  EXPECT_EQ(diags[0].pointer, "/soc");
  EXPECT_TRUE(has_diagnostic(diags, {"SoC file \"" + fixture("socs/nope.json") + "\" does not exist"}));
}

TEST(ScenarioLoader, MissingModelsFolderIsReportedAtSlashModels) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("missing_models.json"),
                             {"/models: model library folder \"" + fixture("no_models") + "\" does not exist"}));
}

TEST(ScenarioLoader, ErrorsInTheNamedSocAreReportedAgainstTheSocFile) {
  auto diags = scenario_errors("broken_soc.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/broken_soc.json: error: /tasks/1/name: duplicate task name"}));
  EXPECT_TRUE(has_diagnostic(diags, {"socs/broken.json: error: /processors/1: missing key \"dvfs\""}));
}

TEST(CheckScenario, AcceptsTheLoadedScenario) {
  EXPECT_NO_THROW(check_scenario(load_scenario(fixture("scenarios/valid.json"))));
}

TEST(CheckScenario, RechecksDesignsAfterOverrides) {
  LoadedScenario s = load_scenario(fixture("scenarios/valid.json"));
  s.scenario.tasks[0].design->threads = 2;
  EXPECT_TRUE(
      has_diagnostic(diagnostics_of([&] { check_scenario(s); }),
                     {"scenarios/valid.json: error: /tasks/0/design: no latency profile for tiny_a/fp32@cpu:2t"}));
}

TEST(CheckScenario, RechecksTheFixedSchedulerAndTheDuration) {
  LoadedScenario s = load_scenario(fixture("scenarios/valid.json"));
  s.scenario.tasks[1].design.reset();
  s.scenario.duration = Duration();
  auto diags = diagnostics_of([&] { check_scenario(s); });
  EXPECT_TRUE(has_diagnostic(diags, {"/tasks/1: the fixed scheduler needs a design for every task"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/duration_s: 0 s is not positive"}));
  s.scenario.scheduler.name = "rass";  // unknown names are the scheduler registry's business
  s.scenario.duration = Duration::s(1);
  EXPECT_NO_THROW(check_scenario(s));
}

}  // namespace
}  // namespace socsim::config
