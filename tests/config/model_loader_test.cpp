// Loading the model library: families, variants, builds and profiles, and the library's checks.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/config/config_test_support.h"

namespace socsim::config {
namespace {

using spec::Precision;
using spec::ProcessorKind;
using testing::diagnostics_of;
using testing::fixture;
using testing::has_diagnostic;

std::vector<Diagnostic> broken_library() {
  return diagnostics_of([] { load_model_library(fixture("models_broken")); });
}

TEST(ModelLoader, LoadsFamiliesVariantsAndBuilds) {
  const spec::ModelLibrary lib = load_model_library(fixture("models"));
  EXPECT_EQ(lib.root, fixture("models"));
  ASSERT_EQ(lib.families.size(), 2u);  // tinynet.json sorts before vistanet.json
  EXPECT_EQ(lib.families[0].name, "tinynet");
  EXPECT_EQ(lib.families[0].accuracy_metric, "top-1");
  EXPECT_EQ(lib.families[0].file, fixture("models") + "/tinynet.json");
  ASSERT_EQ(lib.variants.size(), 3u);
  EXPECT_EQ(lib.variants[2].task, "scene_recognition");
  const spec::Variant& a = lib.variants[0];
  EXPECT_EQ(a.name, "tiny_a");
  EXPECT_EQ(a.family, "tinynet");
  EXPECT_EQ(a.task, "image_classification");
  EXPECT_DOUBLE_EQ(a.gflops, 0.3);
  ASSERT_EQ(a.builds.size(), 3u);
  const spec::Build* fp32 = a.find_build(Precision::kFp32);
  ASSERT_NE(fp32, nullptr);
  EXPECT_DOUBLE_EQ(fp32->memory_mib.at(ProcessorKind::kGpu), 30);
  EXPECT_EQ(fp32->load.at(ProcessorKind::kGpu), Duration::us(120500));
  EXPECT_FALSE(fp32->load.contains(ProcessorKind::kNpu));
}

TEST(ModelLoader, LoadsProfilesOfEverySoc) {
  const spec::ModelLibrary lib = load_model_library(fixture("models"));
  EXPECT_EQ(lib.profiles.size(), 7u);  // othersoc.json sorts before tinysoc.json
  EXPECT_EQ(lib.profiles[0].soc, "othersoc");
  const spec::Profile* cpu4 = lib.find_profile("tinysoc", "tiny_a", Precision::kFp32, "cpu", 4);
  ASSERT_NE(cpu4, nullptr);
  EXPECT_EQ(cpu4->latency_mean, Duration::us(12300));
  EXPECT_EQ(cpu4->latency_sd, Duration::us(800));
  EXPECT_DOUBLE_EQ(cpu4->bandwidth_gbps, 1.5);
  const spec::Profile* npu = lib.find_profile("tinysoc", "tiny_a", Precision::kFx8, "npu", 0);
  ASSERT_NE(npu, nullptr);  // accelerators have threads 0
  EXPECT_TRUE(npu->estimated);
  EXPECT_EQ(npu->latency_sd, Duration());
}

TEST(ModelLoader, ReadsOnlyTheNamedSocsProfiles) {
  const spec::ModelLibrary lib = load_model_library(fixture("models"), {"tinysoc", "no_such_soc", "tinysoc"});
  ASSERT_FALSE(lib.profiles.empty());
  for (const auto& p : lib.profiles) EXPECT_EQ(p.soc, "tinysoc");
  EXPECT_EQ(lib.profiles.size(), load_model_library(fixture("models")).profiles.size() - 1);  // othersoc had one
}

TEST(ModelLoader, AProfileFileIsNamedAfterItsSoc) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / "socsim_misnamed_profiles";
  fs::remove_all(dir);
  fs::create_directories(dir / "profiles");
  fs::copy_file(fixture("models") + "/tinynet.json", dir / "tinynet.json");
  fs::copy_file(fixture("models") + "/profiles/tinysoc.json", dir / "profiles" / "phone.json");
  const auto diags = diagnostics_of([&] { load_model_library(dir.string()); });
  EXPECT_TRUE(has_diagnostic(diags, {(dir / "profiles" / "phone.json").string() + ": error: /soc: profiles of SoC "
                                      "\"tinysoc\" in a file named phone.json (expected tinysoc.json: a run reads only "
                                      "the profile file named after its SoC)"}));
  fs::remove_all(dir);
}

TEST(ModelLoader, MissingFolderIsReportedAgainstTheFolder) {
  auto diags = diagnostics_of([] { load_model_library(fixture("no_such_models")); });
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].file, fixture("no_such_models"));
  EXPECT_EQ(diags[0].message, "cannot read folder: No such file or directory");
}

TEST(ModelLoader, VariantNamesMustBeUniqueAcrossFamilies) {
  EXPECT_TRUE(
      has_diagnostic(broken_library(), {"models_broken/zoonet.json: error: /variants/0/name: variant \"tiny_b\" "
                                        "is also defined in",
                                        "models_broken/tinynet.json at /variants/1"}));
}

TEST(ModelLoader, ProfileOfAnUnknownVariantListsTheKnownOnes) {
  EXPECT_TRUE(has_diagnostic(broken_library(), {"models_broken/profiles/tinysoc.json: error: /profiles/0/variant: "
                                                "unknown variant \"tiny_z\" (expected one of: tiny_a, tiny_b)"}));
}

TEST(ModelLoader, AmongManyVariantsTheNearestNameIsSuggested) {
  auto diags = diagnostics_of([] { load_model_library(fixture("models_many")); });
  EXPECT_TRUE(has_diagnostic(diags, {"models_many/profiles/tinysoc.json: error: /profiles/0/variant: unknown variant "
                                     "\"hotle\" (expected one of: alpha, bravo, charlie, delta, echo, foxtrot, golf, "
                                     "hotel, india, juliett, kilo, lima, mike; did you mean \"hotel\"?)"}));
}

TEST(ModelLoader, ProfileOfAMissingBuildListsTheBuiltPrecisions) {
  EXPECT_TRUE(has_diagnostic(broken_library(), {"/profiles/1/precision: variant \"tiny_b\" has no fp16 build (expected "
                                                "one of: fp32)"}));
}

TEST(ModelLoader, GpuEnginesRunOnlyFloatingPointBuilds) {
  EXPECT_TRUE(has_diagnostic(broken_library(), {"/profiles/2/precision: gpu engine \"gpu\" does not run fx8 (expected "
                                                "one of: fp32, fp16)"}));
}

TEST(ModelLoader, ThreadsOnAnAcceleratorProfileAreRejected) {
  EXPECT_TRUE(has_diagnostic(broken_library(), {"/profiles/3/threads: threads given for gpu engine \"gpu\""}));
}

TEST(ModelLoader, CpuProfilesNeedThreads) {
  EXPECT_TRUE(has_diagnostic(broken_library(), {"/profiles/4: missing key \"threads\" for cpu engine \"cpu\""}));
}

TEST(ModelLoader, SpreadLargerThanTheMeanIsRejected) {
  EXPECT_TRUE(
      has_diagnostic(broken_library(), {"/profiles/5/latency_sd_ms: spread 20 ms is larger than the mean 10 ms"}));
}

TEST(ModelLoader, DuplicateProfilesAreRejected) {
  EXPECT_TRUE(has_diagnostic(
      broken_library(), {"/profiles/6: duplicate profile of tiny_a/fp32@cpu:4t on \"tinysoc\"", "at /profiles/5"}));
}

TEST(ModelLoader, BuildsNeedMemoryAndLoadTimeForEveryEngineKindThatRunsThem) {
  const auto diags = broken_library();
  EXPECT_TRUE(has_diagnostic(diags, {"models_broken/tinynet.json: error: /variants/1/precisions/0/memory_mib: no "
                                     "\"gpu\" entry, but a profile runs this build on a gpu engine"}));
  EXPECT_TRUE(
      has_diagnostic(diags, {"models_broken/tinynet.json: error: /variants/1/precisions/0/load_ms: no \"gpu\""}));
}

TEST(ModelLoader, WithoutASocEngineKindsComeFromEngineNames) {
  const auto diags = broken_library();
  // "dsp" is taken as a DSP engine: it runs fx8, but the build says nothing about DSPs.
  EXPECT_TRUE(has_diagnostic(diags, {"/variants/0/precisions/2/memory_mib: no \"dsp\" entry"}));
  // Thread counts cannot be bounded without the SoC.
  for (const auto& d : diags) EXPECT_EQ(d.pointer.find("/profiles/9"), std::string::npos) << d.format();
}

TEST(ModelLoader, WithItsSocProfilesAreCheckedAgainstTheProcessors) {
  auto diags = diagnostics_of([] { load_scenario(fixture("scenarios/broken_library.json")); });
  EXPECT_TRUE(has_diagnostic(diags, {"models_broken/profiles/tinysoc.json: error: /profiles/8/engine: unknown "
                                     "processor \"dsp\" (expected one of: cpu, gpu, npu)"}));
  EXPECT_TRUE(has_diagnostic(diags, {"models_broken/profiles/tinysoc.json: error: /profiles/9/threads: 8 threads "
                                     "exceed the 6 cores of processor \"cpu\" (expected 1..6 threads)"}));
}

}  // namespace
}  // namespace socsim::config
