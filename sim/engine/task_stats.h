// Per-task outcome counters and latency statistics, in constant memory.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/engine/latency_histogram.h"
#include "sim/trace/records.h"

namespace socsim {

// Steady state and warm-up: a completed request that arrived before the warm-up end counts in
// every counter, the energy, accuracy and throughput, but not in the latency statistics (mean,
// percentiles, SD), which describe the steady state. The warm-up end is set_warmup_end's, or by
// default the finish of the task's first completed request (so the requests that waited for the
// initial model load are left out). The first completed request's latency is the cold start,
// reported on its own.
class TaskStats {
 public:
  void set_warmup_end(int64_t ns) { warmup_end_ns_ = ns; }
  void arrived() { ++arrived_; }
  void dropped() { ++dropped_; }
  void completed(int64_t arrival_ns, int64_t finish_ns, bool violated, double energy_mj = 0, double accuracy_pct = 0);

  uint64_t outstanding() const { return arrived_ - completed_ - dropped_; }
  trace::TaskSummary summary(uint32_t task, double sim_seconds) const;

 private:
  uint64_t arrived_ = 0, completed_ = 0, dropped_ = 0, violated_ = 0;
  std::optional<int64_t> warmup_end_ns_;
  uint64_t warmup_completed_ = 0;
  int64_t cold_start_ns_ = 0;
  uint64_t steady_ = 0;  // completed after the warm-up: the latency statistics' sample
  double mean_ns_ = 0, m2_ = 0;
  double energy_mj_ = 0, accuracy_pct_ = 0;  // Welford's running mean and sum of squared deviations
  LatencyHistogram hist_;
};

}  // namespace socsim
