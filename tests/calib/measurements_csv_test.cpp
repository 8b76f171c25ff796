// The CSV reader of the measurement files (sim/calib/measurements.h): RFC 4180 quoting and the
// line each record starts on, which every diagnostic names.
#include <gtest/gtest.h>

#include "sim/calib/measurements.h"
#include "sim/core/error.h"

namespace socsim::calib {
namespace {

TEST(MeasurementsCsv, QuotedFieldsHoldCommasQuotesAndNewlinesAndKeepTheirStartLine) {
  const auto recs = parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"two\nlines\",z\nlast,", "f.csv");
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"x, y", "say \"hi\""}));
  EXPECT_EQ(recs[2].line, 4);  // the blank line 3 is skipped
  EXPECT_EQ(recs[2].fields, (std::vector<std::string>{"two\nlines", "z"}));
  EXPECT_EQ(recs[3].line, 6);
  EXPECT_EQ(recs[3].fields, (std::vector<std::string>{"last", ""}));
}

TEST(MeasurementsCsv, AnUnterminatedQuoteIsAnErrorAtItsRecordsLine) {
  try {
    parse_csv("a,b\n1,\"open\n2,3\n", "f.csv");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].format(), "f.csv:2: error: unterminated quoted field");
  }
}

TEST(MeasurementsCsv, PresetDeviceSpeedsAreCapacityRatiosFastestFirst) {
  spec::Soc soc;
  soc.name = "p";
  spec::Processor cpu;
  cpu.kind = spec::ProcessorKind::kCpu;
  cpu.clusters = {{"big", "X", 2, 1024, 0, 0, {}}, {"little", "Y", 4, 256, 0.2, 0, {}}};
  spec::Processor gpu;
  gpu.kind = spec::ProcessorKind::kGpu;
  soc.processors = {cpu, gpu};
  const Device d = device_of(soc);
  ASSERT_EQ(d.clusters.size(), 2u);
  EXPECT_DOUBLE_EQ(d.clusters[1].speed, 0.25);  // capacity, not the stated dnn_speed (no feedback loop)
  EXPECT_EQ(d.total_cores(), 6);
  EXPECT_TRUE(d.processors.count("gpu") && d.processors.count("cpu") && !d.processors.count("npu"));
}

}  // namespace
}  // namespace socsim::calib
