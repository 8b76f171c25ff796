// The one CSV writer (sim/core/csv.h): RFC 4180 quoting and the spreadsheet-formula defence.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/core/csv.h"

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

}  // namespace
}  // namespace socsim
