// The simulation kernel: a clock, the pending-event set and the run loop. One object per run,
// passed by reference; never a singleton (tests create many).
//
// Contract:
// - `schedule` never accepts a time before now(): time never goes backwards.
// - `run_until(end)` pops events in (time, band, seq) order while their time is <= end, then
//   leaves the clock at `end`. Events after `end` stay pending.
// - Watchdog: when more than `max_events_per_instant` events run without the clock advancing,
//   the run is stalled (a zero-delay loop); the kernel throws RunError with the state dump that
//   the owner registered via `set_state_dump`.
// - Early stop: `request_stop()`, a non-zero external stop flag (`set_stop_flag`; set by signal
//   handlers or watchdog threads, polled before every event) or the event limit
//   (`set_event_limit`) make `run_until` return before running the next event. The clock then
//   stays at the last event's time and `stop_requested()` is true; a run that had no further
//   event due before `end` is not stopped early.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "sim/core/event_queue.h"
#include "sim/core/time.h"

namespace socsim {

// Watches the handling of every event: before() just before its handler runs, after() once it has
// returned (not when it throws: the exception ends the run). Benchmarks use one to count and time
// events per kind (EventHandler::event_name); a run without a meter pays one predictable branch
// per event.
class EventMeter {
 public:
  virtual ~EventMeter() = default;
  virtual void before(const Event& e) = 0;
  virtual void after(const Event& e) = 0;
};

class Simulator {
 public:
  Time now() const { return now_; }

  void schedule(Time t, Band band, EventHandler* h, uint32_t kind = 0, uint64_t arg = 0);
  void schedule_in(Duration d, Band band, EventHandler* h, uint32_t kind = 0, uint64_t arg = 0) {
    schedule(now_ + d, band, h, kind, arg);
  }

  void run_until(Time end);
  // Asks the loop to stop after the current event (used by interrupts and fatal conditions).
  void request_stop() { stop_requested_ = true; }
  bool stop_requested() const { return stop_requested_; }
  // `flag` (may be null) outlives the runs; any non-zero value stops the loop. Reading it is one
  // relaxed atomic load per event.
  void set_stop_flag(const std::atomic<int>* flag) { stop_flag_ = flag; }
  // Stops the loop once this many events have run in total (0: no limit).
  void set_event_limit(uint64_t n) { event_limit_ = n == 0 ? UINT64_MAX : n; }
  // `meter` (may be null) outlives the runs it watches.
  void set_event_meter(EventMeter* meter) { meter_ = meter; }

  uint64_t events_processed() const { return processed_; }
  size_t pending() const { return queue_.size(); }

  void set_max_events_per_instant(uint64_t n) { max_events_per_instant_ = n; }
  void set_state_dump(std::function<std::string()> dump) { dump_ = std::move(dump); }

 private:
  [[noreturn]] void stalled() const;

  EventQueue queue_;
  Time now_ = Time::zero();
  uint64_t processed_ = 0;
  uint64_t max_events_per_instant_ = 10'000'000;
  std::function<std::string()> dump_;
  bool stop_requested_ = false;
  const std::atomic<int>* stop_flag_ = nullptr;
  uint64_t event_limit_ = UINT64_MAX;
  EventMeter* meter_ = nullptr;
};

}  // namespace socsim
