#include "sim/hw/fifo_processor.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/engine/fixtures.h"

namespace socsim {
namespace {

struct Log : hw::ProcessorListener {
  struct Done {
    uint64_t id;
    int64_t start, finish;
  };
  void on_job_started(int, const hw::Job&, Time) override {}
  void on_job_finished(int, const hw::Job& j, Time s, Time f) override { done.push_back({j.request.id, s.ns(), f.ns()}); }
  std::vector<Done> done;
};

hw::Job job(uint64_t id, int64_t work_ns) { return hw::Job{Request{id, 0, Time{}}, 0, 0, Duration::ns(work_ns)}; }

TEST(FifoProcessor, ServesJobsOneAtATimeInArrivalOrder) {
  const auto soc = testing::tiny_soc();
  Simulator sim;
  Log log;
  hw::FifoProcessor p(1, soc.processors[1], sim, log);
  p.submit(job(1, 100));
  p.submit(job(2, 50));
  p.submit(job(3, 10));
  EXPECT_EQ(p.running(), 1u);
  EXPECT_EQ(p.queue_length(), 2u);
  sim.run_until(Time::from_ns(1000));
  ASSERT_EQ(log.done.size(), 3u);
  // Back to back: each starts when the previous one finishes.
  EXPECT_EQ(log.done[0].id, 1u);
  EXPECT_EQ(log.done[0].start, 0);
  EXPECT_EQ(log.done[0].finish, 100);
  EXPECT_EQ(log.done[1].id, 2u);
  EXPECT_EQ(log.done[1].start, 100);
  EXPECT_EQ(log.done[1].finish, 150);
  EXPECT_EQ(log.done[2].start, 150);
  EXPECT_EQ(log.done[2].finish, 160);
  EXPECT_EQ(p.running(), 0u);
}

TEST(FifoProcessor, IdleProcessorStartsAJobImmediately) {
  const auto soc = testing::tiny_soc();
  Simulator sim;
  Log log;
  hw::FifoProcessor p(0, soc.processors[0], sim, log);
  sim.run_until(Time::from_ns(500));
  p.submit(job(9, 20));
  sim.run_until(Time::from_ns(1000));
  ASSERT_EQ(log.done.size(), 1u);
  EXPECT_EQ(log.done[0].start, 500);
  EXPECT_EQ(log.done[0].finish, 520);
}

// A listener that submits a new job when one finishes must queue behind jobs already waiting.
struct Resubmitter : hw::ProcessorListener {
  void on_job_started(int, const hw::Job&, Time) override {}
  void on_job_finished(int, const hw::Job& j, Time, Time) override {
    order.push_back(j.request.id);
    if (j.request.id == 1) p->submit(job(3, 10));
  }
  hw::Processor* p = nullptr;
  std::vector<uint64_t> order;
};

TEST(FifoProcessor, JobSubmittedAtACompletionQueuesBehindWaitingJobs) {
  const auto soc = testing::tiny_soc();
  Simulator sim;
  Resubmitter r;
  hw::FifoProcessor p(0, soc.processors[0], sim, r);
  r.p = &p;
  p.submit(job(1, 10));
  p.submit(job(2, 10));
  sim.run_until(Time::from_ns(100));
  EXPECT_EQ(r.order, (std::vector<uint64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace socsim
