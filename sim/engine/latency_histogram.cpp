#include "sim/engine/latency_histogram.h"

#include <bit>
#include <cmath>

namespace socsim {

// Values below 2^kSubBits get one bucket each (exact); above, bucket index is
// (exponent - kSubBits + 1) * 2^kSubBits + the kSubBits bits below the leading one.
size_t LatencyHistogram::bucket_of(uint64_t v) {
  constexpr uint64_t kSub = uint64_t{1} << kSubBits;
  if (v < kSub) return static_cast<size_t>(v);
  const int e = 63 - std::countl_zero(v);
  const int shift = e - kSubBits;
  const uint64_t sub = (v >> shift) - kSub;
  return static_cast<size_t>((static_cast<uint64_t>(shift + 1) << kSubBits) + sub);
}

double LatencyHistogram::bucket_mid(size_t b) {
  constexpr size_t kSub = size_t{1} << kSubBits;
  if (b < kSub) return static_cast<double>(b);
  const int shift = static_cast<int>(b >> kSubBits) - 1;
  const double lo = std::ldexp(static_cast<double>(kSub + (b & (kSub - 1))), shift);
  const double width = std::ldexp(1.0, shift);
  return lo + 0.5 * (width - 1.0);
}

void LatencyHistogram::add(int64_t ns) {
  const size_t b = bucket_of(ns < 0 ? 0 : static_cast<uint64_t>(ns));
  if (b >= counts_.size()) counts_.resize(b + 1, 0);
  ++counts_[b];
  ++count_;
}

double LatencyHistogram::quantile_ns(double q) const {
  if (count_ == 0) return 0;
  const double rank_d = std::ceil(q * static_cast<double>(count_));
  const uint64_t rank = rank_d < 1 ? 1 : static_cast<uint64_t>(rank_d);
  uint64_t seen = 0;
  for (size_t b = 0; b < counts_.size(); ++b) {
    seen += counts_[b];
    if (seen >= rank) return bucket_mid(b);
  }
  return bucket_mid(counts_.size() - 1);
}

}  // namespace socsim
