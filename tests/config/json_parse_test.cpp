// Reading and parsing config files: syntax errors, duplicate keys, unreadable and oversized files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/config/config_test_support.h"

namespace socsim::config {
namespace {

using testing::diagnostics_of;
using testing::fails_with;
using testing::fixture;

TEST(ConfigParsing, SyntaxErrorReportsLineAndColumn) {
  auto diags = diagnostics_of([] { validate_file(fixture("files/syntax_error.json")); });
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].line, 4);  // the missing comma is noticed at the next key
  EXPECT_EQ(diags[0].pointer, "");
  EXPECT_TRUE(testing::has_diagnostic(diags, {"files/syntax_error.json:4: error: syntax error at column 10",
                                              "unexpected string literal; expected '}'"}));
}

TEST(ConfigParsing, NumberBeyondTheRangeOfDoubleReportsLineAndColumn) {
  auto diags = diagnostics_of([] { validate_file(fixture("files/number_overflow.json")); });
  ASSERT_EQ(diags.size(), 1u) << testing::listing(diags);
  EXPECT_TRUE(
      testing::has_diagnostic(diags, {"files/number_overflow.json:2: error: number 1e999 is out of range (expected "
                                      "a number of magnitude at most 1.7976931348623157e+308)"}));
}

TEST(ConfigParsing, DuplicateKeyIsReportedWithPointerAndLines) {
  EXPECT_TRUE(
      fails_with("files/duplicate_key.json",
                 {"files/duplicate_key.json:10: error: /tasks/0/name: duplicate key \"name\" (first on line 8"}));
}

TEST(ConfigParsing, MissingFileIsAConfigErrorWithAnEmptyPointer) {
  auto diags = diagnostics_of([] { load_soc(fixture("socs/does_not_exist.json")); });
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].file, fixture("socs/does_not_exist.json"));
  EXPECT_EQ(diags[0].pointer, "");
  EXPECT_EQ(diags[0].message, "cannot read file: No such file or directory");
}

TEST(ConfigParsing, FolderInsteadOfFileIsAConfigError) {
  auto diags = diagnostics_of([] { load_soc(fixture("socs")); });
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message, "cannot read file: Is a directory");
}

TEST(ConfigParsing, NestingDeeperThan64LevelsIsRefused) {
  EXPECT_TRUE(fails_with("files/too_deep.json", {"too_deep.json:1: error: objects and arrays nested deeper than 64 "
                                                 "levels (expected at most 64)"}));
}

TEST(ConfigParsing, FilesLargerThan16MiBAreRefused) {
  const std::string path = ::testing::TempDir() + "socsim_config_too_large.json";
  {
    std::ofstream out(path);
    out << "{\"tasks\": \"" << std::string((16u << 20) + 1, 'x') << "\"}";
  }
  auto diags = diagnostics_of([&] { validate_file(path); });
  std::filesystem::remove(path);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message, "file is larger than 16 MiB (expected a config file of at most that size)");
}

TEST(ConfigParsing, FileOfUnknownKindIsRejected) {
  EXPECT_TRUE(fails_with("files/unknown_kind.json",
                         {"unknown_kind.json: error: cannot tell what kind of socsim file this is (expected a soc, "
                          "model_family, profiles, scenario or campaign file)"}));
}

}  // namespace
}  // namespace socsim::config
