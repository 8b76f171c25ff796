#include "sim/engine/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sim/core/error.h"

#include "solver/fixed_scheduler.h"
#include "tests/engine/fixtures.h"

namespace socsim {
namespace {

using testing::periodic_task;
using testing::scenario_with;

struct Outcome {
  trace::MemorySink sink;
  trace::RunSummary summary;
};

Outcome run(const spec::Scenario& sc, const spec::ModelLibrary& lib = testing::tiny_library()) {
  const auto soc = testing::tiny_soc();
  solver::FixedScheduler fixed;
  Outcome r;
  Engine engine(soc, lib, sc, fixed, r.sink);
  r.summary = engine.run({});
  return r;
}

TEST(Engine, UnloadedProcessorServesEachRequestInItsProfiledLatency) {
  const auto r = run(scenario_with({periodic_task("cam", 30, "gpu", 0)}, Duration::s(1)));
  const auto& s = r.summary.tasks.at(0);
  EXPECT_EQ(s.arrived, 31u);    // t = 0, 1/30, ..., 30/30 s inclusive
  EXPECT_EQ(s.completed, 30u);  // the one arriving at exactly 1 s is still running
  EXPECT_EQ(s.pending, 1u);
  EXPECT_EQ(s.violated, 0u);
  EXPECT_DOUBLE_EQ(s.latency_mean_ms, 4.0);
  EXPECT_DOUBLE_EQ(s.latency_sd_ms, 0.0);
  EXPECT_NEAR(s.latency_p99_ms, 4.0, 4.0 / 1024);
  EXPECT_DOUBLE_EQ(s.throughput_hz, 30.0);
  ASSERT_EQ(r.sink.requests.size(), 30u);
  for (const auto& q : r.sink.requests) {
    EXPECT_EQ(q.start_ns, q.arrival_ns);
    EXPECT_EQ(q.finish_ns - q.start_ns, 4'000'000);
    EXPECT_EQ(q.processor, 1);
  }
  EXPECT_EQ(r.summary.lookups.at("designs"), std::vector<std::string>{"net/fp32@gpu"});
}

TEST(Engine, SharingOneProcessorQueuesRequestsThatSeparateProcessorsServeAtOnce) {
  // Two 30 fps tasks arriving together; the GPU takes 4 ms, the CPU 10 ms.
  const auto shared = run(scenario_with({periodic_task("a", 30, "gpu", 0), periodic_task("b", 30, "gpu", 0)}, Duration::s(1)));
  const auto split = run(scenario_with({periodic_task("a", 30, "gpu", 0), periodic_task("b", 30, "cpu", 4)}, Duration::s(1)));
  // Shared: b always waits for a's 4 ms inference, so its latency is 8 ms; split: 10 ms on the CPU.
  EXPECT_DOUBLE_EQ(shared.summary.tasks[0].latency_mean_ms, 4.0);
  EXPECT_DOUBLE_EQ(shared.summary.tasks[1].latency_mean_ms, 8.0);
  EXPECT_DOUBLE_EQ(split.summary.tasks[0].latency_mean_ms, 4.0);
  EXPECT_DOUBLE_EQ(split.summary.tasks[1].latency_mean_ms, 10.0);
}

TEST(Engine, OverloadFillsTheQueueThenDropsAndEveryRequestIsAccountedFor) {
  auto lib = testing::tiny_library(/*cpu_us=*/10'000, /*gpu_us=*/50'000);
  auto task = periodic_task("cam", 30, "gpu", 0);  // needs 50 ms per 33 ms frame
  task.max_queue = 4;
  const auto r = run(scenario_with({task}, Duration::s(2)), lib);
  const auto& s = r.summary.tasks[0];
  EXPECT_GT(s.dropped, 0u);
  EXPECT_GT(s.violated, s.dropped);  // late finishes plus drops
  EXPECT_EQ(s.arrived, s.completed + s.dropped + s.pending);
  EXPECT_LE(s.pending, 4u);
  EXPECT_EQ(r.sink.requests.size(), s.completed + s.dropped);
  // The GPU never runs two inferences at once.
  for (size_t i = 1; i < r.sink.executions.size(); ++i)
    EXPECT_GE(r.sink.executions[i].start_ns, r.sink.executions[i - 1].finish_ns);
}

TEST(Engine, SameSeedGivesIdenticalRecordsAndAnotherSeedDoesNot) {
  auto lib = testing::tiny_library(10'000, 4'000, /*sd_us=*/500);
  auto poisson = periodic_task("mic", 20, "cpu", 4);
  poisson.arrival.kind = spec::Arrival::Kind::kPoisson;
  auto sc = scenario_with({periodic_task("cam", 30, "gpu", 0), poisson}, Duration::s(5), 7);
  const auto a = run(sc, lib), b = run(sc, lib);
  sc.seed = 8;
  const auto c = run(sc, lib);
  auto key = [](const Outcome& r) {
    std::vector<int64_t> k;
    for (const auto& q : r.sink.requests) k.insert(k.end(), {static_cast<int64_t>(q.id), q.arrival_ns, q.start_ns, q.finish_ns});
    return k;
  };
  EXPECT_EQ(key(a), key(b));
  EXPECT_NE(key(a), key(c));
  EXPECT_EQ(a.summary.events, b.summary.events);
}

TEST(Engine, LatencySpreadFollowsTheProfile) {
  auto lib = testing::tiny_library(10'000, 4'000, /*sd_us=*/400);  // GPU 4 ms +- 0.4 ms
  const auto r = run(scenario_with({periodic_task("cam", 10, "gpu", 0)}, Duration::s(2000)), lib);
  const auto& s = r.summary.tasks[0];
  EXPECT_NEAR(s.latency_mean_ms, 4.0, 5 * 0.4 / std::sqrt(s.completed));
  EXPECT_NEAR(s.latency_sd_ms, 0.4, 0.02);
}

TEST(Engine, LatencyDistributionDeterministicIgnoresTheSpreadExponentialKeepsTheMean) {
  auto lib = testing::tiny_library(10'000, 4'000, /*sd_us=*/400);  // GPU 4 ms +- 0.4 ms
  auto task = periodic_task("cam", 10, "gpu", 0);
  task.latency_distribution = spec::LatencyDistribution::kDeterministic;
  const auto det = run(scenario_with({task}, Duration::s(100)), lib);
  ASSERT_GT(det.sink.executions.size(), 900u);
  for (const auto& x : det.sink.executions) EXPECT_EQ(x.finish_ns - x.start_ns, 4'000'000);  // the mean, exactly

  task.latency_distribution = spec::LatencyDistribution::kExponential;
  const auto r = run(scenario_with({task}, Duration::s(2000)), lib);
  const auto& s = r.summary.tasks[0];  // 20 000 requests, period 100 ms: no queueing
  EXPECT_NEAR(s.latency_mean_ms, 4.0, 5 * 4.0 / std::sqrt(s.completed));
  EXPECT_NEAR(s.latency_sd_ms, 4.0, 0.2);  // exponential: SD = mean, the profile's 0.4 ms ignored
  const auto shorter = std::count_if(r.sink.executions.begin(), r.sink.executions.end(),
                                     [](const auto& x) { return x.finish_ns - x.start_ns < 4'000'000; });
  EXPECT_NEAR(static_cast<double>(shorter) / static_cast<double>(s.completed), 1 - std::exp(-1.0), 0.015);
}

struct DropOdd : sched::Scheduler {
  void on_start(sched::SchedulerContext& ctx) override { id = ctx.design_id(*ctx.scenario().tasks[0].design); }
  void on_arrival(sched::SchedulerContext& ctx, const Request& r) override {
    if (r.id % 2) {
      ctx.drop(r);
    } else {
      ctx.dispatch(r, id);
    }
  }
  int32_t id = -1;
};

TEST(Engine, SchedulerDecidesEveryArrival) {
  const auto soc = testing::tiny_soc();
  const auto lib = testing::tiny_library();
  const auto sc = scenario_with({periodic_task("cam", 10, "gpu", 0)}, Duration::ms(950));
  DropOdd sched;
  trace::MemorySink sink;
  Engine engine(soc, lib, sc, sched, sink);
  const auto s = engine.run({}).tasks[0];
  EXPECT_EQ(s.arrived, 10u);
  EXPECT_EQ(s.dropped, 5u);
  EXPECT_EQ(s.completed, 5u);
}

TEST(Engine, DesignWithoutProfileFailsTheRun) {
  auto sc = scenario_with({periodic_task("cam", 10, "gpu", 0)}, Duration::s(1));
  sc.tasks[0].design->threads = 0;
  sc.tasks[0].design->engine = "npu";
  EXPECT_THROW(run(sc), RunError);
}

}  // namespace
}  // namespace socsim

namespace socsim {
namespace {

TEST(EngineHardware, TwoCpuTasksShareTheCoresAndTheTraceShowsTheSlowdown) {
  // Both tasks 4 threads on the 4-core CPU, arriving together: each inference gets half of
  // every core, so 10 ms becomes 20 ms. Moving one task to the GPU removes the contention.
  const auto shared = run(scenario_with({periodic_task("a", 10, "cpu", 4), periodic_task("b", 10, "cpu", 4)}, Duration::s(2)));
  const auto split = run(scenario_with({periodic_task("a", 10, "cpu", 4), periodic_task("b", 10, "gpu", 0)}, Duration::s(2)));
  EXPECT_NEAR(shared.summary.tasks[0].latency_mean_ms, 20.0, 1e-3);
  EXPECT_NEAR(shared.summary.tasks[1].latency_mean_ms, 20.0, 1e-3);
  EXPECT_NEAR(split.summary.tasks[0].latency_mean_ms, 10.0, 1e-3);
  for (const auto& x : shared.sink.executions) EXPECT_NEAR(x.finish_ns - x.start_ns, 20'000'000, 1);
}

TEST(EngineEvents, BackgroundLoadIsRecordedAndSlowsTheTaskWhileItLasts) {
  auto sc = scenario_with({periodic_task("cam", 10, "gpu", 0)}, Duration::s(3));
  spec::RuntimeEvent load;
  load.kind = spec::RuntimeEvent::Kind::kBackgroundLoad;
  load.at = Duration::ms(1050);
  load.duration = Duration::s(1);
  load.processor = "gpu";
  load.value = 0.75;  // max-min: the inference keeps half the GPU
  sc.events = {load};
  const auto r = run(sc);
  std::vector<trace::EventRecord> loads;
  for (const auto& e : r.sink.events)
    if (r.summary.lookups.at("event_kinds")[static_cast<size_t>(e.kind)] == "background_load") loads.push_back(e);
  ASSERT_EQ(loads.size(), 2u);
  EXPECT_EQ(loads[0].time_ns, 1'050'000'000);
  EXPECT_EQ(loads[0].value, 0.75);
  EXPECT_EQ(loads[0].processor, 1);
  EXPECT_EQ(loads[1].time_ns, 2'050'000'000);
  EXPECT_EQ(loads[1].value, 0.0);
  for (const auto& q : r.sink.requests) {
    const bool loaded = q.arrival_ns >= 1'050'000'000 && q.arrival_ns < 2'050'000'000;
    EXPECT_EQ(q.finish_ns - q.start_ns, loaded ? 8'000'000 : 4'000'000) << q.arrival_ns;
  }
}

TEST(EngineMemory, PressureKillsTheLargestModelFirstAndModelsFightUntilItEnds) {
  auto lib = testing::tiny_library();
  lib.variants[0].builds[0].memory_mib = {{spec::ProcessorKind::kCpu, 100}, {spec::ProcessorKind::kGpu, 300}};
  lib.variants[0].builds[0].load = {{spec::ProcessorKind::kCpu, Duration::ms(20)}, {spec::ProcessorKind::kGpu, Duration::ms(200)}};
  auto sc = scenario_with({periodic_task("a", 10, "cpu", 4), periodic_task("b", 10, "gpu", 0)}, Duration::s(3));
  spec::RuntimeEvent squeeze;
  squeeze.kind = spec::RuntimeEvent::Kind::kMemoryPressure;
  squeeze.at = Duration::ms(1005);
  squeeze.duration = Duration::s(1);
  squeeze.value = 350;  // 400 MiB loaded, room for one model at a time
  sc.events = {squeeze};
  const auto r = run(sc, lib);
  const auto& kinds = r.summary.lookups.at("event_kinds");
  std::vector<std::string> seen;
  for (const auto& e : r.sink.events) seen.push_back(kinds[static_cast<size_t>(e.kind)] + "@" + std::to_string(e.task));
  // The largest (the 300 MiB GPU model of task 1) goes first.
  ASSERT_GE(seen.size(), 4u);
  EXPECT_EQ(std::vector<std::string>(seen.begin(), seen.begin() + 4),
            (std::vector<std::string>{"model_load@0", "model_load@1", "memory_pressure@-1", "model_killed@1"}));
  // While the pressure lasts each reload evicts the other model (the app fights the killer:
  // a runtime manager switching to smaller designs is the cure); once it ends, nothing is killed.
  const auto end = std::find(seen.begin() + 3, seen.end(), "memory_pressure@-1");
  ASSERT_NE(end, seen.end());
  EXPECT_GT(std::count(seen.begin(), end, "model_killed@0"), 0);
  EXPECT_EQ(std::count(end, seen.end(), "model_killed@0") + std::count(end, seen.end(), "model_killed@1"), 0);
  // The reload (at the next request of b, 1.1 s) takes 200 ms: that request waits for it.
  bool waited = false;
  for (const auto& q : r.sink.requests)
    if (q.task == 1 && q.arrival_ns == 1'100'000'000) waited = q.start_ns == 1'300'000'000;
  EXPECT_TRUE(waited);
}

TEST(EngineMemory, AModelLargerThanTheAppMemoryFailsToLoadAndItsRequestsAreDropped) {
  auto lib = testing::tiny_library();
  lib.variants[0].builds[0].memory_mib = {{spec::ProcessorKind::kGpu, 5000}};
  const auto r = run(scenario_with({periodic_task("b", 10, "gpu", 0)}, Duration::s(1)), lib);
  EXPECT_EQ(r.summary.tasks[0].completed, 0u);
  EXPECT_EQ(r.summary.tasks[0].dropped, r.summary.tasks[0].arrived);
}

TEST(EngineEnergy, RunSummaryEnergyAddsUp) {
  const auto r = run(scenario_with({periodic_task("a", 30, "cpu", 4), periodic_task("b", 30, "gpu", 0)}, Duration::s(2)));
  const auto& s = r.summary;
  EXPECT_GT(s.attributed_energy_mj, 0);
  EXPECT_NEAR(s.energy_mj, s.attributed_energy_mj + s.background_energy_mj + s.idle_energy_mj, 1e-6);
  double per_inference = 0;
  for (const auto& x : r.sink.executions) per_inference += x.energy_mj;
  EXPECT_NEAR(per_inference, s.attributed_energy_mj, 1e-6);  // every inference finished
  // GPU at 500 mW for 4 ms per inference = 2 mJ each.
  EXPECT_NEAR(s.tasks[1].energy_mj, 2.0, 1e-6);
}

}  // namespace
}  // namespace socsim

namespace socsim {
namespace {

TEST(EngineHardware, ClusterMaskPlacesThreadsOnTheNamedClustersAndRescalesTheProfile) {
  // A big.LITTLE CPU: 4 big cores (DNN speed 1) and 4 little (0.25). The profile (10 ms, 2
  // threads) is big-first; masked to the little cluster both threads run at 0.25, so with
  // p = 0.8: ((0.2/0.25 + 0.8/(2*0.25)) / (0.2/1 + 0.8/(2*1))) = 2.4 / 0.6 = 4x.
  auto soc = testing::tiny_soc();
  soc.processors[0].clusters.push_back({"little", "L", 4, 256, 0.25, 5, {{{1000, 800, 20}}, 1000, Duration{}}});
  auto lib = testing::tiny_library();
  lib.variants[0].parallel_frac = 0.8;
  lib.profiles.push_back(testing::profile("cpu", 2, 10'000));
  auto big = periodic_task("big", 10, "cpu", 2);
  auto little = periodic_task("little", 10, "cpu", 2);
  little.design->clusters = {"little"};
  little.arrival.offset = Duration::ms(50);  // never overlaps the big task
  const auto sc = scenario_with({big, little}, Duration::ms(990));
  solver::FixedScheduler fixed;
  trace::MemorySink sink;
  Engine engine(soc, lib, sc, fixed, sink);
  const auto s = engine.run({});
  EXPECT_NEAR(s.tasks[0].latency_mean_ms, 10.0, 1e-3);
  EXPECT_NEAR(s.tasks[1].latency_mean_ms, 40.0, 1e-3);
  EXPECT_EQ(s.lookups.at("designs")[1], "net/fp32@cpu:2t[little]");
}

}  // namespace
}  // namespace socsim
