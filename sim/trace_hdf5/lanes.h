// Lane assignment for timeline slices. A viewer (Perfetto, chrome://tracing) draws the slices of
// one thread as a call stack: they must nest perfectly, and a slice inside another reads as its
// child. Executions of one task that overlap on a processor (CPU processor sharing) are
// concurrent, not parent and child, so they go to separate lanes (later shown as "task #2", ...).
//
// Contract of assign_lanes():
// - Slices with different `track`s never interact; lanes are numbered from 0 within each track.
// - On any one (track, lane), slices are pairwise disjoint: [a, b) then [c, d) with b <= c
//   (back-to-back slices share a lane; overlapping ones, nested ones included, never do; a
//   zero-length slice at t conflicts with [a, b) only when a < t < b). Disjoint slices nest.
// - First fit in (start, finish, input index) order: each slice takes the lowest lane whose last
//   slice has finished by its start. A track therefore uses as many lanes as the largest number
//   of its slices overlapping at one time, and the result depends only on the input values.
// - finish < start is treated as finish == start.
// Cost: O(n log n + n * lanes) time, O(n) memory.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace socsim::trace {

struct LaneSlice {
  uint64_t track = 0;  // e.g. (processor, task) packed
  int64_t start = 0;
  int64_t finish = 0;
};

// The lane of each slice, in input order.
std::vector<uint32_t> assign_lanes(std::span<const LaneSlice> slices);

}  // namespace socsim::trace
