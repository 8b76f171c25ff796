// Calibration of the CPU thread-placement model against public measurements: the ncnn benchmark
// table for the Snapdragon 8 Gen 2 (DATA.md; fp32, ms): 1 thread on the big core, 4 big threads,
// 8 threads over all cores. The parallel fraction p of each model is fitted from the first two
// points; the model must then predict the third from the preset's per-core DNN speeds alone.
#include <gtest/gtest.h>

#include "sim/config/config.h"
#include "sim/hw/cpu_placement.h"

namespace socsim {
namespace {

struct NcnnPoint {
  const char* model;
  double one_big, four_big, eight_all;
};

// Time of `threads` threads placed big-first on the preset's CPU, relative to one thread on the
// fastest core, for parallel fraction p.
double relative_time(const spec::Processor& cpu, int threads, double p) {
  const auto placed = hw::place_big_first(cpu, threads);
  double v_main = 0, v_min = 1e9;
  for (size_t k = 0; k < placed.size(); ++k) {
    if (placed[k] == 0) continue;
    const double v = cpu.clusters[k].dnn_speed;
    if (v_main == 0) v_main = v;
    v_min = std::min(v_min, v);
  }
  return hw::parallel_time(p, threads, v_main, v_min) / hw::parallel_time(p, 1, v_main, v_main);
}

// p such that relative_time(4) equals the measured 4-big / 1-big ratio (bisection; monotone in p).
double fit_p(const spec::Processor& cpu, double ratio4) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (relative_time(cpu, 4, mid) > ratio4 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double predict_eight(const spec::Processor& cpu, const NcnnPoint& pt) {
  const double p = fit_p(cpu, pt.four_big / pt.one_big);
  return pt.one_big * relative_time(cpu, 8, p);
}

spec::Processor sd8gen2_cpu() {
  const auto soc = config::load_soc(SOCSIM_SOURCE_DIR "/socs/snapdragon8gen2.json");
  return soc.processors.at(static_cast<size_t>(soc.find_processor("cpu")));
}

TEST(CpuCalibration, Snapdragon8Gen2EightThreadPointsOfTheCalibrationModels) {
  const auto cpu = sd8gen2_cpu();
  // The two points the A510 DNN speed was calibrated on: within 2 %.
  for (const NcnnPoint& pt : {NcnnPoint{"MobileNetV2", 10.02, 3.23, 6.53}, NcnnPoint{"ResNet-50", 53.96, 18.94, 36.06}}) {
    EXPECT_NEAR(predict_eight(cpu, pt), pt.eight_all, 0.02 * pt.eight_all) << pt.model;
  }
}

TEST(CpuCalibration, Snapdragon8Gen2PredictsHeldOutModels) {
  const auto cpu = sd8gen2_cpu();
  // Models not used for calibration: within 25 %. (MobileNetV3 and BlazeFace are left out: they
  // are so small that per-layer synchronisation, which the model ignores, dominates 8 threads.)
  for (const NcnnPoint& pt : {NcnnPoint{"EfficientNet-B0", 18.88, 5.74, 9.94}, NcnnPoint{"GoogLeNet", 35.59, 11.59, 21.07}}) {
    EXPECT_NEAR(predict_eight(cpu, pt), pt.eight_all, 0.25 * pt.eight_all) << pt.model;
  }
}

TEST(CpuCalibration, EightThreadsOverAllClustersAreSlowerThanFourBigThreads) {
  const auto cpu = sd8gen2_cpu();
  // The straggler effect of DATA.md's note: spilling onto LITTLE cores costs about 2x.
  const double p = fit_p(cpu, 3.23 / 10.02);
  EXPECT_GT(relative_time(cpu, 8, p) / relative_time(cpu, 4, p), 1.8);
}

}  // namespace
}  // namespace socsim
