// BM_RateSolver/N: the hardware model with N inferences always in flight on the Snapdragon 865
// preset (half on the CPU with 2 threads, half on the GPU), each finish immediately replaced by a
// new inference: every completion re-solves all rates. Reports completions per wall second, so
// the growth of the re-solve cost with N shows.
#include <benchmark/benchmark.h>

#include "sim/config/config.h"
#include "sim/core/rng.h"
#include "sim/hw/machine.h"

namespace {

using namespace socsim;

class Refill : public hw::MachineListener {
 public:
  Refill(hw::Machine*& m, RngStream& rng) : machine_(m), rng_(rng) {}
  void on_job_started(int, const hw::Job&, Time) override {}
  void on_job_finished(int processor, const hw::Job& j, Time, Time, double) override {
    ++completions;
    hw::Job next = j;
    next.work = Duration::us(static_cast<int64_t>(rng_.uniform(2000, 20000)));
    machine_->submit(processor, next);
  }
  void on_frequency(int, int, double) override {}
  uint64_t completions = 0;

 private:
  hw::Machine*& machine_;
  RngStream& rng_;
};

void BM_RateSolver(benchmark::State& state) {
  const auto soc = config::load_soc(SOCSIM_SOURCE_DIR "/socs/snapdragon865.json");
  const int cpu = soc.find_processor("cpu"), gpu = soc.find_processor("gpu");
  Simulator sim;
  RngStream rng(1, "bench/rate");
  hw::Machine* machine = nullptr;
  Refill refill(machine, rng);
  spec::DvfsPolicy dvfs;
  hw::Machine m(soc, dvfs, /*time_slice=*/true, sim, refill);
  machine = &m;
  m.start();
  for (int i = 0; i < state.range(0); ++i) {
    hw::Job j{Request{static_cast<uint64_t>(i), 0, Time{}}, 0, i % 2 ? 0 : 2, Duration::ms(5 + i % 7)};
    j.memory_bound_frac = 0.2;
    j.bandwidth_gbps = 8;
    m.submit(i % 2 ? gpu : cpu, j);
  }
  for (auto _ : state) sim.run_until(sim.now() + Duration::ms(100));
  state.counters["completions_per_s"] = benchmark::Counter(static_cast<double>(refill.completions), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RateSolver)->RangeMultiplier(4)->Range(1, 64)->UseRealTime();

}  // namespace
