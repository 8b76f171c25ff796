// Metric vectors: one value per spec::Metric, indexed by the enumerator. The solvers' common currency
// for profiled designs (solver/rass.h). Units as in sim/spec/scenario.h: accuracy %, latency ms,
// throughput Hz, memory MiB, size MiB, energy mJ per inference.
#pragma once

#include <array>
#include <cstddef>

#include "sim/spec/scenario.h"

namespace socsim::solver {

inline constexpr size_t kMetricCount = 11;  // the number of spec::Metric enumerators
static_assert(static_cast<size_t>(spec::Metric::kDeadlineMiss) + 1 == kMetricCount,
              "kMetricCount must follow spec::Metric (kDeadlineMiss is its last enumerator)");

using MetricVector = std::array<double, kMetricCount>;

// The entry of `v` for metric `m`.
inline double& at(MetricVector& v, spec::Metric m) { return v[static_cast<size_t>(m)]; }
inline const double& at(const MetricVector& v, spec::Metric m) { return v[static_cast<size_t>(m)]; }

}  // namespace socsim::solver
