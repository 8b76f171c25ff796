// The optional parts of a scenario: SLOs, optimality, accelerator sharing, runtime events, the
// DVFS policy, trace options and each task's dnn_task — their conversion, defaults and checks.
#include <gtest/gtest.h>

#include "tests/config/config_test_support.h"

namespace socsim::config {
namespace {

using spec::Constraint;
using spec::Metric;
using spec::RuntimeEvent;
using testing::diagnostics_of;
using testing::fixture;
using testing::has_diagnostic;

std::vector<Diagnostic> scenario_errors(const std::string& name) {
  return diagnostics_of([&] { load_scenario(fixture("scenarios/" + name)); });
}

spec::Scenario everything() { return load_scenario(fixture("scenarios/everything.json")).scenario; }

void expect_objective(const spec::Objective& o, Metric metric, bool maximise, double weight) {
  EXPECT_EQ(o.metric, metric);
  EXPECT_EQ(o.maximise, maximise) << spec::to_string(metric);
  EXPECT_DOUBLE_EQ(o.weight, weight) << spec::to_string(metric);
}

void expect_constraint(const Constraint& c, Metric metric, Constraint::Op op, double bound) {
  EXPECT_EQ(c.metric, metric);
  EXPECT_EQ(c.op, op) << spec::to_string(metric);
  EXPECT_DOUBLE_EQ(c.bound, bound) << spec::to_string(metric);
}

void expect_event(const RuntimeEvent& e, RuntimeEvent::Kind kind, Duration at, std::optional<Duration> duration,
                  const std::string& processor, double value) {
  SCOPED_TRACE(spec::to_string(kind));
  EXPECT_EQ(e.kind, kind);
  EXPECT_EQ(e.at, at);
  EXPECT_EQ(e.duration, duration);
  EXPECT_EQ(e.processor, processor);
  EXPECT_DOUBLE_EQ(e.value, value);
}

// --- A scenario with every optional part -------------------------------------------------------

TEST(ScenarioLoaderOptions, AppSloObjectivesGetTheirDefaultGoalsAndWeights) {
  const spec::Slo slo = everything().slo;
  ASSERT_EQ(slo.objectives.size(), 3u);
  expect_objective(slo.objectives[0], Metric::kAccuracy, true, 1);
  expect_objective(slo.objectives[1], Metric::kLatencyP90, false, 2);
  expect_objective(slo.objectives[2], Metric::kEnergy, true, 0.5);  // the goal as stated
  ASSERT_EQ(slo.constraints.size(), 2u);
  expect_constraint(slo.constraints[0], Metric::kMemory, Constraint::Op::kLe, 150);
  expect_constraint(slo.constraints[1], Metric::kAccuracy, Constraint::Op::kGt, 70);
}

TEST(ScenarioLoaderOptions, TasksHaveTheirOwnSloAndDnnTask) {
  const spec::Scenario sc = everything();
  ASSERT_EQ(sc.tasks.size(), 3u);
  const spec::Task& camera = sc.tasks[0];
  EXPECT_EQ(camera.dnn_task, "image_classification");
  ASSERT_EQ(camera.slo.objectives.size(), 2u);
  expect_objective(camera.slo.objectives[0], Metric::kThroughput, true, 1);
  expect_objective(camera.slo.objectives[1], Metric::kSize, false, 1);
  ASSERT_EQ(camera.slo.constraints.size(), 2u);
  expect_constraint(camera.slo.constraints[0], Metric::kLatencyP99, Constraint::Op::kLt, 33.5);
  expect_constraint(camera.slo.constraints[1], Metric::kThroughput, Constraint::Op::kGe, 25);
  EXPECT_EQ(sc.tasks[1].dnn_task, "scene_recognition");
  EXPECT_FALSE(sc.tasks[1].design.has_value());  // only the fixed scheduler needs designs
  EXPECT_TRUE(sc.tasks[1].slo.empty());
  EXPECT_EQ(sc.tasks[2].dnn_task, "image_classification");  // the task its design's variant serves
}

TEST(ScenarioLoaderOptions, LatencyDistributionDefaultsToTheProfilesLognormal) {
  const spec::Scenario sc = everything();
  EXPECT_EQ(sc.tasks[0].latency_distribution, spec::LatencyDistribution::kLognormal);
  EXPECT_EQ(sc.tasks[1].latency_distribution, spec::LatencyDistribution::kDeterministic);
  EXPECT_EQ(sc.tasks[2].latency_distribution, spec::LatencyDistribution::kExponential);
}

TEST(ScenarioLoaderOptions, OptimalitySharingAndTraceOptions) {
  const spec::Scenario sc = everything();
  EXPECT_EQ(sc.scheduler.name, "carin");
  EXPECT_EQ(sc.optimality, "ratio_geomean");
  EXPECT_EQ(sc.accelerator_sharing, "time_slice");
  EXPECT_EQ(sc.trace.sample_period, Duration::ms(50));
}

TEST(ScenarioLoaderOptions, EventsAreConvertedAndStablySortedByTime) {
  const std::vector<RuntimeEvent> events = everything().events;
  ASSERT_EQ(events.size(), 7u);
  using K = RuntimeEvent::Kind;
  expect_event(events[0], K::kAmbient, Duration(), std::nullopt, "", 35);
  expect_event(events[1], K::kProcessorOffline, Duration::s(5), std::nullopt, "npu", 0);
  expect_event(events[2], K::kProcessorOffline, Duration::s(5), Duration::ms(250), "gpu", 0);  // same time: file order
  expect_event(events[3], K::kProcessorOnline, Duration::s(9), std::nullopt, "npu", 0);
  expect_event(events[4], K::kBackgroundLoad, Duration::s(10), Duration::s(20), "gpu", 0.7);
  expect_event(events[5], K::kFrequencyCap, Duration::s(12), Duration::s(5), "cpu", 0.5);
  expect_event(events[6], K::kMemoryPressure, Duration::s(30), Duration::s(10), "", 200);
}

TEST(ScenarioLoaderOptions, DvfsPolicy) {
  const spec::DvfsPolicy dvfs = everything().dvfs;
  EXPECT_EQ(dvfs.governor, "schedutil");
  EXPECT_EQ(dvfs.governors, (std::map<std::string, std::string>{{"gpu", "userspace"}, {"npu", "performance"}}));
  EXPECT_EQ(dvfs.userspace_freq_mhz,
            (std::map<std::string, double>{{"cpu", 1800}, {"cpu.little", 1200}, {"gpu", 450}}));
  EXPECT_EQ(dvfs.period, Duration::ms(4));
}

TEST(ScenarioLoaderOptions, DefaultsWhenAbsent) {
  const spec::Scenario sc = load_scenario(fixture("scenarios/minimal.json")).scenario;
  EXPECT_TRUE(sc.slo.empty());
  EXPECT_EQ(sc.optimality, "ratio_product");
  EXPECT_EQ(sc.accelerator_sharing, "fifo");
  EXPECT_TRUE(sc.events.empty());
  EXPECT_EQ(sc.dvfs.governor, "performance");
  EXPECT_TRUE(sc.dvfs.governors.empty());
  EXPECT_TRUE(sc.dvfs.userspace_freq_mhz.empty());
  EXPECT_EQ(sc.dvfs.period, Duration::ms(10));
  EXPECT_EQ(sc.trace.sample_period, Duration::ms(100));
  EXPECT_EQ(sc.tasks[0].dnn_task, "image_classification");  // from the design's variant
  EXPECT_TRUE(sc.tasks[0].slo.empty());
}

TEST(ScenarioLoaderOptions, SchemaListsEveryMetricSpecNames) {
  const std::string_view schema = schema_text(Kind::kScenario);
  for (int m = 0; m <= static_cast<int>(Metric::kEnergy); ++m) {
    const std::string name = spec::to_string(static_cast<Metric>(m));
    EXPECT_NE(schema.find("\"" + name + "\""), std::string_view::npos) << name;
  }
}

TEST(ScenarioLoaderOptions, BadOptionValuesListTheAllowedOnes) {
  const auto diags = scenario_errors("bad_options.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/bad_options.json: error: /optimality: \"pareto\" is not an allowed "
                                     "value (expected one of: ratio_product, ratio_geomean, ratio_min, "
                                     "utopia_distance, weighted_sum)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/accelerator_sharing: \"round_robin\" is not an allowed value (expected one "
                                     "of: fifo, time_slice)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/trace/sample_period_ms: 0 is below the minimum (expected a number >= 1; more would be unbounded work"}));
  EXPECT_EQ(diags.size(), 3u) << testing::listing(diags);
}

// --- Runtime events ----------------------------------------------------------------------------

TEST(ScenarioLoaderEvents, UnknownKindListsTheKnownKindsAndNothingElse) {
  const auto diags = scenario_errors("event_unknown_kind.json");
  ASSERT_EQ(diags.size(), 1u) << testing::listing(diags);
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/event_unknown_kind.json: error: /events/1/kind: \"earthquake\" is "
                                     "not a known kind (expected one of: background_load, processor_offline, "
                                     "processor_online, memory_pressure, thermal)"}));
}

TEST(ScenarioLoaderEvents, UnknownProcessorListsTheSocsProcessorsAtTheFilesIndex) {
  const auto diags = scenario_errors("event_unknown_processor.json");
  ASSERT_EQ(diags.size(), 1u) << testing::listing(diags);
  // The event is the first in time but the second in the file: the pointer follows the file.
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/event_unknown_processor.json: error: /events/1/processor: unknown "
                                     "processor \"tpu\" (expected one of: cpu, gpu, npu)"}));
}

TEST(ScenarioLoaderEvents, ThermalEventNeedsExactlyOneOfAmbientAndFrequencyCap) {
  const auto diags = scenario_errors("event_thermal_forms.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/event_thermal_forms.json: error: /events/0: a thermal event needs "
                                     "exactly one of \"ambient_c\" or \"max_freq_frac\" (got both)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/events/1: a thermal event needs exactly one of \"ambient_c\" or "
                                     "\"max_freq_frac\" (got neither)"}));
}

TEST(ScenarioLoaderEvents, ProcessorGoesWithTheFrequencyCapOnly) {
  const auto diags = scenario_errors("event_thermal_forms.json");
  EXPECT_TRUE(
      has_diagnostic(diags, {"/events/2: missing key \"processor\" for a thermal event with \"max_freq_frac\""}));
  EXPECT_TRUE(has_diagnostic(diags, {"/events/3/processor: \"processor\" does not apply to a thermal event with "
                                     "\"ambient_c\" (expected no \"processor\": it applies to the whole SoC)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/events/4/processor: \"processor\" does not apply"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/events/4/processor: unknown processor \"tpu\""}));
  EXPECT_EQ(diags.size(), 6u) << testing::listing(diags);
}

TEST(ScenarioLoaderEvents, ValuesOutOfRange) {
  const auto diags = scenario_errors("event_bad_values.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/event_bad_values.json: error: /events/0/load_frac: 1.5 is above the "
                                     "maximum (expected a number <= 1)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/events/1/available_mib: 0 is below the minimum (expected a number > 0)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/events/2/at_s: -1 is below the minimum (expected a number >= 0)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/events/3/ambient_c: 99 is above the maximum (expected a number <= 80)"}));
  EXPECT_EQ(diags.size(), 4u) << testing::listing(diags);
}

TEST(ScenarioLoaderEvents, DurationsThatRoundToZeroNsAreRejected) {
  const auto diags = scenario_errors("event_rounds_to_zero.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/event_rounds_to_zero.json: error: /events/0/duration_s: 1e-12 s "
                                     "rounds to 0 ns"}));
  // (a DVFS period that rounds to 0 ns is now below the schema's minimum of 1 ms: bad_options.json)
}

// --- DVFS policy -------------------------------------------------------------------------------

TEST(ScenarioLoaderDvfs, UnknownGovernorListsTheGovernors) {
  const auto diags = scenario_errors("dvfs_unknown_governor.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/dvfs_unknown_governor.json: error: /dvfs/governor: \"ondemand\" is "
                                     "not an allowed value (expected one of: performance, powersave, userspace, "
                                     "schedutil)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/dvfs/governors/gpu: \"turbo\" is not an allowed value"}));
  EXPECT_EQ(diags.size(), 2u) << testing::listing(diags);
}

TEST(ScenarioLoaderDvfs, KeysMustNameProcessorsOrCpuClusters) {
  const auto diags = scenario_errors("dvfs_unknown_names.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/dvfs_unknown_names.json: error: /dvfs/governors/tpu: unknown "
                                     "processor \"tpu\" (expected one of: cpu, gpu, npu)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/dvfs/userspace_freq_mhz/cpu.mid: unknown processor or CPU cluster \"cpu.mid\" "
                                     "(expected one of: cpu, cpu.big, cpu.little, gpu, npu; did you mean \"cpu.big\"?)"}));
  EXPECT_EQ(diags.size(), 2u) << testing::listing(diags);  // gpu at 300 MHz is fine though unused
}

TEST(ScenarioLoaderDvfs, UserspaceGovernorNeedsAFrequencyForEachDomain) {
  const auto diags = scenario_errors("dvfs_userspace_without_frequency.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/dvfs_userspace_without_frequency.json: error: /dvfs/governors/gpu: "
                                     "processor \"gpu\" runs the userspace governor without a frequency (expected a "
                                     "\"userspace_freq_mhz\" entry \"gpu\" within 300..600 MHz)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/dvfs/governors/cpu: cluster \"cpu.little\" runs the userspace governor "
                                     "without a frequency (expected a \"userspace_freq_mhz\" entry \"cpu.little\" or "
                                     "\"cpu\" within 500..1500 MHz)"}));
  EXPECT_EQ(diags.size(), 2u) << testing::listing(diags);  // cpu.big has its own
}

TEST(ScenarioLoaderDvfs, UserspaceFrequencyMustLieWithinTheDomainsOperatingPoints) {
  const auto diags = scenario_errors("dvfs_userspace_out_of_range.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/dvfs_userspace_out_of_range.json: error: /dvfs/userspace_freq_mhz/gpu: "
                                     "700 MHz is outside the operating points of processor \"gpu\" (expected "
                                     "300..600 MHz)"}));
  // A CPU's own entry sets each cluster without one, so it must suit each.
  EXPECT_TRUE(has_diagnostic(diags, {"/dvfs/userspace_freq_mhz/cpu: 1800 MHz is outside the operating points of "
                                     "cluster \"cpu.little\" (expected 500..1500 MHz)"}));
  EXPECT_EQ(diags.size(), 2u) << testing::listing(diags);
}

// --- SLOs --------------------------------------------------------------------------------------

TEST(ScenarioLoaderSlo, UnknownMetricListsTheMetrics) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("slo_unknown_metric.json"),
                             {"scenarios/slo_unknown_metric.json: error: /slo/objectives/0/metric: \"latency_p95\" is "
                              "not an allowed value (expected one of: accuracy, latency_mean, latency_p50, "
                              "latency_p90, latency_p99, latency_sd, throughput, memory, size, energy, deadline_miss)"}));
}

TEST(ScenarioLoaderSlo, BadOperatorListsTheOperators) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("slo_bad_op.json"),
                             {"scenarios/slo_bad_op.json: error: /tasks/0/slo/constraints/0/op: \"=<\" is not an "
                              "allowed value (expected one of: <=, <, >=, >)"}));
}

TEST(ScenarioLoaderSlo, ObjectiveMetricsAreUniqueWithinOneSlo) {
  const auto diags = scenario_errors("slo_duplicate_objective.json");
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/slo_duplicate_objective.json: error: /slo/objectives/2/metric: "
                                     "duplicate objective metric \"accuracy\" (first at /slo/objectives/0/metric"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/tasks/0/slo/objectives/1/metric: duplicate objective metric \"energy\" (first "
                                     "at /tasks/0/slo/objectives/0/metric"}));
  EXPECT_EQ(diags.size(), 2u) << testing::listing(diags);
}

// --- dnn_task ----------------------------------------------------------------------------------

TEST(ScenarioLoaderTasks, UnknownDnnTaskListsTheLibrarysTasks) {
  EXPECT_TRUE(has_diagnostic(scenario_errors("dnn_task_unknown.json"),
                             {"scenarios/dnn_task_unknown.json: error: /tasks/0/dnn_task: unknown dnn_task "
                              "\"object_detection\" (expected one of: image_classification, scene_recognition)"}));
}

TEST(ScenarioLoaderTasks, DesignVariantMustServeTheDnnTask) {
  const auto diags = scenario_errors("dnn_task_mismatch.json");
  ASSERT_EQ(diags.size(), 1u) << testing::listing(diags);
  EXPECT_TRUE(has_diagnostic(diags, {"scenarios/dnn_task_mismatch.json: error: /tasks/0/design/variant: variant "
                                     "\"tiny_a\" serves \"image_classification\", not the task's dnn_task "
                                     "\"scene_recognition\""}));
}

TEST(CheckScenario, RechecksTheNewReferences) {
  LoadedScenario s = load_scenario(fixture("scenarios/everything.json"));
  s.scenario.dvfs.userspace_freq_mhz.erase("gpu");
  s.scenario.tasks[1].dnn_task = "speech";
  const auto diags = diagnostics_of([&] { check_scenario(s); });
  EXPECT_TRUE(has_diagnostic(diags, {"/dvfs/governors/gpu: processor \"gpu\" runs the userspace governor"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/tasks/1/dnn_task: unknown dnn_task \"speech\""}));
}

}  // namespace
}  // namespace socsim::config
