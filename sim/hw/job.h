// The unit of work a processor runs: one inference of one design for one request.
#pragma once

#include <cstdint>

#include "sim/core/time.h"
#include "sim/workload/request.h"

namespace socsim::hw {

struct Job {
  Request request;
  int32_t design = -1;  // interned design id
  int32_t threads = 0;  // CPU threads; 0 on accelerators
  // Latency on an otherwise idle SoC at the reference frequency (sampled from the profile).
  Duration work;
  uint32_t cluster_mask = 0;       // CPU clusters the threads may use (bit k = cluster k); 0 = all
  double parallel_frac = 1.0;      // Amdahl fraction of the CPU work
  double memory_bound_frac = 0.0;  // share of `work` bound by DRAM bandwidth, not frequency
  double bandwidth_gbps = 0.0;     // DRAM bandwidth the memory-bound part needs at full speed
};

}  // namespace socsim::hw
