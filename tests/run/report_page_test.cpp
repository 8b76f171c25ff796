// The report's page assembly and the CSV reader it shares with compare: placeholders filled once
// (inserted text is never re-scanned), the data unable to close its script element, every asset
// embedded, CSV round trips through csv_cell. (End-to-end: tests/cli/test_report*.py.)
#include "cli/report_page.h"

#include <gtest/gtest.h>

#include "cli/sweep/merge.h"
#include "sim/core/csv.h"

namespace socsim::cli {
namespace {

TEST(ReportPage, EmbedsEveryAssetAndFillsEveryPlaceholder) {
  for (const char* name : {"report.html", "report.css", "report.js", "uPlot.iife.min.js", "uPlot.min.css"})
    EXPECT_FALSE(report_asset(name).empty()) << name;
  EXPECT_TRUE(report_asset("nope.js").empty());
  const std::string page = render_report_page("a <title> & \"more\"", R"({"kind": "run"})");
  EXPECT_EQ(page.find("@@"), std::string::npos);
  EXPECT_NE(page.find("<title>a &lt;title&gt; &amp; &quot;more&quot;</title>"), std::string::npos);
  EXPECT_NE(page.find(R"(<script type="application/json" id="report-data">{"kind": "run"}</script>)"), std::string::npos);
  EXPECT_NE(page.find(std::string(report_asset("uPlot.iife.min.js"))), std::string::npos);
  EXPECT_NE(page.find("Content-Security-Policy"), std::string::npos);
}

TEST(ReportPage, DataCannotCloseItsScriptOrInjectPlaceholders) {
  const std::string page = render_report_page("t", R"({"x": "</script><script>alert(1)</script> @@DATA@@"})");
  EXPECT_NE(page.find(R"({"x": "\u003c/script>\u003cscript>alert(1)\u003c/script> @@DATA@@"})"), std::string::npos);
  EXPECT_EQ(page.find("<script>alert(1)"), std::string::npos);
}

}  // namespace
}  // namespace socsim::cli
