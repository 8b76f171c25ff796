#include "solver/optimality.h"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace socsim::solver {
namespace {

using spec::Metric;

// The worked example: 3 designs x 2 objectives, accuracy (%) maximised and latency (ms) minimised.
//   design  accuracy  latency
//   A       80        10
//   B       60         5
//   C       40        20
// best accuracy = 80, best latency = 5, so the normalised scores s = (s_acc, s_lat) are
//   A: (80/80, 5/10) = (1, 0.5)    B: (60/80, 5/5) = (0.75, 1)    C: (40/80, 5/20) = (0.5, 0.25)
const std::vector<std::vector<double>> kValues = {{80, 10}, {60, 5}, {40, 20}};

std::vector<spec::Objective> objectives(double w_acc, double w_lat) {
  return {{Metric::kAccuracy, true, w_acc}, {Metric::kLatencyMean, false, w_lat}};
}

void expect_scores(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-6) << "design " << i;
}

TEST(Optimality, NamesAreTheFiveDocumentedDefaultFirst) {
  EXPECT_EQ(optimality_names(), (std::vector<std::string>{"ratio_product", "ratio_geomean", "ratio_min",
                                                          "utopia_distance", "weighted_sum"}));
}

TEST(Optimality, RatioProductMultipliesTheScores) {
  // A: 1 * 0.5 = 0.5    B: 0.75 * 1 = 0.75    C: 0.5 * 0.25 = 0.125
  expect_scores(optimality("ratio_product", objectives(1, 1), kValues), {0.5, 0.75, 0.125});
}

TEST(Optimality, RatioGeomeanIsTheRootOfTheProduct) {
  // (product)^(1/2): A sqrt(0.5) = 0.707107, B sqrt(0.75) = 0.866025, C sqrt(0.125) = 0.353553
  expect_scores(optimality("ratio_geomean", objectives(1, 1), kValues), {0.707107, 0.866025, 0.353553});
}

TEST(Optimality, RatioMinTakesTheWorstScore) {
  // A min(1, 0.5) = 0.5    B min(0.75, 1) = 0.75    C min(0.5, 0.25) = 0.25
  expect_scores(optimality("ratio_min", objectives(1, 1), kValues), {0.5, 0.75, 0.25});
}

TEST(Optimality, UtopiaDistanceIsOneOverOnePlusTheDistanceToAllOnes) {
  // 1 - s: A (0, 0.5) -> |.| = 0.5 -> 1/1.5 = 0.666667;  B (0.25, 0) -> 0.25 -> 1/1.25 = 0.8;
  //        C (0.5, 0.75) -> sqrt(0.25 + 0.5625) = 0.901388 -> 1/1.901388 = 0.525932
  expect_scores(optimality("utopia_distance", objectives(1, 1), kValues), {0.666667, 0.8, 0.525932});
}

TEST(Optimality, WeightedSumAveragesTheScores) {
  // A (1 + 0.5)/2 = 0.75    B (0.75 + 1)/2 = 0.875    C (0.5 + 0.25)/2 = 0.375
  expect_scores(optimality("weighted_sum", objectives(1, 1), kValues), {0.75, 0.875, 0.375});
}

// Weights (3, 1): accuracy counts thrice. Ratio optimalities use s^w:
//   A (1^3, 0.5) = (1, 0.5)    B (0.75^3, 1) = (0.421875, 1)    C (0.5^3, 0.25) = (0.125, 0.25)
// so A now beats B, where with weights (1, 1) B beat A.
TEST(Optimality, WeightsAreExponentsInTheRatioOptimalities) {
  const auto o = objectives(3, 1);
  // product: A 0.5, B 0.421875, C 0.125 * 0.25 = 0.03125
  expect_scores(optimality("ratio_product", o, kValues), {0.5, 0.421875, 0.03125});
  // geomean, root Σw = 4: A 0.5^(1/4) = 0.840896, B 0.421875^(1/4) = 0.75^(3/4) = 0.805927,
  //                        C 0.03125^(1/4) = 2^(-5/4) = 0.420448
  expect_scores(optimality("ratio_geomean", o, kValues), {0.840896, 0.805927, 0.420448});
  // min: A 0.5, B 0.421875, C 0.125
  expect_scores(optimality("ratio_min", o, kValues), {0.5, 0.421875, 0.125});
  // utopia: A (0, 0.5) -> 1/1.5 = 0.666667; B (0.578125, 0) -> 1/1.578125 = 0.633663;
  //         C (0.875, 0.75) -> sqrt(0.765625 + 0.5625) = 1.152443 -> 1/2.152443 = 0.464588
  expect_scores(optimality("utopia_distance", o, kValues), {0.666667, 0.633663, 0.464588});
}

TEST(Optimality, WeightsAreCoefficientsInTheWeightedSum) {
  // (3 s_acc + 1 s_lat) / 4 on the unweighted s: A 3.5/4 = 0.875, B 3.25/4 = 0.8125, C 1.75/4 = 0.4375
  expect_scores(optimality("weighted_sum", objectives(3, 1), kValues), {0.875, 0.8125, 0.4375});
}

TEST(Optimality, WeightZeroIgnoresTheObjective) {
  // Only latency counts: s_lat = 0.5, 1, 0.25.
  for (const auto& name : optimality_names())
    EXPECT_NEAR(optimality(name, objectives(0, 1), kValues)[2], name == "utopia_distance" ? 1 / 1.75 : 0.25, 1e-9)
        << name;
}

TEST(Optimality, BestIsTakenOverTheDesignsPassedIn) {
  // Without design A, best accuracy is 60: B (1, 1) = 1, C (40/60, 5/20) -> 0.666667 * 0.25 = 0.166667.
  expect_scores(optimality("ratio_product", objectives(1, 1), {{60, 5}, {40, 20}}), {1, 0.166667});
}

TEST(Optimality, NoObjectivesScoresEveryDesignOne) {
  for (const auto& name : optimality_names()) expect_scores(optimality(name, {}, {{}, {}, {}}), {1, 1, 1});
}

TEST(Optimality, AllWeightsZeroScoresEveryDesignOne) {
  for (const auto& name : optimality_names()) expect_scores(optimality(name, objectives(0, 0), kValues), {1, 1, 1});
}

TEST(Optimality, NoDesignsGiveAnEmptyResult) { EXPECT_TRUE(optimality("ratio_product", objectives(1, 1), {}).empty()); }

TEST(Optimality, ZeroValueAndZeroBestScoreOne) {
  // Maximised, every design 0: best = 0, s = 0/0 := 1 for all.
  const std::vector<spec::Objective> max_acc = {{Metric::kAccuracy, true, 1}};
  expect_scores(optimality("ratio_product", max_acc, {{0}, {0}}), {1, 1});
  // Maximised, best 50: a design at 0 scores 0/50 = 0.
  expect_scores(optimality("ratio_product", max_acc, {{0}, {50}}), {0, 1});
}

TEST(Optimality, MinimisedZeroIsTheBestAndEveryPositiveValueScoresZero) {
  // latency_sd minimised, values 0, 0, 2: best = 0; s = 0/0 := 1, 1, 0/2 = 0.
  const std::vector<spec::Objective> min_sd = {{Metric::kLatencySd, false, 1}};
  expect_scores(optimality("ratio_product", min_sd, {{0}, {0}, {2}}), {1, 1, 0});
  expect_scores(optimality("weighted_sum", min_sd, {{0}, {0}, {2}}), {1, 1, 0});
  // utopia: 1/(1 + |1 - 0|) = 0.5 for the third.
  expect_scores(optimality("utopia_distance", min_sd, {{0}, {0}, {2}}), {1, 1, 0.5});
}

TEST(Optimality, NegativeOrNonFiniteValuesAreRejected) {
  EXPECT_THROW(optimality("ratio_product", objectives(1, 1), {{80, 10}, {60, -5}}), std::invalid_argument);
  EXPECT_THROW(optimality("ratio_min", objectives(1, 1), {{80, 10}, {60, std::numeric_limits<double>::infinity()}}),
               std::invalid_argument);
}

TEST(Optimality, NegativeWeightsAndRaggedValuesAreRejected) {
  EXPECT_THROW(optimality("ratio_product", objectives(-1, 1), kValues), std::invalid_argument);
  EXPECT_THROW(optimality("ratio_product", objectives(1, 1), {{80, 10}, {60}}), std::invalid_argument);
}

TEST(Optimality, UnknownNameListsTheKnownOnes) {
  try {
    optimality("ratio_prod", objectives(1, 1), kValues);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("\"ratio_prod\""), std::string::npos) << m;
    EXPECT_NE(m.find("ratio_product, ratio_geomean, ratio_min, utopia_distance, weighted_sum"), std::string::npos) << m;
  }
  EXPECT_THROW(optimality("nope", {}, {}), std::invalid_argument);  // even with nothing to score
}

}  // namespace
}  // namespace socsim::solver
