// Latency distribution in constant memory: a log-linear histogram (HDR style) over integer
// nanoseconds. Values in [2^e, 2^(e+1)) fall in 2^kSubBits equal buckets, so every reported
// quantile is within 2^-kSubBits (about 0.1 %) of an exact order statistic. Memory grows with the
// largest value seen, never with the number of values: runs can be arbitrarily long.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace socsim {

class LatencyHistogram {
 public:
  static constexpr int kSubBits = 10;

  void add(int64_t ns);
  uint64_t count() const { return count_; }
  // The q-quantile (0 < q <= 1) by the nearest-rank rule, as the midpoint of its bucket; 0 when
  // empty.
  double quantile_ns(double q) const;

 private:
  static size_t bucket_of(uint64_t v);
  static double bucket_mid(size_t b);

  std::vector<uint64_t> counts_;
  uint64_t count_ = 0;
};

}  // namespace socsim
