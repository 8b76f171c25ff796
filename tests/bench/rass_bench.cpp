// BM_Rass/N: solver::rass() over N synthetic, already profiled two-task candidates on a 4-processor
// SoC: 3 app-wide objectives (accuracy max, latency_p90 min, which expands to one term per task, and
// energy min) and 2 constraints (app memory <= 400 MiB, latency_p99 <= 80 ms on every task), combined
// fall-backs on. The candidates come from a fixed-seed generator, built once outside the timed loop.
// Reports designs per second and fits O(N log N).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "solver/rass.h"

namespace {

using namespace socsim;
using spec::Metric;

std::vector<solver::Candidate> synthetic_candidates(size_t n) {
  std::mt19937_64 rng(20240611);
  // Our own mapping to [lo, hi): 53 random bits, identical on every standard library.
  const auto uniform = [&rng](double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1p-53;
  };
  std::vector<solver::Candidate> out(n);
  for (auto& c : out) {
    c.designs.resize(2);
    c.task_metrics.resize(2);
    for (int t = 0; t < 2; ++t) {
      auto& m = c.task_metrics[static_cast<size_t>(t)];
      const int processor = static_cast<int>(rng() % 4);
      c.processors.push_back(processor);
      solver::at(m, Metric::kAccuracy) = uniform(60, 85);
      solver::at(m, Metric::kLatencyMean) = uniform(5, 60);
      solver::at(m, Metric::kLatencyP90) = solver::at(m, Metric::kLatencyMean) * uniform(1.1, 1.4);
      solver::at(m, Metric::kLatencyP99) = solver::at(m, Metric::kLatencyP90) * uniform(1.0, 1.3);
      solver::at(m, Metric::kMemory) = uniform(20, 250);
      solver::at(m, Metric::kEnergy) = uniform(5, 200);
      solver::at(c.app, Metric::kAccuracy) += solver::at(m, Metric::kAccuracy) / 2;
      solver::at(c.app, Metric::kMemory) += solver::at(m, Metric::kMemory);
      solver::at(c.app, Metric::kEnergy) += solver::at(m, Metric::kEnergy);
    }
    std::sort(c.processors.begin(), c.processors.end());
    c.processors.erase(std::unique(c.processors.begin(), c.processors.end()), c.processors.end());
  }
  return out;
}

void BM_Rass(benchmark::State& state) {
  const auto candidates = synthetic_candidates(static_cast<size_t>(state.range(0)));
  const solver::SloTerms terms{
      {{-1, {Metric::kAccuracy, true, 1}}, {-1, {Metric::kLatencyP90, false, 1}}, {-1, {Metric::kEnergy, false, 1}}},
      {{-1, {Metric::kMemory, spec::Constraint::Op::kLe, 400}},
       {-1, {Metric::kLatencyP99, spec::Constraint::Op::kLe, 80}}}};
  solver::RassOptions options;
  options.combined_fallbacks = true;
  size_t feasible = 0;
  for (auto _ : state) {
    const solver::RassResult r = solver::rass(candidates, terms, options);
    feasible = r.feasible;
    benchmark::DoNotOptimize(r.design_set.data());
  }
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
  state.counters["feasible"] = static_cast<double>(feasible);
}
BENCHMARK(BM_Rass)
    ->RangeMultiplier(10)
    ->Range(100, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

}  // namespace
