// BM_EventKinds: where an untraced run's time goes, per kind of event. The quickstart for the
// given simulated seconds, configs loaded once, no trace; an EventMeter times every handler call
// with the steady clock and files it under its handler's event_name. Counters, per kind:
// `<kind>_per_h` events per simulated hour, `<kind>_ns` mean wall ns per event (the meter's own
// clock pair subtracted, measured in the same process), `<kind>_pct` share of the handlers' time.
// The meter adds two clock reads per event, so the run itself is slower than BM_QuickstartRunNoTrace;
// read the split, not the total.
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <string>
#include <utility>

#include "sim/config/config.h"
#include "sim/core/simulator.h"
#include "sim/engine/engine.h"
#include "sim/trace/trace_sink.h"
#include "solver/fixed_scheduler.h"

namespace {

using namespace socsim;
using Clock = std::chrono::steady_clock;

class KindMeter final : public EventMeter {
 public:
  struct Kind {
    uint64_t n = 0;
    double ns = 0;
  };
  void before(const Event&) override { start_ = Clock::now(); }
  void after(const Event& e) override {
    const auto took = Clock::now() - start_;
    Kind& k = run_[{e.handler, e.kind}];
    ++k.n;
    k.ns += std::chrono::duration<double, std::nano>(took).count();
  }
  // Files the run's counts under their event names while its handlers are alive, then forgets
  // them (the next run's handlers may reuse the addresses).
  void end_run() {
    for (const auto& [key, k] : run_) {
      Kind& o = by_name_[key.first->event_name(key.second)];
      o.n += k.n;
      o.ns += k.ns;
    }
    run_.clear();
  }
  const std::map<std::string, Kind>& by_name() const { return by_name_; }

 private:
  Clock::time_point start_;
  std::map<std::pair<const EventHandler*, uint32_t>, Kind> run_;
  std::map<std::string, Kind> by_name_;
};

// The wall ns of one before()/after() pair around nothing: what each timed event over-counts.
double clock_pair_ns() {
  constexpr int kPairs = 1 << 20;
  double sum = 0;
  for (int i = 0; i < kPairs; ++i) {
    const auto a = Clock::now();
    const auto b = Clock::now();
    sum += std::chrono::duration<double, std::nano>(b - a).count();
  }
  return sum / kPairs;
}

void BM_EventKinds(benchmark::State& state) {
  const auto loaded = config::load_scenario(std::string(SOCSIM_SOURCE_DIR) + "/scenarios/quickstart.json");
  spec::Scenario scenario = loaded.scenario;
  scenario.duration = Duration::s(state.range(0));
  const double overhead = clock_pair_ns();
  KindMeter meter;
  uint64_t runs = 0;
  for (auto _ : state) {
    solver::FixedScheduler sched;
    trace::NullSink sink;
    Engine engine(loaded.soc, loaded.models, scenario, sched, sink);
    engine.simulator().set_event_meter(&meter);
    engine.run({});
    meter.end_run();
    ++runs;
  }
  const auto kinds = meter.by_name();
  double total = 0;
  for (const auto& [name, k] : kinds) total += k.ns - overhead * static_cast<double>(k.n);
  const double hours = static_cast<double>(runs) * static_cast<double>(state.range(0)) / 3600.0;
  for (const auto& [name, k] : kinds) {
    std::string key = name;
    for (char& c : key) c = c == ' ' ? '_' : c;
    const double net = k.ns - overhead * static_cast<double>(k.n);
    state.counters[key + "_per_h"] = static_cast<double>(k.n) / hours;
    state.counters[key + "_ns"] = net / static_cast<double>(k.n);
    state.counters[key + "_pct"] = 100.0 * net / total;
  }
  state.counters["clock_pair_ns"] = overhead;
}
BENCHMARK(BM_EventKinds)->Arg(3600)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace
