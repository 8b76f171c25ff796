#include "sim/engine/task_stats.h"

#include <cmath>

namespace socsim {

void TaskStats::completed(int64_t arrival_ns, int64_t finish_ns, bool violated, double energy_mj, double accuracy_pct) {
  const int64_t latency_ns = finish_ns - arrival_ns;
  if (completed_++ == 0) {
    cold_start_ns_ = latency_ns;
    if (!warmup_end_ns_) warmup_end_ns_ = finish_ns;
  }
  energy_mj_ += energy_mj;
  accuracy_pct_ += accuracy_pct;
  if (violated) ++violated_;
  if (arrival_ns < *warmup_end_ns_) {
    ++warmup_completed_;
    return;
  }
  ++steady_;
  const double x = static_cast<double>(latency_ns);
  const double delta = x - mean_ns_;
  mean_ns_ += delta / static_cast<double>(steady_);
  m2_ += delta * (x - mean_ns_);
  hist_.add(latency_ns);
}

trace::TaskSummary TaskStats::summary(uint32_t task, double sim_seconds) const {
  trace::TaskSummary s;
  s.task = task;
  s.arrived = arrived_;
  s.completed = completed_;
  s.dropped = dropped_;
  s.violated = violated_ + dropped_;  // a dropped request misses its objective too
  s.pending = outstanding();
  s.latency_mean_ms = mean_ns_ * 1e-6;
  s.latency_sd_ms = steady_ > 1 ? std::sqrt(m2_ / static_cast<double>(steady_ - 1)) * 1e-6 : 0;
  s.latency_p50_ms = hist_.quantile_ns(0.50) * 1e-6;
  s.latency_p90_ms = hist_.quantile_ns(0.90) * 1e-6;
  s.latency_p99_ms = hist_.quantile_ns(0.99) * 1e-6;
  s.energy_mj = completed_ > 0 ? energy_mj_ / static_cast<double>(completed_) : 0;
  s.accuracy_pct = completed_ > 0 ? accuracy_pct_ / static_cast<double>(completed_) : 0;
  s.throughput_hz = sim_seconds > 0 ? static_cast<double>(completed_) / sim_seconds : 0;
  s.cold_start_ms = static_cast<double>(cold_start_ns_) * 1e-6;
  s.warmup_completed = warmup_completed_;
  s.warmup_end_ms = warmup_end_ns_ ? static_cast<double>(*warmup_end_ns_) * 1e-6 : 0;
  return s;
}

}  // namespace socsim
