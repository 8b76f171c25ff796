// The one CSV writer and reader (sim/core/csv.h): RFC 4180 quoting, the spreadsheet-formula
// defence, and the line each record read starts on (which diagnostics name).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/core/csv.h"
#include "sim/core/error.h"

namespace socsim {
namespace {

TEST(Csv, QuotesCellsWithSeparatorsQuotesAndNewlines) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell("/tmp/a,b/run.h5"), "\"/tmp/a,b/run.h5\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("cr\r"), "\"cr\r\"");
}

TEST(Csv, EscapesFormulaLikeTextButNotNumbers) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_cell("+cmd"), "'+cmd");
  EXPECT_EQ(csv_cell("-2+3"), "'-2+3");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("-1.5"), "-1.5");
  EXPECT_EQ(csv_cell("+3e-2"), "'+3e-2");  // from_chars reads no leading '+': text, escaped
  EXPECT_EQ(csv_cell("-7"), "-7");
  EXPECT_EQ(csv_cell("a=b"), "a=b");
}

TEST(Csv, RowsJoinCellsAndNumbersStayNumbers) {
  CsvRow row;
  row.text("x,y").num(-1.5).num(0.1).num(2.0 / 3.0, 3).fixed(1.26, 1).integer(-4).num(NAN).empty().text("=1");
  EXPECT_EQ(row.line(), "\"x,y\",-1.5,0.1,0.667,1.3,-4,,,'=1\n");
}

TEST(ParseCsv, RoundTripsWhatCsvCellWrites) {
  const std::vector<std::string> fields = {"plain", "a,b", "say \"hi\"", "two\nlines", "", "=1+2"};
  std::string text;
  for (size_t i = 0; i < fields.size(); ++i) text += (i ? "," : "") + csv_cell(fields[i]);
  text += "\n1,2,3,4,5,6\n\n";
  const auto records = parse_csv(text, "f.csv");
  ASSERT_EQ(records.size(), 2u);
  std::vector<std::string> expected = fields;
  expected.back() = "'=1+2";  // the formula escape stays: it is part of the cell
  EXPECT_EQ(records[0].fields, expected);
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"1", "2", "3", "4", "5", "6"}));
  EXPECT_TRUE(parse_csv("", "f.csv").empty());
}

TEST(ParseCsv, QuotedFieldsHoldCommasQuotesAndNewlinesAndKeepTheirStartLine) {
  const auto recs = parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"two\nlines\",z\nlast,", "f.csv");
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"x, y", "say \"hi\""}));
  EXPECT_EQ(recs[2].line, 4);  // the blank line 3 is skipped
  EXPECT_EQ(recs[2].fields, (std::vector<std::string>{"two\nlines", "z"}));
  EXPECT_EQ(recs[3].line, 6);
  EXPECT_EQ(recs[3].fields, (std::vector<std::string>{"last", ""}));
}

TEST(ParseCsv, AnUnterminatedQuoteIsAnErrorAtItsRecordsLine) {
  try {
    parse_csv("a,b\n1,\"open\n2,3\n", "f.csv");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].format(), "f.csv:2: error: unterminated quoted field");
  }
}

}  // namespace
}  // namespace socsim
