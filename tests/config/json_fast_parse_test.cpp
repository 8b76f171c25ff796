// The fast JSON path (sim/config/json_fast_parse_impl.h, simdjson): the same document as
// nlohmann's own parser for every shipped config file and for edge values, and a refusal for everything the diagnostic parser reports
// (whose messages json_parse_test.cpp checks through parse_file, fast path included).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/config/input_file_impl.h"
#include "sim/config/json_fast_parse_impl.h"

namespace socsim::config {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every value's type, in document order: == on documents treats 1 (unsigned) and 1 (signed) alike.
std::string kinds(const Json& v) {
  std::string out(1, static_cast<char>('a' + static_cast<int>(v.type())));
  if (v.is_structured())
    for (const Json& child : v) out += kinds(child);
  return out;
}

TEST(JsonFastParse, ShippedFilesParseToTheSameDocument) {
  size_t files = 0;
  for (const char* dir : {"socs", "models", "models/profiles", "scenarios", "campaigns"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(SOCSIM_SOURCE_DIR) / dir)) {
      if (entry.path().extension() != ".json") continue;
      const std::string text = read_text(entry.path());
      std::optional<Json> fast = parse_clean_json(text);
      ASSERT_TRUE(fast.has_value()) << entry.path();
      EXPECT_EQ(*fast, Json::parse(text)) << entry.path();
      EXPECT_EQ(kinds(*fast), kinds(Json::parse(text))) << entry.path();  // same number kinds
      ++files;
    }
  }
  EXPECT_GT(files, 20u);
}

TEST(JsonFastParse, ValuesOfEveryKind) {
  const std::string text = R"({"a": [1, -2, 3.5, 1e3, 18446744073709551615, true, false, null, "s\u00e9"],
                               "b": {"c": {"d": []}, "e": {}}, "f": [[{"g": [[]]}], []]})";
  std::optional<Json> fast = parse_clean_json(text);
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(fast->dump(), Json::parse(text).dump());
  EXPECT_EQ(kinds(*fast), kinds(Json::parse(text)));
  EXPECT_TRUE(fast->at("a").at(0).is_number_unsigned());
  EXPECT_TRUE(fast->at("a").at(4).is_number_unsigned());
  EXPECT_TRUE(fast->at("a").at(1).is_number_integer());
  EXPECT_TRUE(fast->at("a").at(3).is_number_float());
}

// Where the two parsers could read a value differently, the fast path either agrees with
// nlohmann's own parser (same value, same number kind) or declines.
TEST(JsonFastParse, EdgeValuesAgreeWithNlohmannOrAreDeclined) {
  size_t accepted = 0;
  for (const char* text : {"[1]", "[0]", "[-1]", "[-0]", "[-0.0]", "[0.0]", "[1E2]", "[1e-320]", "[18446744073709551615]",
                           "[18446744073709551616]", "[9223372036854775808]", "[-9223372036854775808]",
                           "[-9223372036854775809]", "[123456789012345678901234567890]", "[1.7976931348623157e308]",
                           R"(["a\u0000b"])", R"(["\ud83d\ude00"])", R"(["\u00e9", "é"])", "[1.5e-7]"}) {
    std::optional<Json> fast = parse_clean_json(text);
    if (!fast) continue;
    ++accepted;
    const Json slow = Json::parse(text);
    EXPECT_EQ(fast->dump(), slow.dump()) << text;
    EXPECT_EQ(fast->at(0).type(), slow.at(0).type()) << text;
  }
  EXPECT_GE(accepted, 10u);
}

TEST(JsonFastParse, LeavesEveryProblemToTheDiagnosticParser) {
  EXPECT_FALSE(parse_clean_json(R"({"a": 1,})"));                  // syntax error
  EXPECT_FALSE(parse_clean_json(R"({"a": 1} x)"));                 // trailing text
  EXPECT_FALSE(parse_clean_json(""));                              // nothing at all
  EXPECT_FALSE(parse_clean_json(R"({"a": 1e999})"));               // beyond the range of double
  EXPECT_FALSE(parse_clean_json(R"({"a": 1, "b": {"a": 2, "a": 3}})"));  // duplicate key (nested)
  EXPECT_TRUE(parse_clean_json(R"({"a": 1, "b": {"a": 2}})"));     // the same key in two objects is fine
}

// What check_strings() reports is left to it, after the diagnostic parser.
TEST(JsonFastParse, LeavesBadStringsToCheckStrings) {
  const std::string longest(kMaxStringBytes, 'x');
  EXPECT_TRUE(parse_clean_json("{\"a\": \"" + longest + "\"}"));
  EXPECT_FALSE(parse_clean_json("{\"a\": \"" + longest + "x\"}"));  // value too long
  EXPECT_FALSE(parse_clean_json("{\"" + longest + "x\": 1}"));         // key too long
  EXPECT_FALSE(parse_clean_json(R"({"a": "x\u0000y"})"));              // NUL in a value
  EXPECT_FALSE(parse_clean_json(R"({"x\u0000": 1})"));                 // NUL in a key
}

TEST(JsonFastParse, InPlaceGivesTheSameDocumentAndKeepsTheText) {
  const std::string original = R"({"b": [1, -2, 2.5, "s", null, true], "a": {"c": "d"}})";
  for (size_t spare : {0u, 64u, 1000u}) {
    std::string text = original;
    text.reserve(text.size() + spare);
    std::optional<Json> doc = parse_clean_json_in_place(text);
    ASSERT_TRUE(doc);
    EXPECT_EQ(*doc, *parse_clean_json(original));
    EXPECT_EQ(kinds(*doc), kinds(*parse_clean_json(original)));
    EXPECT_EQ(text, original);
  }
  std::string bad = R"({"a": 1,})";
  EXPECT_FALSE(parse_clean_json_in_place(bad));
  EXPECT_EQ(bad, R"({"a": 1,})");
}

TEST(JsonFastParse, NestingLimitMatchesTheDiagnosticParser) {
  auto nested = [](int levels) { return std::string(static_cast<size_t>(levels), '[') + std::string(static_cast<size_t>(levels), ']'); };
  EXPECT_TRUE(parse_clean_json(nested(kMaxNesting)));
  EXPECT_FALSE(parse_clean_json(nested(kMaxNesting + 1)));
}

}  // namespace
}  // namespace socsim::config
