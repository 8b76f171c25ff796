#include "sim/core/rng.h"

#include <gtest/gtest.h>

#include <cmath>

namespace socsim {
namespace {

// Pinned first values: a change here changes every trace socsim has ever written. Update only
// deliberately, together with the golden runs.
TEST(RngStream, FirstValuesArePinned) {
  RngStream r(42, "pinned");
  EXPECT_EQ(r.next_u64(), 0x25F14407270FF16CULL);
  EXPECT_EQ(r.next_u64(), 0x25DF1961322BBD52ULL);
  RngStream u(42, "pinned");
  EXPECT_DOUBLE_EQ(u.uniform(), 0.14821267294524865);
  RngStream e(42, "pinned");
  EXPECT_DOUBLE_EQ(e.exponential(2.0), 0.080209199722517263);
  RngStream n(42, "pinned");
  EXPECT_DOUBLE_EQ(n.normal(0.0, 1.0), -0.096021635444940162);
  EXPECT_DOUBLE_EQ(n.normal(0.0, 1.0), -0.096097298262075456);
  RngStream l(42, "pinned");
  EXPECT_DOUBLE_EQ(l.lognormal_mean_sd(10.0, 1.0), 9.8555193688991363);
}

TEST(RngStream, SplitMix64MatchesReferenceOutput) {
  // Reference: the first outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
  uint64_t s = 0;
  EXPECT_EQ(splitmix64(s), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(splitmix64(s), 0x6E789E6AA1B965F4ULL);
}

TEST(RngStream, StreamsWithDifferentNamesDiffer) {
  RngStream a(1, "arrivals/a"), b(1, "arrivals/b");
  EXPECT_NE(a.next_u64(), b.next_u64());
}

TEST(RngStream, SameSeedAndNameReproduce) {
  RngStream a(7, "x"), b(7, "x");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u64(), b.next_u64());
}

TEST(RngStream, UniformStaysInRange) {
  RngStream r(3, "u");
  for (int i = 0; i < 100000; ++i) {
    const double x = r.uniform();
    ASSERT_GE(x, 0.0);
    ASSERT_LT(x, 1.0);
  }
}

// Moments within 5 standard errors over 200k draws: would fail for a wrong parameterisation.
TEST(RngStream, DistributionMomentsMatchTheirParameters) {
  const int n = 200000;
  RngStream r(11, "moments");
  double se = 0, sn = 0, sn2 = 0, sl = 0, sl2 = 0;
  for (int i = 0; i < n; ++i) {
    se += r.exponential(4.0);
    const double x = r.normal(3.0, 2.0);
    sn += x;
    sn2 += x * x;
    const double y = r.lognormal_mean_sd(10.0, 2.0);
    sl += y;
    sl2 += y * y;
  }
  EXPECT_NEAR(se / n, 0.25, 5 * 0.25 / std::sqrt(n));
  EXPECT_NEAR(sn / n, 3.0, 5 * 2.0 / std::sqrt(n));
  EXPECT_NEAR(std::sqrt(sn2 / n - (sn / n) * (sn / n)), 2.0, 0.02);
  EXPECT_NEAR(sl / n, 10.0, 5 * 2.0 / std::sqrt(n));
  EXPECT_NEAR(std::sqrt(sl2 / n - (sl / n) * (sl / n)), 2.0, 0.05);
}

TEST(RngStream, LognormalWithZeroSpreadIsTheMean) {
  RngStream r(1, "l");
  EXPECT_EQ(r.lognormal_mean_sd(12.5, 0.0), 12.5);
}

}  // namespace
}  // namespace socsim
