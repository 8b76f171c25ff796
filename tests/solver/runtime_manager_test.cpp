#include "solver/runtime_manager.h"

#include <gtest/gtest.h>

namespace socsim::solver {
namespace {

// Processors 0 and 1 exist; d0 uses processor 1 and needs 100 MiB.
RuntimeManager manager() { return RuntimeManager({Duration::ms(100), 0.5, 3, 5}, {1}, 100.0); }

TEST(RuntimeManager, ProcessorIssueIsRaisedOnTheConfirmingSampleAndNotBefore) {
  auto rm = manager();
  EXPECT_EQ(rm.observe({0, 0.8}, 500).processor, -1);
  EXPECT_EQ(rm.observe({0, 0.8}, 500).processor, -1);
  EXPECT_EQ(rm.observe({0, 0.8}, 500).processor, 1);  // third consecutive sample
}

TEST(RuntimeManager, ABlipShorterThanTheConfirmationWindowRaisesNothing) {
  auto rm = manager();
  EXPECT_EQ(rm.observe({0, 0.8}, 500).processor, -1);
  EXPECT_EQ(rm.observe({0, 0.8}, 500).processor, -1);
  EXPECT_EQ(rm.observe({0, 0.1}, 500).processor, -1);  // the streak restarts
  EXPECT_EQ(rm.observe({0, 0.8}, 500).processor, -1);
  EXPECT_EQ(rm.observe({0, 0.8}, 500).processor, -1);
}

TEST(RuntimeManager, AnIssueClearsOnlyAfterTheHysteresisWindow) {
  auto rm = manager();
  for (int i = 0; i < 3; ++i) rm.observe({0, 0.9}, 500);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(rm.observe({0, 0.0}, 500).processor, 1) << "sample " << i;
  EXPECT_EQ(rm.observe({0, 0.0}, 500).processor, -1);  // fifth clear sample
}

TEST(RuntimeManager, LoadOnAProcessorTheDesignDoesNotUseIsNoIssue) {
  auto rm = manager();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(rm.observe({1.0, 0.0}, 500).processor, -1);
}

TEST(RuntimeManager, MemoryIssueIsImmediateAndClearsWithHysteresis) {
  auto rm = manager();
  EXPECT_FALSE(rm.observe({0, 0}, 100).memory);  // exactly fits
  EXPECT_TRUE(rm.observe({0, 0}, 99).memory);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(rm.observe({0, 0}, 200).memory);
  EXPECT_FALSE(rm.observe({0, 0}, 200).memory);
}

}  // namespace
}  // namespace socsim::solver
