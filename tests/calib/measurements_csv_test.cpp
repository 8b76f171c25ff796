// The measurement files' devices (sim/calib/measurements.h); their CSV reader is tests/core/csv_test.cpp's.
#include <gtest/gtest.h>

#include "sim/calib/measurements.h"
#include "sim/core/error.h"

namespace socsim::calib {
namespace {

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
