// The request-level dispatchers (solver/dispatcher.h and the four policies) on hand-built specs
// whose outcome is worked out by hand in the comments, then on every shipped scenario.
//
// The tiny SoC has processor 0 = "cpu" (4 cores) and processor 1 = "gpu"; profiles have no
// spread and models load instantly, so every latency below is exact.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/run_job.h"
#include "sim/core/error.h"
#include "tests/solver/dispatch_fixtures.h"

namespace socsim {
namespace {

using testing::library_of;
using testing::profile_of;
using testing::run_dispatch;
using testing::scenario_with;
using testing::task_of;

constexpr int kCpu = 0, kGpu = 1;
const std::vector<std::string> kDispatchers = {"round_robin", "shortest_expected_latency", "least_slack_time", "heft",
                                               "fcfs"};

// "net" on the CPU (4 threads) and on the GPU.
spec::ModelLibrary cpu_gpu(int64_t cpu_us, int64_t gpu_us) {
  return library_of({profile_of("net", "cpu", 4, cpu_us), profile_of("net", "gpu", 0, gpu_us)});
}

spec::Task net_task(const std::string& name, double fps, int64_t offset_ms = 0,
                    std::optional<Duration> deadline = Duration::ms(100)) {
  return task_of(name, "net", fps, "gpu", 0, Duration::ms(offset_ms), deadline);
}

TEST(DispatchCandidates, EveryProfiledEngineOfTheVariantAndTheCpuEntryWithTheMostThreads) {
  // "net" is profiled on the CPU with 2 and 4 threads and on the GPU; "big" only on the CPU.
  const auto lib = library_of({profile_of("net", "cpu", 2, 15'000), profile_of("net", "cpu", 4, 10'000),
                               profile_of("net", "gpu", 0, 4'000), profile_of("big", "cpu", 2, 30'000)});
  // A task designed for the GPU gets the CPU's 4-thread entry; one designed for the CPU keeps its 2
  // threads; "big" has no GPU profile, so its only candidate is its own design.
  auto sc = scenario_with({net_task("gpu_task", 10), task_of("cpu_task", "net", 10, "cpu", 2, Duration{}, std::nullopt),
                           task_of("big_task", "big", 10, "cpu", 2, Duration{}, std::nullopt)},
                          Duration::ms(50));
  const auto r = run_dispatch("round_robin", sc, lib);
  EXPECT_EQ(r.summary.lookups.at("designs"),
            (std::vector<std::string>{"net/fp32@cpu:4t", "net/fp32@gpu", "net/fp32@cpu:2t", "big/fp32@cpu:2t"}));
}

TEST(DispatchCandidates, ATaskWithoutADesignFailsTheRun) {
  auto sc = scenario_with({net_task("cam", 10)}, Duration::ms(50));
  sc.tasks[0].design.reset();
  for (const auto& name : kDispatchers) EXPECT_THROW(run_dispatch(name, sc, cpu_gpu(10'000, 4'000)), RunError) << name;
}

TEST(DispatchRoundRobin, AlternatesProcessors) {
  // 10 requests (t = 0, 100, ..., 900 ms), candidates in SoC order: CPU, GPU, CPU, ... — even
  // though the GPU is faster and always idle.
  const auto r =
      run_dispatch("round_robin", scenario_with({net_task("cam", 10)}, Duration::ms(950)), cpu_gpu(10'000, 4'000));
  EXPECT_EQ(r.per_processor(), (std::map<int, int>{{kCpu, 5}, {kGpu, 5}}));
  const auto done = r.finished(0);
  ASSERT_EQ(done.size(), 10u);
  for (size_t i = 0; i < done.size(); ++i) {
    EXPECT_EQ(done[i].processor, i % 2 == 0 ? kCpu : kGpu) << i;
    EXPECT_EQ(done[i].finish_ns - done[i].start_ns, i % 2 == 0 ? 10'000'000 : 4'000'000) << i;
  }
}

TEST(DispatchRoundRobin, SkipsOfflineProcessors) {
  // The GPU goes offline at 250 ms: CPU (0 ms), GPU (100 ms), CPU (200 ms), then the GPU's turns
  // (300, 500, ... ms) fall to the CPU too.
  auto sc = scenario_with({net_task("cam", 10)}, Duration::ms(950));
  spec::RuntimeEvent off;
  off.kind = spec::RuntimeEvent::Kind::kProcessorOffline;
  off.at = Duration::ms(250);
  off.processor = "gpu";
  sc.events = {off};
  const auto r = run_dispatch("round_robin", sc, cpu_gpu(10'000, 4'000));
  EXPECT_EQ(r.per_processor(), (std::map<int, int>{{kCpu, 9}, {kGpu, 1}}));
}

TEST(DispatchShortestExpectedLatency, SendsTheSecondOfTwoSimultaneousRequestsElsewhereWhenThatFinishesFirst) {
  // Tasks a and b arrive together every 100 ms. a goes to the idle GPU (4 ms < the CPU's 6 ms);
  // for b the GPU would finish at 4 + 4 = 8 ms, the idle CPU at 6 ms: b goes to the CPU.
  const auto sc = scenario_with({net_task("a", 10), net_task("b", 10)}, Duration::ms(950));
  const auto r = run_dispatch("shortest_expected_latency", sc, cpu_gpu(6'000, 4'000));
  EXPECT_EQ(r.per_processor(0), (std::map<int, int>{{kGpu, 10}}));
  EXPECT_EQ(r.per_processor(1), (std::map<int, int>{{kCpu, 10}}));
  EXPECT_DOUBLE_EQ(r.summary.tasks[1].latency_mean_ms, 6.0);
  // `fixed` queues b behind a on the GPU: 8 ms.
  EXPECT_DOUBLE_EQ(run_dispatch("fixed", sc, cpu_gpu(6'000, 4'000)).summary.tasks[1].latency_mean_ms, 8.0);
  // With a 10 ms CPU, waiting for the GPU (8 ms) is quicker: b stays on the GPU.
  const auto slow_cpu = run_dispatch("shortest_expected_latency", sc, cpu_gpu(10'000, 4'000));
  EXPECT_EQ(slow_cpu.per_processor(1), (std::map<int, int>{{kGpu, 10}}));
  EXPECT_DOUBLE_EQ(slow_cpu.summary.tasks[1].latency_mean_ms, 8.0);
}

TEST(DispatchShortestExpectedLatency, BeatsFixedWhenOneProcessorSaturates) {
  // 300 requests/s with a 20 ms deadline. The GPU alone serves 250/s (4 ms each): under `fixed`
  // its queue grows to max_queue (16) and about 50 requests/s are dropped, the rest wait up to
  // 16 x 4 = 64 ms. GPU + CPU serve 250 + 166/s: SEL keeps both queues short, drops nothing and
  // finishes every request well within 20 ms (at worst a CPU run of 6 ms behind one queued GPU
  // or CPU request).
  auto task = net_task("cam", 300, 0, Duration::ms(20));
  const auto sc = scenario_with({task}, Duration::s(2));
  const auto lib = cpu_gpu(6'000, 4'000);
  const auto fixed = run_dispatch("fixed", sc, lib).summary.tasks[0];
  const auto sel = run_dispatch("shortest_expected_latency", sc, lib);
  const auto& s = sel.summary.tasks[0];
  EXPECT_GT(fixed.dropped, 50u);
  EXPECT_GT(fixed.violated, fixed.dropped);
  EXPECT_EQ(s.dropped, 0u);
  EXPECT_EQ(s.violated, 0u);
  EXPECT_LT(s.latency_p99_ms, 20.0);
  EXPECT_GT(s.completed, fixed.completed);
  EXPECT_GT(sel.per_processor().at(kCpu), 0);
  EXPECT_GT(sel.per_processor().at(kGpu), 0);
}

// Three tasks on a GPU-only library (10 ms each) every 100 ms: "first" at 0 ms, "loose" at 1 ms
// (deadline 100 ms), "tight" at 2 ms (deadline `tight_ms`).
spec::Scenario three_on_one_gpu(int64_t tight_ms) {
  return scenario_with(
      {net_task("first", 10, 0), net_task("loose", 10, 1), net_task("tight", 10, 2, Duration::ms(tight_ms))},
      Duration::ms(950));
}
const spec::ModelLibrary kGpuOnly = library_of({profile_of("net", "gpu", 0, 10'000)});

TEST(DispatchLeastSlackTime, MeetsTheTightDeadlineThatFifoMisses) {
  // FIFO (fixed, or SEL: one processor): first 0-10, loose 10-20, tight 20-30 ms: tight's latency
  // is 28 ms > 25 ms, every period. LST holds loose and tight while first runs; at 10 ms their
  // slacks are 101-10-10 = 81 ms and 27-10-10 = 7 ms: tight runs 10-20 (18 ms), loose 20-30
  // (29 ms < 100 ms). Nothing is missed.
  const auto sc = three_on_one_gpu(25);
  for (const char* fifo : {"fixed", "shortest_expected_latency"}) {
    const auto r = run_dispatch(fifo, sc, kGpuOnly);
    EXPECT_EQ(r.summary.tasks[2].violated, 10u) << fifo;
    EXPECT_EQ(r.summary.tasks[0].violated + r.summary.tasks[1].violated, 0u) << fifo;
  }
  const auto lst = run_dispatch("least_slack_time", sc, kGpuOnly);
  for (const auto& t : lst.summary.tasks) {
    EXPECT_EQ(t.completed, 10u);
    EXPECT_EQ(t.violated, 0u);
  }
  for (const auto& q : lst.finished(2)) EXPECT_EQ(q.finish_ns - q.arrival_ns, 18'000'000);
  for (const auto& q : lst.finished(1)) EXPECT_EQ(q.finish_ns - q.arrival_ns, 29'000'000);
}

TEST(DispatchLeastSlackTime, DropsHopelessRequestsUnlessToldNotTo) {
  // Tight deadline 15 ms: when tight arrives at 2 ms, first still has 8 ms to run, so its earliest
  // expected finish is 2 + 8 + 10 = 20 ms > 2 + 15: hopeless, dropped at once, and loose runs
  // 10-20 ms. Without dropping, tight (slack 17-10-10 = -3 ms) still goes before loose and
  // finishes late (18 ms), loose after it (29 ms, in time).
  const auto sc = three_on_one_gpu(15);
  const auto drop = run_dispatch("least_slack_time", sc, kGpuOnly);
  EXPECT_EQ(drop.summary.tasks[2].dropped, 10u);
  EXPECT_EQ(drop.summary.tasks[2].violated, 10u);
  EXPECT_EQ(drop.per_processor(2).size(), 0u);
  for (const auto& q : drop.finished(1)) EXPECT_EQ(q.finish_ns - q.arrival_ns, 19'000'000);

  const auto keep = run_dispatch("least_slack_time", sc, kGpuOnly, {{"drop_hopeless", "false"}});
  EXPECT_EQ(keep.summary.tasks[2].dropped, 0u);
  EXPECT_EQ(keep.summary.tasks[2].violated, 10u);
  for (const auto& q : keep.finished(2)) EXPECT_EQ(q.finish_ns - q.arrival_ns, 18'000'000);
  EXPECT_EQ(keep.summary.tasks[1].violated, 0u);
}

TEST(DispatchLeastSlackTime, HeldRequestsCountAsPendingAtTheEnd) {
  // The run ends at 5 ms: first runs 0-10 ms, loose and tight are still held by the dispatcher.
  auto sc = three_on_one_gpu(25);
  sc.duration = Duration::ms(5);
  const auto r = run_dispatch("least_slack_time", sc, kGpuOnly);
  for (const auto& t : r.summary.tasks) {
    EXPECT_EQ(t.arrived, 1u);
    EXPECT_EQ(t.pending, 1u);
  }
  EXPECT_TRUE(r.sink.executions.empty());
}

TEST(DispatchHeft, PicksTheProcessorWithTheEarliestExpectedFinish) {
  // a and b arrive together; a takes the GPU (4 ms). For b the GPU would finish at 8 ms: with a
  // 6 ms CPU, b goes to the CPU at once; with a 10 ms CPU it waits for the GPU (runs 4-8 ms) even
  // though the CPU is idle.
  const auto sc = scenario_with({net_task("a", 10), net_task("b", 10)}, Duration::ms(950));
  const auto fast_cpu = run_dispatch("heft", sc, cpu_gpu(6'000, 4'000));
  EXPECT_EQ(fast_cpu.per_processor(0), (std::map<int, int>{{kGpu, 10}}));
  EXPECT_EQ(fast_cpu.per_processor(1), (std::map<int, int>{{kCpu, 10}}));
  const auto slow_cpu = run_dispatch("heft", sc, cpu_gpu(10'000, 4'000));
  EXPECT_EQ(slow_cpu.per_processor(), (std::map<int, int>{{kGpu, 20}}));
  for (const auto& q : slow_cpu.finished(1)) {
    EXPECT_EQ(q.start_ns - q.arrival_ns, 4'000'000);
    EXPECT_EQ(q.finish_ns - q.arrival_ns, 8'000'000);
  }
}

TEST(DispatchFcfs, TheFirstIdleProcessorTakesTheOldestRequestEvenWhenItIsSlower) {
  // a, b and c arrive together (10 fps); CPU 10 ms, GPU 4 ms. a takes the first idle processor in
  // SoC order, the CPU (0-10 ms), although the GPU would finish it sooner (heft waits for it); b
  // the GPU (0-4 ms); c waits in the shared queue for the first processor to free up: the GPU at
  // 4 ms (4-8 ms).
  const auto sc = scenario_with({net_task("a", 10), net_task("b", 10), net_task("c", 10)}, Duration::ms(950));
  const auto out = run_dispatch("fcfs", sc, cpu_gpu(10'000, 4'000));
  EXPECT_EQ(out.per_processor(0), (std::map<int, int>{{kCpu, 10}}));
  EXPECT_EQ(out.per_processor(1), (std::map<int, int>{{kGpu, 10}}));
  EXPECT_EQ(out.per_processor(2), (std::map<int, int>{{kGpu, 10}}));
  for (const auto& q : out.finished(2)) {
    EXPECT_EQ(q.start_ns - q.arrival_ns, 4'000'000);
    EXPECT_EQ(q.finish_ns - q.arrival_ns, 8'000'000);
  }
}

TEST(DispatchFcfs, NoProcessorIdlesWhileARequestWaits) {
  // Four tasks at once on two processors of 4 ms each: served in arrival order two at a time,
  // waits 0, 0, 4, 4 ms — the M/D/2 discipline.
  const auto lib = library_of({profile_of("net", "cpu", 4, 4'000), profile_of("net", "gpu", 0, 4'000)});
  const auto sc =
      scenario_with({net_task("a", 10), net_task("b", 10), net_task("c", 10), net_task("d", 10)}, Duration::ms(950));
  const auto out = run_dispatch("fcfs", sc, lib);
  for (uint32_t t = 0; t < 4; ++t)
    for (const auto& q : out.finished(t)) EXPECT_EQ(q.start_ns - q.arrival_ns, t < 2 ? 0 : 4'000'000) << t;
}

TEST(DispatchHeft, SendsTheHighestUpwardRankFirst) {
  // GPU only. "first" (net, 4 ms) runs 0-4 ms; "small" (net, 4 ms) arrives at 1 ms and "large"
  // (big, 12 ms) at 2 ms. At 4 ms both are held: large has the higher rank (12 > 4 ms) and runs
  // 4-16, small 16-20. FIFO would run small 4-8 and large 8-20.
  const auto lib = library_of({profile_of("net", "gpu", 0, 4'000), profile_of("big", "gpu", 0, 12'000)});
  const auto sc = scenario_with({net_task("first", 10, 0), net_task("small", 10, 1),
                                 task_of("large", "big", 10, "gpu", 0, Duration::ms(2), Duration::ms(100))},
                                Duration::ms(950));
  const auto heft = run_dispatch("heft", sc, lib);
  for (const auto& q : heft.finished(2)) EXPECT_EQ(q.start_ns - q.arrival_ns, 2'000'000);
  for (const auto& q : heft.finished(1)) EXPECT_EQ(q.start_ns - q.arrival_ns, 15'000'000);
  const auto fifo = run_dispatch("fixed", sc, lib);
  for (const auto& q : fifo.finished(1)) EXPECT_EQ(q.start_ns - q.arrival_ns, 3'000'000);
}

TEST(DispatchHolding, RequestsTheEngineDropsOnDispatchDoNotBlockTheProcessor) {
  // GPU only; the model holds 300 MiB and loads in 20 ms. From 500 ms to 1 s the app may use
  // 100 MiB: the killer evicts the model, and every request dispatched meanwhile is dropped by the
  // engine (its model cannot load) with no completion. The holding dispatchers must not take the
  // GPU for busy forever: once such a request was sent more than the 20 ms load time ago and the
  // GPU holds nothing, it is forgotten. After the pressure every request (1.1 ... 1.9 s) runs.
  auto lib = library_of({profile_of("net", "gpu", 0, 4'000)});
  lib.variants[0].builds[0].memory_mib = {{spec::ProcessorKind::kGpu, 300}};
  lib.variants[0].builds[0].load = {{spec::ProcessorKind::kGpu, Duration::ms(20)}};
  auto sc = scenario_with({net_task("cam", 10)}, Duration::ms(1950));
  spec::RuntimeEvent squeeze;
  squeeze.kind = spec::RuntimeEvent::Kind::kMemoryPressure;
  squeeze.at = Duration::ms(500);
  squeeze.duration = Duration::ms(500);
  squeeze.value = 100;
  sc.events = {squeeze};
  for (const char* name : {"least_slack_time", "heft"}) {
    const auto r = run_dispatch(name, sc, lib);
    EXPECT_GE(r.summary.tasks[0].dropped, 5u) << name;  // 500 ... 900 ms
    int after = 0;
    for (const auto& q : r.finished(0)) after += q.arrival_ns >= 1'100'000'000;
    EXPECT_EQ(after, 9) << name;
  }
}

TEST(DispatchHolding, PollsWhileEveryCandidateIsOffline) {
  // GPU only, offline from 150 ms until 450 ms: the requests of 200, 300 and 400 ms are held with
  // no completion to wait for, so the dispatcher polls every millisecond and sends the first of
  // them within 1 ms of the GPU coming back (not at the next arrival, 500 ms); the others follow
  // 4 ms apart. (A 1 s deadline: least_slack_time would drop the 200 and 300 ms ones as hopeless.)
  auto sc = scenario_with({net_task("cam", 10, 0, Duration::s(1))}, Duration::ms(950));
  spec::RuntimeEvent off, on;
  off.kind = spec::RuntimeEvent::Kind::kProcessorOffline;
  off.at = Duration::ms(150);
  off.processor = "gpu";
  on.kind = spec::RuntimeEvent::Kind::kProcessorOnline;
  on.at = Duration::ms(450);
  on.processor = "gpu";
  sc.events = {off, on};
  const auto lib = library_of({profile_of("net", "gpu", 0, 4'000)});
  for (const char* name : {"least_slack_time", "heft"}) {
    const auto r = run_dispatch(name, sc, lib);
    const auto done = r.finished(0);
    ASSERT_EQ(done.size(), 10u) << name;
    EXPECT_GE(done[2].start_ns, 450'000'000) << name;
    EXPECT_LE(done[2].start_ns, 451'000'000) << name;
    EXPECT_EQ(done[3].start_ns, done[2].start_ns + 4'000'000) << name;
    EXPECT_EQ(done[4].start_ns, done[3].start_ns + 4'000'000) << name;
  }
}

TEST(DispatchRegistry, UnknownParameterListsTheKnownOnes) {
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  try {
    registry.create("least_slack_time", {{"drop", "true"}}, "s.json");
    FAIL();
  } catch (const ConfigError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].pointer, "/scheduler/params/drop");
    EXPECT_NE(e.diagnostics()[0].message.find("expected one of: drop_hopeless"), std::string::npos)
        << e.diagnostics()[0].message;
  }
}

TEST(DispatchScenarios, EveryDispatcherRunsEveryShippedScenario) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& dir : {"scenarios", "scenarios/suites"})
    for (const auto& e : fs::directory_iterator(fs::path(SOCSIM_SOURCE_DIR) / dir))
      if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 15u);
  for (const auto& file : files) {
    for (const auto& name : kDispatchers) {
      cli::RunRequest req;
      req.scenario_path = file;
      req.scheduler = name;
      cli::RunOutcome out;
      ASSERT_NO_THROW(out = cli::run_scenario(req)) << name << " on " << file;
      for (const auto& t : out.summary.tasks) {
        EXPECT_EQ(t.arrived, t.completed + t.dropped + t.pending) << name << " on " << file;
        EXPECT_GT(t.completed, 0u) << name << " on " << file;
      }
    }
  }
}

}  // namespace
}  // namespace socsim
