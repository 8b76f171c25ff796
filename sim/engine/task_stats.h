// Per-task outcome counters and latency statistics, in constant memory.
#pragma once

#include <cstdint>

#include "sim/engine/latency_histogram.h"
#include "sim/trace/records.h"

namespace socsim {

class TaskStats {
 public:
  void arrived() { ++arrived_; }
  void dropped() { ++dropped_; }
  void completed(int64_t latency_ns, bool violated, double energy_mj = 0, double accuracy_pct = 0);

  uint64_t outstanding() const { return arrived_ - completed_ - dropped_; }
  trace::TaskSummary summary(uint32_t task, double sim_seconds) const;

 private:
  uint64_t arrived_ = 0, completed_ = 0, dropped_ = 0, violated_ = 0;
  double mean_ns_ = 0, m2_ = 0;
  double energy_mj_ = 0, accuracy_pct_ = 0;  // Welford's running mean and sum of squared deviations
  LatencyHistogram hist_;
};

}  // namespace socsim
