// Reading and parsing config files: syntax errors, duplicate keys, unreadable and oversized files.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/campaign/campaign.h"
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
  EXPECT_EQ(diags[0].message, "is a directory (expected a regular file)");
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

// --- Inputs that are not plain files, and strings no config needs (issue 20) ------------------

// A scratch folder per test.
class InputFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("socsim_inputs_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(InputFiles, AFifoIsRefusedWithoutWaitingForAWriter) {
  ASSERT_EQ(::mkfifo(path("soc.json").c_str(), 0600), 0);
  auto diags = diagnostics_of([&] { load_soc(path("soc.json")); });  // would block forever if opened plainly
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message, "is a FIFO (named pipe) (expected a regular file)");
}

TEST_F(InputFiles, ADeviceIsRefused) {
  auto diags = diagnostics_of([] { load_soc("/dev/zero"); });
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message, "is a character device (expected a regular file)");
}

TEST_F(InputFiles, ASymbolicLinkLoopIsAnInputError) {
  std::filesystem::create_symlink(path("b.json"), path("a.json"));
  std::filesystem::create_symlink(path("a.json"), path("b.json"));
  auto diags = diagnostics_of([&] { load_soc(path("a.json")); });
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("symbolic link loop"), std::string::npos) << diags[0].message;
}

TEST_F(InputFiles, ALoopAmongModelFilesIsReportedNotThrown) {
  std::filesystem::copy(fixture("models"), path("models"), std::filesystem::copy_options::recursive);
  std::filesystem::create_symlink(path("models/b.json"), path("models/a.json"));
  std::filesystem::create_symlink(path("models/a.json"), path("models/b.json"));
  auto diags = diagnostics_of([&] { load_model_library(path("models")); });
  EXPECT_TRUE(testing::has_diagnostic(diags, {"models/a.json: error: cannot read file: too many levels of symbolic links"}))
      << testing::listing(diags);
}

TEST_F(InputFiles, ANulInsideAReferencedPathIsRejectedNotCutOff) {
  std::ifstream in(fixture("scenarios/valid.json"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string soc = "\"../socs/tiny.json\"";
  ASSERT_NE(text.find(soc), std::string::npos);
  text.replace(text.find(soc), soc.size(), "\"../socs/tiny.json\\u0000.txt\"");
  std::filesystem::copy(fixture("socs"), path("socs"), std::filesystem::copy_options::recursive);
  std::filesystem::copy(fixture("models"), path("models"), std::filesystem::copy_options::recursive);
  std::filesystem::create_directories(path("scenarios"));
  std::ofstream(path("scenarios/nul.json")) << text;
  auto diags = diagnostics_of([&] { load_scenario(path("scenarios/nul.json")); });
  EXPECT_TRUE(testing::has_diagnostic(diags, {"/soc: the string contains a NUL character"})) << testing::listing(diags);
}

TEST_F(InputFiles, LongStringsAreRejectedBeforeTheSchemaAndLongIdentifiersDoNotCrashIt) {
  // 100 000 characters: over the 65 536-byte cap on any string. 1 000 000 characters below a
  // pattern would have overflowed std::regex's recursion many times over (the cap stops it first).
  std::ofstream(path("long.json")) << "{\"name\": \"" << std::string(100000, 'a') << "\"}";
  auto diags = diagnostics_of([&] { load_soc(path("long.json")); });
  ASSERT_EQ(diags.size(), 1u) << testing::listing(diags);
  EXPECT_EQ(diags[0].pointer, "/name");
  EXPECT_EQ(diags[0].message, "a string of 100000 bytes is too long (expected at most 65536)");
  // 60 000 characters: under the cap, so the identifier pattern (checked in code) sees it.
  std::ofstream(path("long.json"), std::ios::trunc) << "{\"name\": \"A" << std::string(60000, 'a') << "\"}";
  diags = diagnostics_of([&] { load_soc(path("long.json")); });
  EXPECT_TRUE(testing::has_diagnostic(diags, {"/name: \"Aaaaa", "does not match the pattern ^[a-z][a-z0-9_]*$"}))
      << testing::listing(diags);
}

TEST_F(InputFiles, ASyntaxErrorEchoesAtMost40BytesOfWhatWasRead) {
  // A reference to a file that is not a config (say, one holding a secret on its first line).
  std::ofstream(path("secret.json")) << "\"" << std::string(500, 's') << "\n";
  auto diags = diagnostics_of([&] { load_soc(path("secret.json")); });
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("last read: '\"" + std::string(39, 's') + "...'"), std::string::npos)
      << diags[0].message;
  EXPECT_EQ(diags[0].message.find(std::string(40, 's')), std::string::npos) << diags[0].message;
}

TEST_F(InputFiles, PatternsInArraysAndOnPropertyNamesAreStillChecked) {
  std::ofstream(path("c.json")) << R"({"name": "c", "base": "x.json", "set": {"duration_s": 1},
                                       "axes": [{"name": "Bad Axis", "values": [1]}]})";
  auto diags = diagnostics_of([&] { load_campaign(path("c.json")); });
  EXPECT_TRUE(testing::has_diagnostic(diags, {"/axes/0/name: \"Bad Axis\" does not match the pattern"}))
      << testing::listing(diags);
  EXPECT_TRUE(testing::has_diagnostic(diags, {"/set/duration_s: \"duration_s\" does not match the pattern ^/"}))
      << testing::listing(diags);
}

}  // namespace
}  // namespace socsim::config
