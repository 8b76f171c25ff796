// Where a CPU inference's threads run and how fast the slowest of them goes.
#pragma once

#include <vector>

#include "sim/spec/soc.h"

namespace socsim::hw {

// Threads per cluster, big-first: the fastest cluster's cores fill first (clusters are listed
// fastest first). More threads than cores wrap around onto the fastest clusters again.
std::vector<int> place_big_first(const spec::Processor& cpu, int threads);

// Parallel speed-up with a straggler: TFLite/ncnn split each layer's work evenly over the threads
// and synchronise at its end, so the parallel part waits for the slowest thread:
//   T = W * ((1 - p) / v_main + p / (t * v_min))
// with p the parallel fraction, v_main the main thread's per-core speed and v_min the slowest
// thread's (speeds relative to the reference core). Returns T / W.
double parallel_time(double p, int threads, double v_main, double v_min);

}  // namespace socsim::hw
