#include "sim/hw/cpu_placement.h"

namespace socsim::hw {

std::vector<int> place_big_first(const spec::Processor& cpu, int threads) {
  std::vector<int> per_cluster(cpu.clusters.size(), 0);
  int left = threads;
  while (left > 0) {
    for (size_t k = 0; k < cpu.clusters.size() && left > 0; ++k) {
      const int take = std::min(left, cpu.clusters[k].cores);
      per_cluster[k] += take;
      left -= take;
    }
  }
  return per_cluster;
}

double parallel_time(double p, int threads, double v_main, double v_min) {
  return (1.0 - p) / v_main + p / (static_cast<double>(threads) * v_min);
}

}  // namespace socsim::hw
