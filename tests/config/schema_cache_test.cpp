// Schema checks once per document content (sim/config/schema_cache_impl.h): what the key tells
// apart, that only valid documents are remembered, and where the disk markers go.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "sim/config/schema_cache_impl.h"
#include "sim/config/schema_check_impl.h"

namespace socsim::config {
namespace {

namespace fs = std::filesystem;

// Points the disk cache at a fresh folder for one test, and back afterwards.
class SchemaCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* old = std::getenv("SOCSIM_CACHE_DIR")) saved_ = old;
    dir_ = fs::path(::testing::TempDir()) /
           ("socsim_schema_cache_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    ::setenv("SOCSIM_CACHE_DIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (saved_) {
      ::setenv("SOCSIM_CACHE_DIR", saved_->c_str(), 1);
    } else {
      ::unsetenv("SOCSIM_CACHE_DIR");
    }
    fs::remove_all(dir_);
  }
  size_t markers() const {
    const fs::path d = dir_ / "schema_ok";
    return fs::exists(d) ? static_cast<size_t>(std::distance(fs::directory_iterator(d), fs::directory_iterator())) : 0;
  }
  fs::path dir_;
  std::optional<std::string> saved_;
};

TEST_F(SchemaCacheTest, KeysTellApartValuesNumberKindsKindsAndStructure) {
  const Json a = Json::parse(R"({"x": [1, "y"]})");
  EXPECT_EQ(schema_cache_key(Kind::kScenario, a).hex, schema_cache_key(Kind::kScenario, Json::parse(R"({"x":[1,"y"]})")).hex);
  for (const char* other : {R"({"x": [2, "y"]})", R"({"x": [1.0, "y"]})", R"({"x": ["1", "y"]})", R"({"x": [1, "y", null]})",
                            R"({"x": [[1], "y"]})", R"({"xx": [1, "y"]})", R"({"x": [1, "y"], "z": {}})"})
    EXPECT_NE(schema_cache_key(Kind::kScenario, a).hex, schema_cache_key(Kind::kScenario, Json::parse(other)).hex) << other;
  EXPECT_NE(schema_cache_key(Kind::kScenario, a).hex, schema_cache_key(Kind::kSoc, a).hex);
  EXPECT_FALSE(schema_cache_key(Kind::kScenario, a).on_disk);  // small documents stay in memory
}

TEST_F(SchemaCacheTest, ADocumentUnderSourceBytesIsKeyedByThoseBytesAndOnlyThatObject) {
  const std::string text = R"({"x": [1, "y"]})";
  const Json doc = Json::parse(text);
  const Json copy = doc;
  EXPECT_EQ(SourceBytes::of(doc), nullptr);
  {
    const SourceBytes source(doc, text);
    ASSERT_NE(SourceBytes::of(doc), nullptr);
    EXPECT_EQ(*SourceBytes::of(doc), text);
    EXPECT_EQ(SourceBytes::of(copy), nullptr);  // an equal value elsewhere is keyed by its value
    {
      const SourceBytes inner(copy, "{}");
      EXPECT_EQ(*SourceBytes::of(copy), "{}");
      EXPECT_EQ(*SourceBytes::of(doc), text);
    }
    EXPECT_EQ(SourceBytes::of(copy), nullptr);
  }
  EXPECT_EQ(SourceBytes::of(doc), nullptr);
  // Byte keys differ from value keys, from other bytes of the same value, and between kinds.
  const std::string key = schema_cache_key_of_bytes(Kind::kScenario, text).hex;
  EXPECT_EQ(key, schema_cache_key_of_bytes(Kind::kScenario, text).hex);
  EXPECT_NE(key, schema_cache_key(Kind::kScenario, doc).hex);
  EXPECT_NE(key, schema_cache_key_of_bytes(Kind::kScenario, R"({"x":[1,"y"]})").hex);
  EXPECT_NE(key, schema_cache_key_of_bytes(Kind::kSoc, text).hex);
  EXPECT_TRUE(schema_cache_key_of_bytes(Kind::kScenario, std::string(kDiskMinBytes, ' ')).on_disk);
}

TEST_F(SchemaCacheTest, AValidLargeDocumentIsRememberedOnDiskAndAnInvalidOneNever) {
  Json big = Json::parse(R"({"name": "n", "soc": "s.json", "models": "m", "duration_s": 1, "tasks": []})");
  big["description"] = std::string(kDiskMinBytes, 'd');
  const SchemaCacheKey bad = schema_cache_key(Kind::kScenario, big);  // tasks: minItems 1
  ASSERT_TRUE(bad.on_disk);
  for (int i = 0; i < 2; ++i) {  // reported both times: never cached
    Diagnostics d;
    Reporter r(d, "bad.json");
    EXPECT_FALSE(check_schema(Kind::kScenario, big, r));
    EXPECT_GT(r.errors(), 0u);
  }
  EXPECT_FALSE(schema_known_valid(bad));
  EXPECT_EQ(markers(), 0u);

  const SchemaCacheKey good{std::string(64, 'a'), true};
  EXPECT_FALSE(schema_known_valid(good));
  remember_schema_valid(good);
  EXPECT_TRUE(schema_known_valid(good));
  EXPECT_TRUE(fs::exists(dir_ / "schema_ok" / good.hex));
}

// A shipped SoC file, made unique so that no earlier test in this process has seen it.
Json unique_soc(const std::string& tag) {
  std::ifstream in(std::string(SOCSIM_SOURCE_DIR) + "/socs/snapdragon865.json");
  Json doc = Json::parse(in);
  doc["display_name"] = doc["display_name"].get<std::string>() + " " + tag + " " + ::testing::TempDir();
  return doc;
}

TEST_F(SchemaCacheTest, AValidSocLeavesItsMarkerAndOffDisablesTheDisk) {
  Diagnostics d;
  Reporter r(d, "soc.json");
  EXPECT_TRUE(check_schema(Kind::kSoc, unique_soc("marker"), r));
  EXPECT_EQ(markers(), 1u);
  EXPECT_TRUE(check_schema(Kind::kSoc, unique_soc("marker"), r));  // found: no second marker
  EXPECT_EQ(markers(), 1u);
  fs::remove_all(dir_);
  ::setenv("SOCSIM_CACHE_DIR", "off", 1);
  EXPECT_TRUE(check_schema(Kind::kSoc, unique_soc("off"), r));
  EXPECT_FALSE(fs::exists(dir_));
  EXPECT_EQ(r.errors(), 0u);
}

}  // namespace
}  // namespace socsim::config
