// Loading SoC files: conversion into spec::Soc with defaults, and the semantic checks.
#include <gtest/gtest.h>

#include "tests/config/config_test_support.h"

namespace socsim::config {
namespace {

using spec::ProcessorKind;
using testing::diagnostics_of;
using testing::fixture;
using testing::has_diagnostic;

std::vector<Diagnostic> broken_soc() {
  return diagnostics_of([] { load_soc(fixture("socs/broken.json")); });
}

TEST(SocLoader, ASocReferenceIsAFileOrANameBesideAnotherSoc) {
  EXPECT_EQ(soc_file("snapdragon730", "/x/socs/tensor_g2.json"), "/x/socs/snapdragon730.json");
  EXPECT_EQ(soc_file("other/a.json", "/x/socs/tensor_g2.json"), "other/a.json");
  EXPECT_EQ(soc_file("a.json", "/x/socs/tensor_g2.json"), "a.json");
}

TEST(SocLoader, LoadsProcessorsClustersAndOperatingPoints) {
  const spec::Soc soc = load_soc(fixture("socs/tiny.json"));
  EXPECT_EQ(soc.name, "tinysoc");
  EXPECT_EQ(soc.display_name, "Tiny SoC");
  EXPECT_EQ(soc.devices, std::vector<std::string>{"Test Phone 1"});
  EXPECT_EQ(soc.file, fixture("socs/tiny.json"));
  ASSERT_EQ(soc.processors.size(), 3u);
  const spec::Processor& cpu = soc.processors[0];
  EXPECT_EQ(cpu.kind, ProcessorKind::kCpu);
  EXPECT_EQ(cpu.model, "Tiny CPU");
  EXPECT_EQ(cpu.total_cores(), 6);
  EXPECT_FALSE(cpu.dvfs.has_value());
  ASSERT_EQ(cpu.clusters.size(), 2u);
  EXPECT_EQ(cpu.clusters[0].name, "big");
  EXPECT_DOUBLE_EQ(cpu.clusters[0].capacity, 1024);
  EXPECT_DOUBLE_EQ(cpu.clusters[0].idle_power_mw, 20);
  ASSERT_EQ(cpu.clusters[0].dvfs.opps.size(), 2u);
  EXPECT_DOUBLE_EQ(cpu.clusters[0].dvfs.opps[1].voltage_mv, 900);
  EXPECT_DOUBLE_EQ(cpu.clusters[0].dvfs.opps[0].voltage_mv, 0);  // not stated
  EXPECT_EQ(cpu.clusters[0].dvfs.transition, Duration::us(50));
  EXPECT_EQ(soc.processors[2].kind, ProcessorKind::kNpu);
  EXPECT_EQ(soc.find_processor("gpu"), 1);
  EXPECT_DOUBLE_EQ(soc.memory.dram_bw_gbps, 20);
  EXPECT_DOUBLE_EQ(soc.memory.app_memory_mib, 2048);
  ASSERT_TRUE(soc.thermal.has_value());
  ASSERT_EQ(soc.thermal->trips.size(), 2u);
  EXPECT_TRUE(soc.thermal->trips[0].processors.empty());  // all processors
  EXPECT_EQ(soc.thermal->trips[1].processors, (std::vector<std::string>{"cpu", "gpu"}));
}

TEST(SocLoader, ReferenceFrequencyDefaultsToTheHighestOperatingPoint) {
  const spec::Soc soc = load_soc(fixture("socs/tiny.json"));
  EXPECT_DOUBLE_EQ(soc.processors[0].clusters[0].dvfs.ref_freq_mhz, 2000);
  EXPECT_DOUBLE_EQ(soc.processors[0].clusters[1].dvfs.ref_freq_mhz, 1000);  // stated
  EXPECT_DOUBLE_EQ(soc.processors[1].dvfs->ref_freq_mhz, 600);
  EXPECT_EQ(soc.processors[1].dvfs->transition, Duration());  // default 0
}

TEST(SocLoader, DnnSpeedDefaultsToTheCapacityScale) {
  const spec::Soc soc = load_soc(fixture("socs/tiny.json"));
  EXPECT_DOUBLE_EQ(soc.processors[0].clusters[0].dnn_speed, 1);    // 1024 / 1024
  EXPECT_DOUBLE_EQ(soc.processors[0].clusters[1].dnn_speed, 0.3);  // stated
}

TEST(SocLoader, DnnSpeedOutsideZeroToOneIsRejected) {
  const auto diags = diagnostics_of([] { load_soc(fixture("socs/bad_dnn_speed.json")); });
  EXPECT_TRUE(has_diagnostic(diags, {"socs/bad_dnn_speed.json: error: /processors/0/clusters/0/dnn_speed: 1.5 is above "
                                     "the maximum (expected a number <= 1)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/processors/0/clusters/1/dnn_speed: 0 is below the minimum (expected a number "
                                     "> 0)"}));
  EXPECT_EQ(diags.size(), 2u) << testing::listing(diags);
}

TEST(SocLoader, CpuWithItsOwnDvfsIsRejected) {
  EXPECT_TRUE(has_diagnostic(broken_soc(), {"socs/broken.json: error: /processors/0/dvfs: unexpected key \"dvfs\" "
                                            "on a cpu processor"}));
}

TEST(SocLoader, AcceleratorWithoutDvfsIsRejected) {
  EXPECT_TRUE(has_diagnostic(broken_soc(), {"/processors/1: missing key \"dvfs\" (expected for a gpu processor)"}));
}

TEST(SocLoader, AcceleratorWithClustersIsRejected) {
  EXPECT_TRUE(has_diagnostic(broken_soc(), {"/processors/3/clusters: unexpected key \"clusters\" on a dsp processor"}));
}

TEST(SocLoader, OperatingPointsMustAscendInFrequency) {
  EXPECT_TRUE(has_diagnostic(broken_soc(), {"/processors/0/clusters/0/dvfs/opps/1/freq_mhz: 1000 MHz is not above the "
                                            "previous operating point's 2000 MHz"}));
}

TEST(SocLoader, PowerMustNotDecreaseWithFrequency) {
  EXPECT_TRUE(has_diagnostic(broken_soc(), {"/processors/0/clusters/1/dvfs/opps/1/power_mw: 50 mW is below the "
                                            "previous operating point's 150 mW"}));
}

TEST(SocLoader, ReferenceFrequencyMustLieWithinTheOperatingPoints) {
  EXPECT_TRUE(has_diagnostic(broken_soc(), {"/processors/2/dvfs/ref_freq_mhz: 2000 MHz is outside the operating points "
                                            "(expected 800..800 MHz)"}));
}

TEST(SocLoader, TransitionTimeThatRoundsToZeroNsIsRejected) {
  EXPECT_TRUE(has_diagnostic(broken_soc(), {"/processors/2/dvfs/transition_us: 0.0001 us rounds to 0 ns"}));
}

TEST(SocLoader, DuplicateProcessorAndClusterNamesAreRejected) {
  const auto diags = broken_soc();
  EXPECT_TRUE(
      has_diagnostic(diags, {"/processors/3/name: duplicate processor name \"gpu\" (first at /processors/1/name"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/processors/0/clusters/1/name: duplicate cluster name \"big\""}));
}

TEST(SocLoader, EstimatedNumbersNeedAMethod) {
  EXPECT_TRUE(has_diagnostic(broken_soc(), {"/memory/estimated: estimated is true but no \"method\" says how"}));
}

TEST(SocLoader, ThermalTripsMustAscendAndNameKnownProcessors) {
  const auto diags = broken_soc();
  EXPECT_TRUE(has_diagnostic(diags, {"/thermal/trips/1/temp_c: 70 C is below the previous trip's 85 C"}));
  EXPECT_TRUE(has_diagnostic(diags, {"/thermal/trips/0/processors/1: unknown processor \"npu0\" (expected one of: "
                                     "cpu, gpu, npu; did you mean \"npu\"?)"}));
}

TEST(SocLoader, AllProblemsOfTheFileAreReportedTogether) {
  EXPECT_EQ(broken_soc().size(), 12u) << testing::listing(broken_soc());
}

}  // namespace
}  // namespace socsim::config
