#include "sim/core/simulator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/core/error.h"

namespace socsim {
namespace {

struct Recorder : EventHandler {
  explicit Recorder(Simulator& s) : sim(s) {}
  void on_event(const Event& e) override { seen.push_back({sim.now().ns(), e.arg}); }
  Simulator& sim;
  std::vector<std::pair<int64_t, uint64_t>> seen;
};

struct Spinner : EventHandler {  // reschedules itself at the same instant forever
  explicit Spinner(Simulator& s) : sim(s) {}
  void on_event(const Event&) override { sim.schedule_in(Duration::ns(0), Band::kHardware, this); }
  Simulator& sim;
};

TEST(Simulator, RunsEventsUpToEndAndStopsTheClockThere) {
  Simulator sim;
  Recorder r(sim);
  sim.schedule(Time::from_ns(30), Band::kHardware, &r, 0, 3);
  sim.schedule(Time::from_ns(10), Band::kHardware, &r, 0, 1);
  sim.schedule(Time::from_ns(100), Band::kHardware, &r, 0, 9);
  sim.run_until(Time::from_ns(50));
  EXPECT_EQ(r.seen, (std::vector<std::pair<int64_t, uint64_t>>{{10, 1}, {30, 3}}));
  EXPECT_EQ(sim.now(), Time::from_ns(50));
  EXPECT_EQ(sim.pending(), 1u);
  EXPECT_EQ(sim.events_processed(), 2u);
}

// A meter sees each event once, before and after its handler ran, in the run's order.
struct Log : EventMeter {
  explicit Log(const Recorder& r) : rec(r) {}
  void before(const Event& e) override { log.push_back("before " + std::to_string(e.arg) + " seen " + std::to_string(rec.seen.size())); }
  void after(const Event& e) override { log.push_back("after " + std::to_string(e.arg) + " seen " + std::to_string(rec.seen.size())); }
  const Recorder& rec;
  std::vector<std::string> log;
};

TEST(Simulator, EventMeterWrapsEveryHandlerCall) {
  Simulator sim;
  Recorder r(sim);
  Log meter(r);
  sim.set_event_meter(&meter);
  sim.schedule(Time::from_ns(20), Band::kHardware, &r, 0, 2);
  sim.schedule(Time::from_ns(10), Band::kHardware, &r, 0, 1);
  sim.run_until(Time::from_ns(50));
  EXPECT_EQ(meter.log, (std::vector<std::string>{"before 1 seen 0", "after 1 seen 1", "before 2 seen 1", "after 2 seen 2"}));
  sim.set_event_meter(nullptr);
  sim.schedule(Time::from_ns(60), Band::kHardware, &r, 0, 3);
  sim.run_until(Time::from_ns(70));
  EXPECT_EQ(meter.log.size(), 4u);
  EXPECT_EQ(r.seen.size(), 3u);
  EXPECT_STREQ(r.event_name(0), "event");  // the default name
}

TEST(Simulator, EventAtExactlyEndRuns) {
  Simulator sim;
  Recorder r(sim);
  sim.schedule(Time::from_ns(50), Band::kHardware, &r, 0, 5);
  sim.run_until(Time::from_ns(50));
  EXPECT_EQ(r.seen.size(), 1u);
}

TEST(Simulator, SchedulingInThePastIsAnError) {
  Simulator sim;
  Recorder r(sim);
  sim.run_until(Time::from_ns(100));
  EXPECT_THROW(sim.schedule(Time::from_ns(99), Band::kHardware, &r), RunError);
}

TEST(Simulator, WatchdogFailsAZeroDelayLoopLoudlyWithTheStateDump) {
  Simulator sim;
  Spinner s(sim);
  sim.set_max_events_per_instant(1000);
  sim.set_state_dump([] { return std::string("dumped-state"); });
  sim.schedule(Time::from_ns(5), Band::kHardware, &s);
  try {
    sim.run_until(Time::from_ns(10));
    FAIL() << "a stalled run must throw";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("watchdog"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("dumped-state"), std::string::npos);
  }
}

struct Ticker : EventHandler {  // one event per ns, forever; may raise a flag at a given count
  explicit Ticker(Simulator& s) : sim(s) {}
  void on_event(const Event&) override {
    ++seen;
    if (flag && seen == raise_at) flag->store(7);
    sim.schedule_in(Duration::ns(1), Band::kHardware, this);
  }
  Simulator& sim;
  uint64_t seen = 0;
  std::atomic<int>* flag = nullptr;
  uint64_t raise_at = 0;
};

TEST(Simulator, AStopFlagStopsAtTheNextEventBoundary) {
  Simulator sim;
  std::atomic<int> flag{0};
  Ticker t(sim);
  t.flag = &flag;
  t.raise_at = 5;
  sim.set_stop_flag(&flag);
  sim.schedule(Time::from_ns(1), Band::kHardware, &t);
  sim.run_until(Time::from_ns(100));
  EXPECT_EQ(t.seen, 5u);  // the event that raised the flag completes; no further event runs
  EXPECT_TRUE(sim.stop_requested());
  EXPECT_EQ(sim.now(), Time::from_ns(5));  // the clock stays where the run stopped
}

TEST(Simulator, TheEventLimitStopsTheRun) {
  Simulator sim;
  Ticker t(sim);
  sim.set_event_limit(10);
  sim.schedule(Time::from_ns(1), Band::kHardware, &t);
  sim.run_until(Time::from_ns(100));
  EXPECT_EQ(sim.events_processed(), 10u);
  EXPECT_TRUE(sim.stop_requested());
  EXPECT_EQ(sim.now(), Time::from_ns(10));
}

TEST(Simulator, ALimitReachedWithNoFurtherEventDueIsNotAnEarlyStop) {
  Simulator sim;
  Ticker t(sim);
  sim.set_event_limit(10);
  sim.schedule(Time::from_ns(1), Band::kHardware, &t);
  sim.run_until(Time::from_ns(10));  // exactly 10 events are due
  EXPECT_EQ(sim.events_processed(), 10u);
  EXPECT_FALSE(sim.stop_requested());
  EXPECT_EQ(sim.now(), Time::from_ns(10));
}

TEST(Simulator, NoLimitByDefault) {
  Simulator sim;
  Ticker t(sim);
  std::atomic<int> flag{0};
  sim.set_stop_flag(&flag);
  sim.set_event_limit(0);
  sim.schedule(Time::from_ns(1), Band::kHardware, &t);
  sim.run_until(Time::from_ns(1000));
  EXPECT_EQ(t.seen, 1000u);
  EXPECT_FALSE(sim.stop_requested());
}

}  // namespace
}  // namespace socsim
