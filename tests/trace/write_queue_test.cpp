// Specification of the trace writer's queue: jobs in order, and the idle job a background queue
// runs when it runs out of jobs (the HDF5 sink flushes the file there).
#include "sim/trace_hdf5/write_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

namespace socsim::trace {
namespace {

TEST(WriteQueue, RunsJobsInSubmissionOrderThenTheIdleJobOnceDrainReturns) {
  std::vector<std::string> log;  // written on the queue's thread only, read after drain()
  WriteQueue queue("t.h5", true, 2, [&] { log.push_back("idle"); });
  for (int i = 0; i < 5; ++i) queue.submit([&log, i] { log.push_back(std::to_string(i)); });
  queue.drain();
  ASSERT_GE(log.size(), 6u);
  EXPECT_EQ(log.back(), "idle");  // drain() waited for it
  std::vector<std::string> jobs;
  for (const auto& entry : log)
    if (entry != "idle") jobs.push_back(entry);
  EXPECT_EQ(jobs, (std::vector<std::string>{"0", "1", "2", "3", "4"}));
  EXPECT_NE(log.front(), "idle");  // nothing to flush before the first job
}

TEST(WriteQueue, TheIdleJobRunsOncePerStretchOfWork) {
  std::atomic<int> idles = 0;
  WriteQueue queue("t.h5", true, 4, [&] { ++idles; });
  queue.drain();
  EXPECT_EQ(idles, 0);  // no job yet
  queue.submit([] {});
  queue.drain();
  EXPECT_EQ(idles, 1);
  queue.drain();
  EXPECT_EQ(idles, 1);  // idle again without new work: not run again
  queue.submit([] {});
  queue.drain();
  EXPECT_EQ(idles, 2);
}

TEST(WriteQueue, AnInlineQueueNeverRunsTheIdleJob) {
  int idles = 0, jobs = 0;
  WriteQueue queue("t.h5", false, 1, [&] { ++idles; });
  queue.submit([&] { ++jobs; });
  queue.drain();
  EXPECT_EQ(jobs, 1);
  EXPECT_EQ(idles, 0);
}

TEST(WriteQueue, AFailingIdleJobStopsTheQueueAndSurfacesAtTheNextCall) {
  WriteQueue queue("t.h5", true, 4, [] { throw std::runtime_error("t.h5: cannot flush to disk"); });
  queue.submit([] {});
  EXPECT_THROW(queue.drain(), std::runtime_error);
  EXPECT_THROW(queue.submit([] {}), std::runtime_error);  // sticky
}

}  // namespace
}  // namespace socsim::trace
