// socsim calibrate's fit (sim/calib/fit.h) on synthetic measurements generated from known
// parameters with the model's own formulas: the fit must recover the parameters, and
// leave-one-out must predict every linked point. The priors are weakened 1000x (kData) so that the
// data alone decide; with them the identifiable parameters must come back within 1 %.
#include <gtest/gtest.h>

#include "sim/calib/fit.h"
#include "sim/hw/cpu_placement.h"

namespace socsim::calib {
namespace {

Device device(const std::string& name, std::vector<Device::Cluster> clusters) {
  Device d;
  d.name = name;
  d.clusters = std::move(clusters);
  d.processors = {"cpu", "gpu", "npu"};
  return d;
}

struct TrueSoc { double theta, little, overhead, one; };  // one: the core 1-thread rows ran on
struct TrueModel { std::string name; double work, p; };

const std::map<std::string, TrueSoc> kSocs = {{"a", {1.0, 0.22, 2.0, 0.9}}, {"b", {1.6, 0.18, 0.5, 0.97}}};
const std::vector<TrueModel> kModels = {{"m1", 10, 0.9}, {"m2", 40, 0.95}, {"m3", 3, 0.8}, {"m4", 25, 0.85}};

MeasurementSet synthetic() {
  MeasurementSet set;
  set.devices["a"] = device("a", {{1, 1.0}, {3, 0.8}, {4, 0.3}});
  set.devices["b"] = device("b", {{1, 1.0}, {4, 0.85}, {3, 0.25}});
  int line = 2;
  for (const auto& [soc, t] : kSocs) {
    const double v4 = set.devices[soc].clusters[1].speed;
    for (const auto& m : kModels) {
      for (int threads : {1, 2, 4, 8}) {
        const double vmin = threads == 1 ? t.one : threads <= 4 ? v4 : t.little;
        const double vmain = threads == 1 ? t.one : 1;
        set.rows.push_back({soc, "cpu", "synthetic", m.name, "fp32", "test", "", threads,
                            m.work / t.theta * hw::parallel_time(m.p, threads, vmain, vmin), line++});
      }
      set.rows.push_back({soc, "gpu", "synthetic", m.name, "fp16", "test", "", 0, t.overhead + m.work / (3 * t.theta), line++});
    }
  }
  set.rows.push_back({"a", "npu", "synthetic", "m1", "fx8", "test", "", 0, 1.0, line++});  // alone in its group
  for (const auto& m : kModels) set.models[m.name] = "";
  return set;
}

constexpr double kData = 1e-3;  // prior_weight: the data decide

const GroupFit& group(const Calibration& cal, const std::string& processor) {
  for (const auto& g : cal.groups)
    if (g.key.processor == processor) return g;
  throw std::runtime_error("no group " + processor);
}

TEST(CalibrationFit, RecoversThroughputParallelFractionLittleSpeedAndSingleThreadPlacement) {
  const auto set = synthetic();
  const auto cal = calibrate(set, kData);
  const auto& g = group(cal, "cpu");
  const double scale = g.socs.at("a").throughput;  // W and θ are known up to one common factor
  EXPECT_NEAR(g.socs.at("b").throughput / scale, 1.6, 0.016);
  for (const auto& m : kModels) {
    EXPECT_NEAR(g.models.at(m.name).work / scale, m.work, 0.01 * m.work) << m.name;
    EXPECT_NEAR(g.models.at(m.name).parallel_frac, m.p, 0.01) << m.name;
  }
  EXPECT_NEAR(g.socs.at("a").little_speed, 0.22, 0.0022);
  EXPECT_NEAR(g.socs.at("b").little_speed, 0.18, 0.0018);
  // The single thread ran on neither the fastest nor the slowest big core: its speed comes back too.
  EXPECT_NEAR(g.socs.at("a").one_thread_speed, 0.9, 0.009);
  EXPECT_NEAR(g.socs.at("b").one_thread_speed, 0.97, 0.0097);
}

TEST(CalibrationFit, RecoversAcceleratorThroughputRatioAndRelativeOverhead) {
  const auto cal = calibrate(synthetic(), kData);
  const auto& g = group(cal, "gpu");
  // With a free work per model only c_b - (θ_a/θ_b) c_a is identifiable (fit.h); it is 0.5 - 2/1.6.
  const double r = g.socs.at("a").throughput / g.socs.at("b").throughput;
  EXPECT_NEAR(1 / r, 1.6, 0.016);
  EXPECT_NEAR(g.socs.at("b").overhead_ms - r * g.socs.at("a").overhead_ms, 0.5 - 2.0 / 1.6, 0.0075);
}

TEST(CalibrationFit, LeaveOneOutPredictsLinkedPointsAndFlagsLonePoints) {
  const auto set = synthetic();
  const auto cal = calibrate(set, kData);
  ASSERT_EQ(cal.loo.size(), set.rows.size());
  for (const auto& p : cal.loo) {
    if (p.row->processor == "npu") {
      EXPECT_FALSE(p.predictable);
      EXPECT_NE(p.why_not.find("only point"), std::string::npos) << p.why_not;
    } else {
      EXPECT_TRUE(p.predictable) << p.row->line;
      EXPECT_LT(p.ape, 0.01) << p.row->soc << " " << p.row->model << " " << p.row->threads;
    }
  }
}

TEST(CalibrationFit, APointWhoseModelAndSocAreNotLinkedIsNotPredictable) {
  MeasurementSet set;
  set.devices["a"] = device("a", {{4, 1.0}});
  set.devices["b"] = device("b", {{4, 1.0}});
  set.rows = {{"a", "gpu", "r", "m1", "fp32", "s", "", 0, 5, 2}, {"a", "gpu", "r", "m2", "fp32", "s", "", 0, 9, 3},
              {"b", "gpu", "r", "m3", "fp32", "s", "", 0, 4, 4}, {"b", "gpu", "r", "m1", "fp32", "s", "", 0, 3, 5}};
  const auto cal = calibrate(set);
  // Without row 5, m1 is measured only on a and SoC b only with m3: nothing links m1 and b.
  EXPECT_FALSE(cal.loo[3].predictable);
  EXPECT_EQ(cal.loo[3].why_not, "no chain of other points links its model and SoC");
}

}  // namespace
}  // namespace socsim::calib
