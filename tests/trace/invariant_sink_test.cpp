// The run invariants: each check fires on a record stream that breaks it (with the invariant's
// name and the offending record in the message), a consistent stream passes through unchanged,
// and real runs of the engine pass.
#include "sim/trace/invariant_sink.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "sim/core/error.h"
#include "sim/engine/engine.h"
#include "solver/fixed_scheduler.h"
#include "tests/engine/fixtures.h"

namespace socsim::trace {
namespace {

using ::testing::HasSubstr;

// Processor 0 is a CPU, processor 1 an accelerator under fifo sharing.
const std::vector<bool> kExclusive = {false, true};

RequestRecord done(uint64_t id, int64_t arrival, int64_t start, int64_t finish, int32_t processor = 0) {
  RequestRecord r;
  r.id = id;
  r.task = 0;
  r.arrival_ns = arrival;
  r.start_ns = start;
  r.finish_ns = finish;
  r.processor = processor;
  r.design = 0;
  return r;
}

RequestRecord dropped(uint64_t id, int64_t arrival) {
  RequestRecord r;
  r.id = id;
  r.arrival_ns = arrival;
  r.dropped = 1;
  r.violated = 1;
  return r;
}

ExecutionRecord exec(uint64_t request, int32_t processor, int64_t start, int64_t finish, double mj = 1.0) {
  return {request, 0, processor, 0, 1, start, finish, mj};
}

// A summary consistent with `completed` completed and `dropped_n` dropped requests of task 0 and
// executions holding `cpu_mj` on processor 0 and `acc_mj` on processor 1.
RunSummary summary(uint64_t completed, uint64_t dropped_n, double cpu_mj, double acc_mj = 0, int64_t end_ns = 1000) {
  RunSummary s;
  TaskSummary t;
  t.task = 0;
  t.arrived = completed + dropped_n + 1;
  t.completed = completed;
  t.dropped = dropped_n;
  t.violated = dropped_n;
  t.pending = 1;
  s.tasks = {t};
  s.processors = {{0, 10.0 + cpu_mj, 10.0}, {1, 5.0 + acc_mj, 5.0}};
  s.energy_mj = 15.0 + cpu_mj + acc_mj;
  s.idle_energy_mj = 15.0;
  s.attributed_energy_mj = cpu_mj + acc_mj;
  s.background_energy_mj = 0;
  s.sim_time_ns = end_ns;
  s.lookups["tasks"] = {"t"};
  return s;
}

// Feeds `records` then ends with `s`; returns the RunError message, or "" if the run passed.
std::string run(const std::function<void(TraceSink&)>& records, const RunSummary& s) {
  MemorySink inner;
  InvariantSink sink(inner, kExclusive);
  try {
    sink.begin({});
    records(sink);
    sink.end(s);
  } catch (const RunError& e) {
    return e.what();
  }
  return "";
}

// A consistent stream: two completions on the CPU, one on the accelerator, a drop, samples.
void good_stream(TraceSink& s) {
  s.on_dvfs({0, 0, 0, 1000});
  s.on_execution(exec(1, 0, 10, 100));
  s.on_request(done(1, 5, 10, 100));
  s.on_request(dropped(3, 120));
  s.on_execution(exec(2, 1, 100, 200));
  s.on_request(done(2, 90, 100, 200, 1));
  s.on_execution(exec(4, 1, 200, 300));
  s.on_request(done(4, 150, 200, 300, 1));
  s.on_sample({300, 0, 0, 0.5, 1000, 100, 30, 0});
  s.on_event({300, 0, -1, -1, 0.5});
}

TEST(InvariantSink, AConsistentStreamPassesAndReachesTheInnerSink) {
  MemorySink inner;
  InvariantSink sink(inner, kExclusive);
  sink.begin({});
  good_stream(sink);
  sink.end(summary(3, 1, 1.0, 2.0));
  EXPECT_EQ(inner.requests.size(), 4u);
  EXPECT_EQ(inner.executions.size(), 3u);
  EXPECT_EQ(inner.samples.size(), 1u);
  EXPECT_EQ(inner.summary.tasks.size(), 1u);
  EXPECT_EQ(sink.records_checked(), 10u);
}

TEST(InvariantSink, EndIncompleteIsCheckedAndForwarded) {
  MemorySink inner;
  InvariantSink sink(inner, kExclusive);
  sink.begin({});
  good_stream(sink);
  sink.end_incomplete(summary(3, 1, 1.0, 2.0), {"SIGINT", "interrupted by SIGINT"});
  ASSERT_TRUE(inner.stopped.has_value());
  EXPECT_EQ(inner.stopped->reason, "SIGINT");
  MemorySink inner2;
  InvariantSink bad(inner2, kExclusive);
  bad.begin({});
  good_stream(bad);
  EXPECT_THROW(bad.end_incomplete(summary(2, 1, 1.0, 2.0), {"SIGINT", ""}), RunError);
}

TEST(InvariantSink, TimeGoingBackwardsInATableFires) {
  const std::string msg = run(
      [](TraceSink& s) {
        s.on_sample({200, 0, 0, 0, 0, 0, 0, 0});
        s.on_sample({100, 0, 0, 0, 0, 0, 0, 0});
      },
      summary(0, 0, 0));
  EXPECT_THAT(msg, HasSubstr("invariant time_order violated"));
  EXPECT_THAT(msg, HasSubstr("/samples went back in time: 100 ns after a record at 200 ns"));
  EXPECT_THAT(msg, HasSubstr("offending record: /samples {time_ns=100"));

  for (auto table : std::vector<std::function<void(TraceSink&, int64_t)>>{
           [](TraceSink& s, int64_t t) { s.on_event({t, 0, -1, -1, 0}); },
           [](TraceSink& s, int64_t t) { s.on_dvfs({t, 0, 0, 1}); },
           [](TraceSink& s, int64_t t) { s.on_switch({t, 0, 0, 1, 0, 0}); },
           [](TraceSink& s, int64_t t) { s.on_execution(exec(t, 0, 0, t)); }}) {
    EXPECT_THAT(run([&](TraceSink& s) { table(s, 50); table(s, 40); }, summary(0, 0, 0)),
                HasSubstr("invariant time_order violated"));
  }
}

TEST(InvariantSink, RequestsOutOfCompletionOrderFire) {
  const std::string msg = run(
      [](TraceSink& s) {
        s.on_request(done(1, 0, 10, 100));
        s.on_request(done(2, 0, 10, 90));
      },
      summary(2, 0, 0));
  EXPECT_THAT(msg, HasSubstr("invariant time_order violated: requests are not in completion order"));
  EXPECT_THAT(msg, HasSubstr("offending record: /requests {id=2"));
  // A drop at its arrival time is a point in time too: a completion recorded after it cannot
  // finish before that arrival.
  EXPECT_THAT(run(
                  [](TraceSink& s) {
                    s.on_request(dropped(1, 500));
                    s.on_request(done(2, 0, 10, 400));
                  },
                  summary(1, 1, 0)),
              HasSubstr("not in completion order"));
  // ... but a drop may name an arrival before earlier completions (dropped after waiting).
  EXPECT_EQ(run(
                [](TraceSink& s) {
                  s.on_request(done(2, 0, 10, 400));
                  s.on_request(dropped(1, 300));
                },
                summary(1, 1, 0)),
            "");
}

TEST(InvariantSink, ARequestThatFinishesBeforeItStartsFires) {
  EXPECT_THAT(run([](TraceSink& s) { s.on_request(done(1, 50, 40, 100)); }, summary(1, 0, 0)),
              HasSubstr("arrival <= start <= finish"));
  EXPECT_THAT(run([](TraceSink& s) { s.on_request(done(1, 0, 60, 50)); }, summary(1, 0, 0)),
              HasSubstr("arrival <= start <= finish"));
  EXPECT_THAT(run([](TraceSink& s) { s.on_execution(exec(1, 0, 60, 50)); }, summary(0, 0, 1.0)),
              HasSubstr("execution finishes before it starts"));
  EXPECT_THAT(run([](TraceSink& s) { s.on_event({-5, 0, -1, -1, 0}); }, summary(0, 0, 0)),
              HasSubstr("negative time"));
}

TEST(InvariantSink, ARecordAfterTheEndOfTheRunFires) {
  EXPECT_THAT(run([](TraceSink& s) { s.on_sample({2000, 0, 0, 0, 0, 0, 0, 0}); }, summary(0, 0, 0, 0, 1000)),
              HasSubstr("/samples has a record at 2000 ns, after the end of the run at 1000 ns"));
}

TEST(InvariantSink, TwoInferencesAtOnceOnAFifoAcceleratorFire) {
  const std::string msg = run(
      [](TraceSink& s) {
        s.on_execution(exec(7, 1, 100, 200));
        s.on_execution(exec(8, 1, 150, 250));
      },
      summary(0, 0, 2.0));
  EXPECT_THAT(msg, HasSubstr("invariant exclusive violated: processor 1 runs one inference at a time, but this one "
                             "started at 150 ns while request 7 ran until 200 ns"));
  EXPECT_THAT(msg, HasSubstr("offending record: /executions {request=8"));
  // Overlap on the CPU is fine (shared cores), as is back-to-back on the accelerator.
  EXPECT_EQ(run(
                [](TraceSink& s) {
                  s.on_execution(exec(7, 0, 100, 200));
                  s.on_execution(exec(8, 0, 150, 250));
                  s.on_execution(exec(9, 1, 100, 250));
                  s.on_execution(exec(10, 1, 250, 260));
                },
                summary(0, 0, 2.0, 2.0)),
            "");
  EXPECT_THAT(run([](TraceSink& s) { s.on_execution(exec(1, 5, 0, 1)); }, summary(0, 0, 1.0)),
              HasSubstr("unknown processor 5"));
}

TEST(InvariantSink, NegativeOrNonFiniteExecutionEnergyFires) {
  EXPECT_THAT(run([](TraceSink& s) { s.on_execution(exec(1, 0, 0, 10, -0.5)); }, summary(0, 0, 0)),
              HasSubstr("invariant energy violated: execution energy -0.5 mJ is negative or not finite"));
  EXPECT_THAT(run([](TraceSink& s) { s.on_execution(exec(1, 0, 0, 10, std::nan(""))); }, summary(0, 0, 0)),
              HasSubstr("invariant energy violated"));
}

TEST(InvariantSink, EnergiesThatDoNotAddUpFire) {
  RunSummary s = summary(0, 0, 2.0);
  s.energy_mj += 1.0;  // processors no longer add up to the total
  EXPECT_THAT(run([](TraceSink& t) { t.on_execution(exec(1, 0, 0, 10, 2.0)); }, s),
              HasSubstr("processor energies add up to 17 mJ, the run's total is 18 mJ"));

  s = summary(0, 0, 2.0);
  s.processors[1].idle_energy_mj = 4.0;  // idle parts no longer add up
  s.processors[1].energy_mj = 5.0;
  EXPECT_THAT(run([](TraceSink& t) { t.on_execution(exec(1, 0, 0, 10, 2.0)); }, s),
              HasSubstr("processor idle energies add up to"));

  s = summary(0, 0, 2.0);
  s.background_energy_mj = 1.0;  // attributed + background + idle != total
  EXPECT_THAT(run([](TraceSink& t) { t.on_execution(exec(1, 0, 0, 10, 2.0)); }, s),
              HasSubstr("must add up to the total"));

  // Executions claiming more than their processor's dynamic energy.
  EXPECT_THAT(run([](TraceSink& t) { t.on_execution(exec(1, 1, 0, 10, 2.0)); }, summary(0, 0, 2.0)),
              HasSubstr("processor 1: its executions hold 2 mJ, more than its dynamic energy 0 mJ"));

  s = summary(0, 0, 1.0);  // executions hold more than was attributed to inferences
  s.processors[0].energy_mj = 13.0;
  s.energy_mj = 18.0;
  s.background_energy_mj = 2.0;
  EXPECT_THAT(run([](TraceSink& t) { t.on_execution(exec(1, 0, 0, 10, 3.0)); }, s),
              HasSubstr("more than the energy attributed to inferences"));

  s = summary(0, 0, 0);
  s.processors[0].idle_energy_mj = 12.0;  // idle above the processor's total
  EXPECT_THAT(run([](TraceSink&) {}, s), HasSubstr("(expected 0 <= idle <= energy)"));

  // Rounding differences within the tolerance pass.
  s = summary(0, 0, 2.0);
  s.energy_mj += 1e-9;
  EXPECT_EQ(run([](TraceSink& t) { t.on_execution(exec(1, 0, 0, 10, 2.0)); }, s), "");
}

TEST(InvariantSink, RequestsThatAreNeitherFinishedDroppedNorPendingFire) {
  RunSummary s = summary(1, 0, 1.0);
  s.tasks[0].arrived += 1;  // one request vanished
  const std::string msg = run(
      [](TraceSink& t) {
        t.on_execution(exec(1, 0, 0, 10));
        t.on_request(done(1, 0, 0, 10));
      },
      s);
  EXPECT_THAT(msg, HasSubstr("invariant accounting violated: task 0: arrived 3 != completed 1 + dropped 0 + pending 1"));

  // The summary counts a completion that /requests never listed.
  EXPECT_THAT(run([](TraceSink&) {}, summary(1, 0, 0)),
              HasSubstr("task 0: /requests holds 0 completed, 0 dropped, 0 violated requests; the summary counts 1, 0, 0"));
  // ... or /requests lists a drop the summary does not count.
  EXPECT_THAT(run([](TraceSink& t) { t.on_request(dropped(1, 5)); }, summary(0, 0, 0)),
              HasSubstr("invariant accounting violated"));
  // ... or a task the summary does not know.
  RequestRecord other = done(1, 0, 0, 10);
  other.task = 3;
  EXPECT_THAT(run([&](TraceSink& t) { t.on_request(other); }, summary(0, 0, 0)),
              HasSubstr("/requests names task 3"));
}

// Real runs: the engine's record streams satisfy every invariant, with an accelerator under fifo
// sharing busy enough to queue.
TEST(InvariantSink, EngineRunsPass) {
  using namespace socsim::testing;
  for (const std::string sharing : {"fifo", "time_slice"}) {
    const spec::Soc soc = tiny_soc();
    const spec::ModelLibrary lib = tiny_library(10'000, 4'000, 1'000);
    spec::Scenario sc = scenario_with({periodic_task("a", 200, "gpu", 0), periodic_task("b", 150, "gpu", 0),
                                       periodic_task("c", 60, "cpu", 4)},
                                      Duration::s(5));
    sc.accelerator_sharing = sharing;
    solver::FixedScheduler fixed;
    MemorySink inner;
    InvariantSink sink(inner, {false, sharing == "fifo"});
    Engine engine(soc, lib, sc, fixed, sink);
    EXPECT_NO_THROW(engine.run({})) << sharing;
    EXPECT_GT(sink.records_checked(), 1000u);
    EXPECT_GT(inner.summary.tasks[0].dropped + inner.summary.tasks[1].dropped, 0u) << "the GPU should overflow";
  }
}

}  // namespace
}  // namespace socsim::trace
