#include "sim/workload/arrival_source.h"

#include <cmath>

namespace socsim {

ArrivalSource::ArrivalSource(const spec::Arrival& arrival, uint64_t run_seed, std::string_view stream_name)
    : arrival_(arrival), rng_(run_seed, stream_name), last_(Time::zero() + arrival.offset) {}

Time ArrivalSource::next() {
  const uint64_t k = count_++;
  if (arrival_.kind == spec::Arrival::Kind::kClosedLoop) {
    // Only the first arrival comes from here; the engine makes the others as requests end.
  } else if (arrival_.kind == spec::Arrival::Kind::kPeriodic) {
    // Computed from k, not accumulated, so rounding never drifts: t_k = offset + round(k / fps).
    const double ns = std::nearbyint(static_cast<double>(k) * 1e9 / arrival_.rate_hz);
    last_ = Time::zero() + arrival_.offset + Duration::ns(static_cast<int64_t>(ns));
  } else {
    const double gap_ns = std::nearbyint(rng_.exponential(arrival_.rate_hz) * 1e9);
    last_ += Duration::ns(static_cast<int64_t>(gap_ns));
  }
  return last_;
}

}  // namespace socsim
