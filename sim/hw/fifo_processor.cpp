#include "sim/hw/fifo_processor.h"

namespace socsim::hw {

void FifoProcessor::submit(Job job) {
  if (current_) {
    waiting_.push_back(job);
  } else {
    start(job);
  }
}

void FifoProcessor::start(Job job) {
  current_ = job;
  started_ = sim().now();
  listener().on_job_started(index(), job, started_);
  sim().schedule_in(job.work, Band::kHardware, this);
}

void FifoProcessor::on_event(const Event&) {
  const Job done = *current_;
  const Time done_start = started_;
  current_.reset();
  // Start the next job before reporting, so a listener that submits at this instant queues
  // behind the jobs that were already waiting.
  if (!waiting_.empty()) {
    Job next = waiting_.front();
    waiting_.pop_front();
    start(next);
  }
  listener().on_job_finished(index(), done, done_start, sim().now());
}

}  // namespace socsim::hw
