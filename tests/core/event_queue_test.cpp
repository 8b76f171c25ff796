#include "sim/core/event_queue.h"

#include <gtest/gtest.h>

#include <vector>

namespace socsim {
namespace {

TEST(EventQueue, PopsInTimeOrder) {
  EventQueue q;
  for (int64_t t : {50, 10, 40, 20, 30}) q.push(Time::from_ns(t), Band::kHardware, nullptr, 0, static_cast<uint64_t>(t));
  std::vector<uint64_t> order;
  while (!q.empty()) order.push_back(q.pop().arg);
  EXPECT_EQ(order, (std::vector<uint64_t>{10, 20, 30, 40, 50}));
}

TEST(EventQueue, SameTimeLowerBandFirst) {
  EventQueue q;
  q.push(Time::from_ns(5), Band::kSample, nullptr, 0, 4);
  q.push(Time::from_ns(5), Band::kArrival, nullptr, 0, 2);
  q.push(Time::from_ns(5), Band::kHardware, nullptr, 0, 0);
  q.push(Time::from_ns(5), Band::kScheduler, nullptr, 0, 3);
  q.push(Time::from_ns(5), Band::kScript, nullptr, 0, 1);
  for (uint64_t expect = 0; expect < 5; ++expect) EXPECT_EQ(q.pop().arg, expect);
}

TEST(EventQueue, SameTimeSameBandRunsInInsertionOrder) {
  EventQueue q;
  // Many equal keys: a heap without the sequence number would return them in arbitrary order.
  for (uint64_t i = 0; i < 1000; ++i) q.push(Time::from_ns(7), Band::kArrival, nullptr, 0, i);
  for (uint64_t i = 0; i < 1000; ++i) EXPECT_EQ(q.pop().arg, i);
}

TEST(EventQueue, InterleavedPushesKeepTotalOrder) {
  EventQueue q;
  q.push(Time::from_ns(10), Band::kArrival, nullptr, 0, 1);
  q.push(Time::from_ns(10), Band::kArrival, nullptr, 0, 2);
  EXPECT_EQ(q.pop().arg, 1u);
  q.push(Time::from_ns(10), Band::kArrival, nullptr, 0, 3);
  q.push(Time::from_ns(10), Band::kHardware, nullptr, 0, 0);
  EXPECT_EQ(q.pop().arg, 0u);  // lower band wins even though pushed last
  EXPECT_EQ(q.pop().arg, 2u);
  EXPECT_EQ(q.pop().arg, 3u);
  EXPECT_EQ(q.pushed(), 4u);
}

}  // namespace
}  // namespace socsim
