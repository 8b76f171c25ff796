// BM_PlanCarin/<use case>: CARIn's whole offline stage on a shipped use case (enumerate, profile
// every design in socsim, form and profile the co-executed top-k tuples, RASS). Reports designs
// and tuples profiled per wall second; the target is a UC3-sized space in under 10 s.
#include <benchmark/benchmark.h>

#include "sim/config/config.h"
#include "solver/carin_plan.h"

namespace {

using namespace socsim;

void BM_PlanCarin(benchmark::State& state, const char* file) {
  const auto loaded = config::load_scenario(std::string(SOCSIM_SOURCE_DIR "/scenarios/use_cases/") + file);
  uint64_t runs = 0;
  for (auto _ : state) {
    const auto plan = solver::plan_carin(loaded.soc, loaded.models, loaded.scenario, {});
    runs += plan.cost.runs;
    benchmark::DoNotOptimize(plan.result.ranked.data());
  }
  state.counters["profiled_per_s"] = benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
  state.counters["profiled"] = static_cast<double>(runs) / static_cast<double>(state.iterations());
}

BENCHMARK_CAPTURE(BM_PlanCarin, uc1_tensor_g2, "uc1_tensor_g2.json")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PlanCarin, uc3_tensor_g2, "uc3_tensor_g2.json")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PlanCarin, uc4_snapdragon865, "uc4_snapdragon865.json")->Unit(benchmark::kMillisecond);

}  // namespace
