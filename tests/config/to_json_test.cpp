// The fully resolved inputs as canonical JSON: defaults filled in, deterministic, and a resolved
// scenario is itself a valid scenario that resolves to the same text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/config/config_test_support.h"

namespace socsim::config {
namespace {

using testing::fixture;

TEST(ToJson, ResolvedScenarioFillsInDefaults) {
  const std::string text = to_json(load_scenario(fixture("scenarios/minimal.json")).scenario);
  EXPECT_NE(text.find("\"seed\": 1"), std::string::npos) << text;
  EXPECT_NE(text.find("\"max_queue\": 16"), std::string::npos) << text;
  EXPECT_NE(text.find("\"deadline_ms\": 25"), std::string::npos) << text;
  EXPECT_NE(text.find("\"offset_ms\": 0"), std::string::npos) << text;
  EXPECT_NE(text.find("\"name\": \"fixed\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"soc\": \"" + fixture("socs/tiny.json") + "\""), std::string::npos) << text;
}

TEST(ToJson, ResolvedScenarioIsAValidScenarioThatResolvesToTheSameText) {
  for (const char* name : {"valid.json", "minimal.json", "everything.json"}) {
    SCOPED_TRACE(name);
    const std::string first = to_json(load_scenario(fixture(std::string("scenarios/") + name)).scenario);
    const std::string path = ::testing::TempDir() + "socsim_resolved_scenario.json";
    std::ofstream(path) << first;
    EXPECT_EQ(validate_file(path), Kind::kScenario);
    const std::string second = to_json(load_scenario(path).scenario);
    std::filesystem::remove(path);
    EXPECT_EQ(first, second);
  }
}

TEST(ToJson, ResolvedScenarioWritesTheOptionalPartsWithTheirDefaults) {
  const std::string text = to_json(load_scenario(fixture("scenarios/minimal.json")).scenario);
  for (const char* part : {"\"optimality\": \"ratio_product\"", "\"accelerator_sharing\": \"fifo\"", "\"events\": []",
                           "\"governor\": \"performance\"", "\"period_ms\": 10", "\"sample_period_ms\": 100",
                           "\"dnn_task\": \"image_classification\"", "\"objectives\": []"})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
}

TEST(ToJson, LatencyDistributionIsWrittenOnlyWhenNotTheDefault) {
  const std::string text = to_json(load_scenario(fixture("scenarios/everything.json")).scenario);
  EXPECT_NE(text.find("\"latency_distribution\": \"deterministic\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"latency_distribution\": \"exponential\""), std::string::npos) << text;
  EXPECT_EQ(text.find("lognormal"), std::string::npos) << text;  // earlier scenarios resolve to the same bytes
}

TEST(ToJson, ResolvedEventsAreInTimeOrderInTheirFileForms) {
  const std::string text = to_json(load_scenario(fixture("scenarios/everything.json")).scenario);
  const size_t ambient = text.find("\"ambient_c\": 35");
  const size_t cap = text.find("\"max_freq_frac\": 0.5");
  ASSERT_NE(ambient, std::string::npos) << text;
  ASSERT_NE(cap, std::string::npos) << text;
  EXPECT_LT(ambient, cap);                                                   // at 0 s, then at 12 s
  EXPECT_EQ(text.find("\"kind\": \"ambient\""), std::string::npos) << text;  // written as "thermal"
  EXPECT_NE(text.find("\"goal\": \"min\""), std::string::npos) << text;      // latency_p90 by default
}

TEST(ToJson, SchedulerParametersKeepTheirJsonTypes) {
  const std::string text = to_json(load_scenario(fixture("scenarios/valid.json")).scenario);
  EXPECT_NE(text.find("\"alpha\": 0.5"), std::string::npos) << text;
  EXPECT_NE(text.find("\"greedy\": true"), std::string::npos) << text;
  EXPECT_NE(text.find("\"mode\": \"fast\""), std::string::npos) << text;
}

TEST(ToJson, SocFillsInTheReferenceFrequencyAndIsDeterministic) {
  const std::string text = to_json(load_soc(fixture("socs/tiny.json")));
  EXPECT_NE(text.find("\"ref_freq_mhz\": 2000"), std::string::npos) << text;
  EXPECT_NE(text.find("\"transition_us\": 50"), std::string::npos) << text;
  EXPECT_NE(text.find("\"dnn_speed\": 1,"), std::string::npos) << text;  // resolved from the capacity
  EXPECT_NE(text.find("\"dnn_speed\": 0.3,"), std::string::npos) << text;
  EXPECT_EQ(text, to_json(load_soc(fixture("socs/tiny.json"))));
}

TEST(ToJson, LibraryHoldsOnlyTheSocsOwnProfiles) {
  const spec::ModelLibrary lib = load_model_library(fixture("models"));
  const std::string text = to_json(lib, "tinysoc");
  EXPECT_NE(text.find("\"latency_ms\": 12.3"), std::string::npos) << text;
  EXPECT_EQ(text.find("\"latency_ms\": 7"), std::string::npos) << text;  // othersoc's profile
  EXPECT_NE(text.find("\"root\": \"" + fixture("models") + "\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"load_ms\": {\n                \"cpu\": 15,\n                \"gpu\": 120.5"),
            std::string::npos)
      << text;
  EXPECT_EQ(text, to_json(load_model_library(fixture("models")), "tinysoc"));
}

}  // namespace
}  // namespace socsim::config
