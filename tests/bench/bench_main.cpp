// socsim benchmarks (Google Benchmark). Run: build/tests/socsim_bench
//
// BM_EventQueueHold: the classic "hold" model — pop the earliest of N pending events and push a
// new one an exponential gap later — the bare cost of the event set.
// BM_QuickstartRun: a whole `socsim run` of scenarios/quickstart.json, configs loaded once, with
// the full HDF5 request trace (shuffle + LZ4, the default; shuffle + deflate level 1; raw; or no
// trace), reporting
// simulated events per wall second and x_hold, that rate over the hold rate measured in the same
// process around the runs (the targets: >= 0.25 traced, >= 0.5 untraced, at 3600 s).
// BM_TasksNoTrace: the same with 1, 10 and 100 concurrent tasks.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/process_heap.h"
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

// The bare hold rate (64 pending events) measured here and now, for the ratios the whole-run cases
// report: the machine is shared, so a rate measured next to the run compares better than one from
// another benchmark case minutes earlier.
double hold_rate_now() {
  EventQueue q;
  NopHandler h;
  RngStream rng(1, "bench/hold");
  std::vector<Duration> gaps(4096);
  for (auto& g : gaps) g = Duration::ns(static_cast<int64_t>(rng.exponential(1e-6)));
  for (size_t i = 0; i < 64; ++i) q.push(Time::zero() + gaps[i], Band::kHardware, &h);
  constexpr size_t kHolds = size_t{1} << 23;
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < kHolds; ++i) {
    const Event e = q.pop();
    q.push(e.time + gaps[i & (gaps.size() - 1)], e.band, e.handler);
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return static_cast<double>(kHolds) / took.count();
}

// A copy of `base` with `n` tasks: its tasks repeated (names made unique).
spec::Scenario with_tasks(const spec::Scenario& base, size_t n) {
  spec::Scenario s = base;
  s.tasks.clear();
  for (size_t i = 0; i < n; ++i) {
    spec::Task t = base.tasks[i % base.tasks.size()];
    t.name = fmt::format("{}_{}", t.name, i);
    s.tasks.push_back(t);
  }
  return s;
}

// No codec: no trace at all. Reports events per wall second and, as x_hold, that rate
// divided by the bare hold rate measured just before and just after the timed runs.
void run_scenario(benchmark::State& state, const char* file, size_t tasks, std::optional<trace::Codec> codec) {
  const auto loaded = config::load_scenario(std::string(SOCSIM_SOURCE_DIR) + "/" + file);
  auto scenario = tasks == 0 ? loaded.scenario : with_tasks(loaded.scenario, tasks);
  scenario.duration = Duration::s(state.range(0));
  const auto path = std::filesystem::temp_directory_path() / ("socsim_bench_" + std::to_string(::getpid()) + ".h5");
  const double hold_before = hold_rate_now();
  uint64_t events = 0;
  double seconds = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    solver::FixedScheduler sched;
    std::unique_ptr<trace::TraceSink> sink;
    if (codec) {
      trace::Hdf5SinkOptions opts;
      opts.compression = codec->compression;
      opts.deflate_level = codec->deflate_level;
      sink = trace::make_hdf5_sink(path.string(), opts);
    } else {
      sink = std::make_unique<trace::NullSink>();
    }
    Engine engine(loaded.soc, loaded.models, scenario, sched, *sink);
    events += engine.run({}).events;
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  const double hold = (hold_before + hold_rate_now()) / 2;
  std::filesystem::remove(path);
  const double rate = static_cast<double>(events) / seconds;
  state.counters["events_per_s"] = rate;
  state.counters["hold_per_s"] = hold;
  state.counters["x_hold"] = rate / hold;
  state.SetItemsProcessed(static_cast<int64_t>(events));
}

constexpr const char* kQuickstart = "scenarios/quickstart.json";

// The quickstart, whole runs: Arg = simulated seconds (3600: the simulated hour).
// BM_QuickstartRun writes the default trace (shuffle + LZ4).
constexpr trace::Codec kLz4{trace::Compression::kLz4, 1};
constexpr trace::Codec kDeflate1{trace::Compression::kDeflate, 1};
constexpr trace::Codec kRaw{trace::Compression::kNone, 1};
void BM_QuickstartRun(benchmark::State& state) { run_scenario(state, kQuickstart, 0, kLz4); }
void BM_QuickstartRunDeflateTrace(benchmark::State& state) { run_scenario(state, kQuickstart, 0, kDeflate1); }
void BM_QuickstartRunUncompressedTrace(benchmark::State& state) { run_scenario(state, kQuickstart, 0, kRaw); }
void BM_QuickstartRunNoTrace(benchmark::State& state) { run_scenario(state, kQuickstart, 0, std::nullopt); }
BENCHMARK(BM_QuickstartRun)->Arg(60)->Arg(3600)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_QuickstartRunDeflateTrace)->Arg(3600)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_QuickstartRunUncompressedTrace)->Arg(3600)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_QuickstartRunNoTrace)->Arg(60)->Arg(3600)->Unit(benchmark::kMillisecond)->UseRealTime();

// Cost growth with the number of concurrent DNN tasks (the quickstart's three repeated to N),
// untraced, 60 simulated seconds: events/s should fall only as far as the rate solver's
// per-completion work grows with the inferences in flight.
void BM_TasksNoTrace(benchmark::State& state) {
  state.SetLabel(std::to_string(state.range(1)) + " tasks");
  run_scenario(state, kQuickstart, static_cast<size_t>(state.range(1)), std::nullopt);
}
BENCHMARK(BM_TasksNoTrace)->Args({60, 1})->Args({60, 10})->Args({60, 100})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

// The heap as socsim runs with it (cli/process_heap.h): glibc's default adaptive mmap threshold
// made repeated runs pay page faults or not depending on earlier frees, up to 2x in wall time.
int main(int argc, char** argv) {
  socsim::cli::tune_malloc();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
