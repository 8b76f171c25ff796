#include "sim/hw/cpu_placement.h"

#include <algorithm>

namespace socsim::hw {

namespace {
bool allowed(ClusterMask mask, size_t k) { return mask == 0 || (mask >> k) & 1U; }
double dnn_speed(const spec::Cluster& c) { return c.dnn_speed > 0 ? c.dnn_speed : c.capacity / 1024.0; }
}  // namespace

std::vector<int> place_big_first(const spec::Processor& cpu, int threads, ClusterMask mask) {
  std::vector<int> per_cluster;
  place_big_first(cpu, threads, mask, per_cluster);
  return per_cluster;
}

void place_big_first(const spec::Processor& cpu, int threads, ClusterMask mask, std::vector<int>& per_cluster) {
  per_cluster.assign(cpu.clusters.size(), 0);
  int left = threads;
  while (left > 0) {
    for (size_t k = 0; k < cpu.clusters.size() && left > 0; ++k) {
      if (!allowed(mask, k)) continue;
      const int take = std::min(left, cpu.clusters[k].cores);
      per_cluster[k] += take;
      left -= take;
    }
  }
}

double placement_time(const spec::Processor& cpu, int threads, ClusterMask mask, double p) {
  const auto placed = place_big_first(cpu, threads, mask);
  double v_main = 0, v_min = 0;
  for (size_t k = 0; k < placed.size(); ++k) {
    if (placed[k] == 0) continue;
    const double v = dnn_speed(cpu.clusters[k]);
    if (v_main == 0) v_main = v;
    v_min = v_min == 0 ? v : std::min(v_min, v);
  }
  return parallel_time(p, threads, v_main, v_min);
}

double parallel_time(double p, int threads, double v_main, double v_min) {
  return (1.0 - p) / v_main + p / (static_cast<double>(threads) * v_min);
}

}  // namespace socsim::hw
