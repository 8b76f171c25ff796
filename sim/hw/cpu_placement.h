// Where a CPU inference's threads run and how fast the slowest of them goes.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/spec/soc.h"

namespace socsim::hw {

// Bit k set: cluster k may run threads. 0 means every cluster.
using ClusterMask = uint32_t;

// Threads per cluster, big-first: the fastest allowed cluster's cores fill first (clusters are
// listed fastest first). More threads than cores wrap around onto the fastest clusters again.
std::vector<int> place_big_first(const spec::Processor& cpu, int threads, ClusterMask mask = 0);
// The same into `per_cluster` (resized to the cluster count), reusing its storage.
void place_big_first(const spec::Processor& cpu, int threads, ClusterMask mask, std::vector<int>& per_cluster);

// Relative time of a t-thread inference with parallel fraction p placed by place_big_first,
// at full speed on otherwise idle cores (per-core speeds: the clusters' dnn_speed).
double placement_time(const spec::Processor& cpu, int threads, ClusterMask mask, double p);

// Parallel speed-up with a straggler: TFLite/ncnn split each layer's work evenly over the threads
// and synchronise at its end, so the parallel part waits for the slowest thread:
//   T = W * ((1 - p) / v_main + p / (t * v_min))
// with p the parallel fraction, v_main the main thread's per-core speed and v_min the slowest
// thread's (speeds relative to the reference core). Returns T / W.
double parallel_time(double p, int threads, double v_main, double v_min);

}  // namespace socsim::hw
