#include "sim/workload/arrival_source.h"

#include <gtest/gtest.h>

#include <cmath>

namespace socsim {
namespace {

TEST(ArrivalSource, PeriodicArrivalsAreExactMultiplesOfThePeriodWithoutDrift) {
  ArrivalSource s({spec::Arrival::Kind::kPeriodic, 30.0, Duration::ms(5)}, 1, "a");
  EXPECT_EQ(s.next().ns(), 5'000'000);
  EXPECT_EQ(s.next().ns(), 5'000'000 + 33'333'333);
  EXPECT_EQ(s.next().ns(), 5'000'000 + 66'666'667);
  Time t;
  for (int k = 3; k <= 30000; ++k) t = s.next();
  // The 30000th period ends exactly 1000 s after the offset: no accumulated rounding.
  EXPECT_EQ(t.ns(), 5'000'000 + 1'000'000'000'000);
}

TEST(ArrivalSource, PoissonArrivalsHaveTheRequestedMeanRate) {
  ArrivalSource s({spec::Arrival::Kind::kPoisson, 50.0, Duration{}}, 9, "p");
  const int n = 100000;
  Time last;
  for (int i = 0; i < n; ++i) {
    const Time t = s.next();
    ASSERT_GE(t, last);
    last = t;
  }
  const double rate = n / last.to_s();
  EXPECT_NEAR(rate, 50.0, 5 * 50.0 / std::sqrt(n));  // 5 standard errors
}

TEST(ArrivalSource, PoissonStreamDependsOnSeedAndName) {
  spec::Arrival a{spec::Arrival::Kind::kPoisson, 10.0, Duration{}};
  ArrivalSource s1(a, 1, "t"), s2(a, 1, "t"), s3(a, 2, "t"), s4(a, 1, "u");
  const auto t1 = s1.next();
  EXPECT_EQ(t1, s2.next());
  EXPECT_NE(t1, s3.next());
  EXPECT_NE(t1, s4.next());
}

}  // namespace
}  // namespace socsim
