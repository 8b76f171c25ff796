// A processor that serves one job at a time, first come first served, non-preemptive; each job
// runs for its `work`. The foundation's hardware model for every processor kind.
#pragma once

#include <deque>
#include <optional>

#include "sim/hw/processor.h"

namespace socsim::hw {

class FifoProcessor final : public Processor {
 public:
  using Processor::Processor;

  void submit(Job job) override;
  size_t queue_length() const override { return waiting_.size(); }
  size_t running() const override { return current_ ? 1 : 0; }
  void on_event(const Event& e) override;

 private:
  void start(Job job);

  std::deque<Job> waiting_;
  std::optional<Job> current_;
  Time started_;
};

}  // namespace socsim::hw
