#include "sim/hw/max_min.h"

#include <gtest/gtest.h>

namespace socsim::hw {
namespace {

TEST(MaxMinShare, EnoughCapacityMeetsEveryDemand) {
  EXPECT_EQ(max_min_share(10, {1, 2, 3}), (std::vector<double>{1, 2, 3}));
}

TEST(MaxMinShare, EqualDemandsSplitScarceCapacityEqually) {
  // 3 threads on 2 cores: each gets 2/3 of a core.
  const auto s = max_min_share(2, {1, 1, 1});
  for (double x : s) EXPECT_DOUBLE_EQ(x, 2.0 / 3.0);
}

TEST(MaxMinShare, SmallDemandsAreMetAndTheRestShareWhatRemains) {
  // Capacity 10 over demands {1, 8, 8}: 1 is met, the two large ones get (10-1)/2 = 4.5 each.
  const auto s = max_min_share(10, {8, 1, 8});
  EXPECT_DOUBLE_EQ(s[1], 1.0);
  EXPECT_DOUBLE_EQ(s[0], 4.5);
  EXPECT_DOUBLE_EQ(s[2], 4.5);
}

TEST(MaxMinShare, BackgroundLoadBelowHalfACoreTakesWhatItAsksFor) {
  // One inference thread (demand 1) beside a background thread using 30 % of the core.
  const auto s = max_min_share(1, {1, 0.3});
  EXPECT_DOUBLE_EQ(s[0], 0.7);
  EXPECT_DOUBLE_EQ(s[1], 0.3);
  // A background thread wanting 90 % is held to its fair half.
  const auto t = max_min_share(1, {1, 0.9});
  EXPECT_DOUBLE_EQ(t[0], 0.5);
}

TEST(MaxMinShare, ZeroCapacityGivesNothing) {
  EXPECT_EQ(max_min_share(0, {1, 2}), (std::vector<double>{0, 0}));
}

}  // namespace
}  // namespace socsim::hw

namespace socsim::hw {
namespace {

TEST(MaxMinTwoGroups, AgreesWithTheGeneralWaterFill) {
  for (double cap : {0.0, 1.0, 4.0}) {
    for (int n_a : {0, 1, 3, 8}) {
      for (double d_b : {0.0, 0.2, 0.5, 0.9}) {
        std::vector<double> demand(static_cast<size_t>(n_a), 1.0);
        demand.insert(demand.end(), 4, d_b);
        const auto general = max_min_share(cap, demand);
        const auto two = max_min_two_groups(cap, n_a, 1.0, 4, d_b);
        if (n_a > 0) {
          EXPECT_NEAR(two.a, general[0], 1e-12) << cap << " " << n_a << " " << d_b;
        }
        EXPECT_NEAR(two.b, general.back(), 1e-12) << cap << " " << n_a << " " << d_b;
      }
    }
  }
}

}  // namespace
}  // namespace socsim::hw
