// Max-min fair sharing ("water filling") of one capacity among demands: every demand below the
// fair level is met in full, the rest share what remains equally. Used for CPU cores shared by
// runnable threads (background load included) and for DRAM bandwidth shared by the memory-bound
// parts of running inferences. Deterministic; O(n log n).
#pragma once

#include <cstddef>
#include <vector>

namespace socsim::hw {

// Returns a[i] <= demand[i] with sum(a) = min(capacity, sum(demand)), max-min fair.
// Preconditions: capacity >= 0, demands >= 0.
std::vector<double> max_min_share(double capacity, const std::vector<double>& demand);

// The same into `share` (resized), without allocating when its capacity suffices; `order` is
// scratch space. When the demands fit, every demand is met without sorting.
void max_min_share(double capacity, const std::vector<double>& demand, std::vector<double>& share,
                   std::vector<size_t>& order);

// Closed form for two groups of equal demands: n_a demands of d_a and n_b of d_b (as inference
// threads beside a background load on a cluster's cores). Returns the share of one member of
// each group.
struct TwoShares {
  double a = 0, b = 0;
};
TwoShares max_min_two_groups(double capacity, double n_a, double d_a, double n_b, double d_b);

}  // namespace socsim::hw
