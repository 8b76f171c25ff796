#include "sim/hw/max_min.h"

#include <algorithm>
#include <numeric>

namespace socsim::hw {

void max_min_share(double capacity, const std::vector<double>& demand, std::vector<double>& share,
                   std::vector<size_t>& order) {
  share.assign(demand.size(), 0.0);
  double total = 0;
  for (double d : demand) total += d;
  if (total <= capacity) {
    share = demand;
    return;
  }
  order.resize(demand.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return demand[a] < demand[b]; });
  double left = capacity;
  for (size_t k = 0; k < order.size(); ++k) {
    const double fair = left / static_cast<double>(order.size() - k);
    const double give = std::min(demand[order[k]], fair);
    share[order[k]] = give;
    left -= give;
  }
}

std::vector<double> max_min_share(double capacity, const std::vector<double>& demand) {
  std::vector<double> share;
  std::vector<size_t> order;
  max_min_share(capacity, demand, share, order);
  return share;
}

TwoShares max_min_two_groups(double capacity, double n_a, double d_a, double n_b, double d_b) {
  if (n_a * d_a + n_b * d_b <= capacity) return {d_a, d_b};
  // Water-fill: the smaller demand is met if it is below the fair level, the rest share.
  const bool a_small = d_a <= d_b;
  const double n_s = a_small ? n_a : n_b, d_s = a_small ? d_a : d_b;
  const double n_l = a_small ? n_b : n_a;
  const double fair = capacity / (n_s + n_l);
  double small = d_s, large = 0;
  if (d_s >= fair) {
    small = fair;
    large = fair;
  } else {
    large = n_l > 0 ? (capacity - n_s * d_s) / n_l : 0;
  }
  return a_small ? TwoShares{small, large} : TwoShares{large, small};
}

}  // namespace socsim::hw
