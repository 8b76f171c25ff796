// socsim benchmarks (Google Benchmark). Run: build/tests/socsim_bench
//
// BM_EventQueueHold: the classic "hold" model — pop the earliest of N pending events and push a
// new one an exponential gap later — the bare cost of the event set.
// BM_QuickstartRun: a whole `socsim run` of scenarios/quickstart.json, configs loaded once, with
// the full HDF5 request trace (deflate level 1, the default; level 0; or no trace), reporting
// simulated events per wall second. The README
// compares the two rates measured in the same binary.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <vector>

#include "sim/config/config.h"
#include "sim/core/event_queue.h"
#include "sim/core/rng.h"
#include "sim/engine/engine.h"
#include "sim/trace_hdf5/hdf5_sink.h"
#include "solver/fixed_scheduler.h"

namespace {

using namespace socsim;

struct NopHandler : EventHandler {
  void on_event(const Event&) override {}
};

void BM_EventQueueHold(benchmark::State& state) {
  const auto pending = static_cast<size_t>(state.range(0));
  EventQueue q;
  NopHandler h;
  // Exponential gaps (mean 1 ms) drawn up front, so the loop measures the queue alone.
  RngStream rng(1, "bench/hold");
  std::vector<Duration> gaps(4096);
  for (auto& g : gaps) g = Duration::ns(static_cast<int64_t>(rng.exponential(1e-6)));
  for (size_t i = 0; i < pending; ++i) q.push(Time::zero() + gaps[i % gaps.size()], Band::kHardware, &h);
  size_t next = 0;
  for (auto _ : state) {
    const Event e = q.pop();
    q.push(e.time + gaps[next++ & (gaps.size() - 1)], e.band, e.handler);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueHold)->Arg(64)->Arg(1024)->Arg(65536)->UseRealTime();

// deflate_level < 0: no trace at all.
void run_quickstart(benchmark::State& state, int deflate_level) {
  const auto loaded = config::load_scenario(SOCSIM_SOURCE_DIR "/scenarios/quickstart.json");
  auto scenario = loaded.scenario;
  scenario.duration = Duration::s(state.range(0));
  const auto path = std::filesystem::temp_directory_path() / "socsim_bench_quickstart.h5";
  uint64_t events = 0;
  for (auto _ : state) {
    solver::FixedScheduler sched;
    std::unique_ptr<trace::TraceSink> sink;
    if (deflate_level >= 0) {
      trace::Hdf5SinkOptions opts;
      opts.deflate_level = deflate_level;
      sink = trace::make_hdf5_sink(path.string(), opts);
    } else {
      sink = std::make_unique<trace::NullSink>();
    }
    Engine engine(loaded.soc, loaded.models, scenario, sched, *sink);
    events += engine.run({}).events;
  }
  std::filesystem::remove(path);
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.SetItemsProcessed(static_cast<int64_t>(events));
}

void BM_QuickstartRun(benchmark::State& state) { run_quickstart(state, 1); }
void BM_QuickstartRunUncompressedTrace(benchmark::State& state) { run_quickstart(state, 0); }
void BM_QuickstartRunNoTrace(benchmark::State& state) { run_quickstart(state, -1); }
BENCHMARK(BM_QuickstartRun)->Arg(60)->Arg(600)->Arg(6000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_QuickstartRunUncompressedTrace)->Arg(6000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_QuickstartRunNoTrace)->Arg(60)->Arg(600)->Arg(6000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
