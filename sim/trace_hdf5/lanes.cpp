#include "sim/trace_hdf5/lanes.h"

#include <algorithm>
#include <numeric>

namespace socsim::trace {

std::vector<uint32_t> assign_lanes(std::span<const LaneSlice> slices) {
  const auto finish_of = [&](uint32_t i) { return std::max(slices[i].start, slices[i].finish); };
  std::vector<uint32_t> order(slices.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const LaneSlice& x = slices[a];
    const LaneSlice& y = slices[b];
    if (x.track != y.track) return x.track < y.track;
    if (x.start != y.start) return x.start < y.start;
    if (finish_of(a) != finish_of(b)) return finish_of(a) < finish_of(b);
    return a < b;
  });

  std::vector<uint32_t> lane_of(slices.size(), 0);
  std::vector<int64_t> busy_until;  // per lane of the current track: finish of its last slice
  for (size_t k = 0; k < order.size(); ++k) {
    const uint32_t i = order[k];
    if (k == 0 || slices[i].track != slices[order[k - 1]].track) busy_until.clear();
    const int64_t start = slices[i].start;
    // A zero-length slice at `start` overlaps a slice still running at `start`; so does any other.
    const auto free = std::find_if(busy_until.begin(), busy_until.end(), [&](int64_t end) { return end <= start; });
    const auto lane = static_cast<uint32_t>(free - busy_until.begin());
    if (free == busy_until.end()) busy_until.push_back(0);
    busy_until[lane] = finish_of(i);
    lane_of[i] = lane;
  }
  return lane_of;
}

}  // namespace socsim::trace
