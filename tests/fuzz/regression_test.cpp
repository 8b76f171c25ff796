// Replays every input under tests/data/fuzz_regressions/<target>/ and .../common/ (crashers the
// fuzz job found, and hand-written edge cases) through the fuzz harnesses' entry points, built
// with the normal compiler: each must load or be rejected with a ConfigError. A crash fails the
// test binary. The same folders seed the fuzzers (tests/fuzz/build_corpus.py).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>
#include <string>

#include "tests/fuzz/fuzz_entry.h"

namespace socsim::fuzz {

// Test names and ctest names read ".../scenario" rather than a dump of the enum's bytes.
void PrintTo(Target t, std::ostream* os) { *os << to_string(t); }

namespace {

namespace fs = std::filesystem;

const fs::path kRegressions = fs::path(SOCSIM_TEST_DATA) / "fuzz_regressions";

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const Sandbox& sandbox() {
  static const Sandbox s(fs::path(SOCSIM_TEST_DATA) / "config");
  return s;
}

class FuzzRegressions : public ::testing::TestWithParam<Target> {};

// Sorted, so that failures read the same on every run.
std::set<fs::path> files_in(const fs::path& dir) {
  std::set<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) files.insert(entry.path());
  return files;
}

TEST_P(FuzzRegressions, EveryInputLoadsOrIsAConfigError) {
  std::set<fs::path> files = files_in(kRegressions / "common");
  files.merge(files_in(kRegressions / to_string(GetParam())));
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    EXPECT_NO_THROW(sandbox().feed(GetParam(), read_bytes(file)));
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzRegressions, ::testing::ValuesIn(kAllTargets),
                         [](const auto& info) { return std::string(to_string(info.param)); });

// The sandbox lays the fixtures out so that valid inputs load: otherwise every fuzzed scenario
// would stop at an unresolved reference and the deeper checks would never be exercised.
TEST(FuzzSandbox, ValidFixturesLoad) {
  const fs::path config = fs::path(SOCSIM_TEST_DATA) / "config";
  EXPECT_TRUE(sandbox().feed(Target::kSoc, read_bytes(config / "socs/tiny.json")));
  EXPECT_TRUE(sandbox().feed(Target::kModelFamily, read_bytes(config / "models/tinynet.json")));
  EXPECT_TRUE(sandbox().feed(Target::kProfiles, read_bytes(config / "models/profiles/tinysoc.json")));
  EXPECT_TRUE(sandbox().feed(Target::kScenario, read_bytes(config / "scenarios/valid.json")));
  EXPECT_TRUE(sandbox().feed(Target::kValidate, read_bytes(config / "scenarios/valid.json")));
  EXPECT_TRUE(sandbox().feed(Target::kCampaign, read_bytes(config / "campaigns/valid.json")));
  EXPECT_TRUE(sandbox().feed(Target::kCampaign, read_bytes(config / "campaigns/scenario_axis.json")));
  EXPECT_FALSE(sandbox().feed(Target::kScenario, read_bytes(config / "scenarios/missing_soc.json")));
}

}  // namespace
}  // namespace socsim::fuzz
