// validate_file recognises a file's kind and validates it with what it refers to; the shipped
// data files are all valid.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/config/config_test_support.h"

namespace socsim::config {
namespace {

using testing::fails_with;
using testing::fixture;

TEST(ValidateFile, RecognisesEachKindByItsTopLevelKeys) {
  EXPECT_EQ(validate_file(fixture("socs/tiny.json")), Kind::kSoc);
  EXPECT_EQ(validate_file(fixture("models/tinynet.json")), Kind::kModelFamily);
  EXPECT_EQ(validate_file(fixture("models/profiles/tinysoc.json")), Kind::kProfiles);
  EXPECT_EQ(validate_file(fixture("scenarios/valid.json")), Kind::kScenario);
}

TEST(ValidateFile, ScenarioIsValidatedWithItsSocAndLibrary) {
  EXPECT_TRUE(fails_with("scenarios/unknown_engine.json", {"/tasks/1/design/engine: unknown processor \"npu0\""}));
  EXPECT_TRUE(fails_with("scenarios/broken_soc.json", {"socs/broken.json: error: /processors/1: missing key"}));
}

TEST(ValidateFile, ProfilesFileIsValidatedWithTheFamiliesOfItsLibrary) {
  EXPECT_TRUE(
      fails_with("models_broken/profiles/tinysoc.json",
                 {"models_broken/profiles/tinysoc.json: error: /profiles/0/variant: unknown variant \"tiny_z\""}));
}

TEST(ValidateFile, KindNamesRoundTrip) {
  for (Kind k : kAllKinds) EXPECT_EQ(parse_kind(to_string(k)), k);
  EXPECT_EQ(parse_kind("socs"), std::nullopt);
  EXPECT_STREQ(to_string(Kind::kModelFamily), "model_family");
}

TEST(ValidateFile, SchemaTextIsTheEmbeddedSchemaOfTheKind) {
  for (Kind k : kAllKinds)
    EXPECT_NE(schema_text(k).find(std::string("\"$id\": \"socsim:") + to_string(k) + "\""), std::string_view::npos);
}

// The repository's own SoCs, model library and scenarios.
TEST(ValidateFile, ShippedDataFilesAreValid) {
  namespace fs = std::filesystem;
  const fs::path root = SOCSIM_SOURCE_DIR;
  int checked = 0;
  for (const char* dir : {"socs", "models", "models/profiles", "scenarios"}) {
    if (!fs::is_directory(root / dir)) continue;
    for (const auto& entry : fs::directory_iterator(root / dir)) {
      if (entry.path().extension() != ".json") continue;
      try {
        validate_file(entry.path().string());
      } catch (const ConfigError& e) {
        ADD_FAILURE() << e.what();
      }
      ++checked;
    }
  }
  RecordProperty("files_checked", checked);
}

}  // namespace
}  // namespace socsim::config
