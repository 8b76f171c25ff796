// The fast path for profile files whose bytes passed their schema before
// (sim/config/profiles_fast_read_impl.h): the same profiles as the full path for every shipped
// file, and a refusal (nothing reported) wherever the full path could report something.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/config/json_parse_impl.h"
#include "sim/config/model_loader_impl.h"
#include "sim/config/profiles_fast_read_impl.h"

namespace socsim::config {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void expect_same(const spec::Profile& a, const spec::Profile& b) {
  EXPECT_EQ(a.soc, b.soc);
  EXPECT_EQ(a.variant, b.variant);
  EXPECT_EQ(a.precision, b.precision);
  EXPECT_EQ(a.engine, b.engine);
  EXPECT_EQ(a.threads, b.threads);
  EXPECT_EQ(a.latency_mean.count_ns(), b.latency_mean.count_ns());
  EXPECT_EQ(a.latency_sd.count_ns(), b.latency_sd.count_ns());
  EXPECT_EQ(a.bandwidth_gbps, b.bandwidth_gbps);
  EXPECT_EQ(a.estimated, b.estimated);
  EXPECT_EQ(a.source, b.source);
}

TEST(ProfilesFastRead, ShippedFilesReadAsTheFullPathReadsThem) {
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(SOCSIM_SOURCE_DIR) / "models" / "profiles")) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    std::string text = read_text(entry.path());
    const std::string original = text;
    auto fast = read_known_profiles(text, entry.path().stem().string());
    EXPECT_EQ(text, original);
    ASSERT_TRUE(fast) << entry.path();
    Diagnostics d;
    Reporter r(d, entry.path().string());
    std::optional<Json> doc = parse_text(r, text);
    ASSERT_TRUE(doc);
    auto full = profiles_from_json(*doc, r);
    ASSERT_TRUE(full);
    ASSERT_EQ(fast->size(), full->size());
    for (size_t i = 0; i < full->size(); ++i) expect_same((*fast)[i], (*full)[i]);
  }
  EXPECT_GE(files, 5u);
}

std::string with_profile(const std::string& profile, const std::string& top = R"("soc": "s")") {
  return "{" + top + R"(, "profiles": [)" + profile + "]}";
}

TEST(ProfilesFastRead, ReadsOptionalKeysAsTheFullPath) {
  std::string text = with_profile(
      R"({"variant": "v", "precision": "fp16", "engine": "cpu", "threads": 2, "latency_ms": 12, "latency_sd_ms": 0.5,
          "bandwidth_gbps": 3, "source": "abc", "estimated": true, "method": "m"},
         {"variant": "w", "precision": "fx8", "engine": "npu", "latency_ms": 1.25, "source": "xyz"})",
      R"("description": "d", "soc": "s")");
  auto fast = read_known_profiles(text, "s");
  ASSERT_TRUE(fast);
  Diagnostics d;
  Reporter r(d, "s.json");
  auto full = profiles_from_json(*parse_text(r, text), r);
  ASSERT_TRUE(full);
  ASSERT_EQ(fast->size(), 2u);
  for (size_t i = 0; i < 2; ++i) expect_same((*fast)[i], (*full)[i]);
}

TEST(ProfilesFastRead, GivesUpWhereTheFullPathCouldReport) {
  const std::string ok = R"("variant": "v", "precision": "fp32", "engine": "gpu", "latency_ms": 2, "source": "abc")";
  auto refused = [](std::string text, std::string stem = "s") { return !read_known_profiles(text, stem); };
  EXPECT_FALSE(refused(with_profile("{" + ok + "}")));
  EXPECT_TRUE(refused(with_profile("{" + ok + "}"), "other"));                         // file named after another SoC
  EXPECT_TRUE(refused(with_profile("{" + ok + R"(, "variant": "w"})")));               // duplicate key
  EXPECT_TRUE(refused(with_profile("{" + ok + R"(, "extra": 1})")));                   // unknown key
  EXPECT_TRUE(refused(with_profile(R"({"variant": "v", "precision": "fp32", "engine": "gpu", "source": "abc"})")));
  EXPECT_TRUE(refused(with_profile("{" + ok + R"(, "estimated": true})")));            // no method
  EXPECT_TRUE(refused(with_profile("{" + ok + R"(, "latency_sd_ms": 1e-9})")));        // rounds to 0 ns
  EXPECT_TRUE(refused(with_profile("{" + ok + R"(, "threads": 2.0})")));               // not an integer
  EXPECT_TRUE(refused(with_profile("{" + ok + R"(, "bandwidth_gbps": -0})")));         // "-0"
  EXPECT_TRUE(refused(with_profile(R"({"variant": "v", "precision": "fp64", "engine": "gpu", "latency_ms": 2, "source": "abc"})")));
  EXPECT_TRUE(refused(with_profile(R"({"variant": "v\u0000", "precision": "fp32", "engine": "gpu", "latency_ms": 2, "source": "abc"})")));
  EXPECT_TRUE(refused(R"({"soc": "s", "soc": "s", "profiles": []})"));                  // duplicate top-level key
  EXPECT_TRUE(refused(R"({"soc": "s"})"));                                               // no profiles
  EXPECT_TRUE(refused(R"({"soc": "s", "profiles": [1]})"));
  EXPECT_TRUE(refused(R"({"soc": "s", "profiles": [})"));                                // syntax error
}

}  // namespace
}  // namespace socsim::config
