// Stopping a run early, cleanly: interrupts (SIGINT, SIGTERM) and resource limits (events, wall
// time, trace size). One RunControl per run.
//
// Every cause sets one per-run atomic stop flag that the simulator polls before each event
// (Simulator::set_stop_flag), so the run stops at the next event boundary with its state
// consistent: the signal handler only stores into that flag (no other work), the wall-clock
// limit is a waiting thread that stores into it, and the trace-size limit is counted by the sink
// decorator on the simulation thread. The event limit is the simulator's own
// (Simulator::set_event_limit).
//
// When the run ends, the decorator returned by sink() sees the engine's end(summary). If the
// simulator stopped early it calls end_incomplete() on the sink it wraps instead (the HDF5 sink
// then keeps the trace as <name>.interrupted.h5, marked, never under the final name), after
// restating each task's throughput over the simulated time actually reached. A stop requested
// after the loop had already finished is ignored: that run is complete.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "sim/core/simulator.h"
#include "sim/trace/trace_sink.h"

namespace socsim::cli {

struct RunLimits {
  uint64_t max_events = 0;    // events the simulator may run; 0: no limit
  double max_wall_s = 0;      // wall-clock seconds from start(); 0: no limit
  double max_trace_mib = 0;   // uncompressed record data (and resolved configs) in the trace; 0: no limit
};

enum class StopCause : int { kNone = 0, kSigint, kSigterm, kMaxWall, kMaxTrace, kMaxEvents, kOther };

// "SIGINT", "max_events", ...: the trace's stop_reason attribute.
const char* stop_reason(StopCause c);
// What the user reads: "interrupted by SIGINT", "--max-events 1000 reached", ...
trace::StopInfo stop_info(StopCause c, const RunLimits& limits);
// 130 for signals, 1 (run failed) for the limits.
int stop_exit_code(StopCause c);
// The engine states each task's throughput over the scenario's duration; a run stopped early
// covered only summary.sim_time_ns: restates it over that.
void restate_partial(trace::RunSummary& summary);

class RunControl {
 public:
  // With `handle_signals`, SIGINT and SIGTERM stop this run (and any other that handles them)
  // from construction until destruction; the previous handlers are restored afterwards. A second
  // signal of the same kind gets the default action (the process dies at once; the .part file is
  // left, never a file under the final name).
  RunControl(const RunLimits& limits, bool handle_signals);
  ~RunControl();
  RunControl(const RunControl&) = delete;
  RunControl& operator=(const RunControl&) = delete;

  // The cause requested so far (kNone if none), whether or not the simulator has seen it.
  StopCause requested() const { return static_cast<StopCause>(flag_.load(std::memory_order_relaxed)); }

  // The decorator to hand to the engine, wrapping `inner`; valid as long as this object.
  trace::TraceSink& sink(trace::TraceSink& inner);

  // Wires the simulator (stop flag, event limit) and starts the wall clock. Call once, before the
  // run loop; `sim` outlives the run.
  void start(Simulator& sim);

  // After the run: why the simulator stopped before the end (kNone: the run completed).
  StopCause stop_cause() const;

  const RunLimits& limits() const { return limits_; }

 private:
  class Sink;
  void request(StopCause c);
  void stop_wall_clock();

  RunLimits limits_;
  bool signals_;
  std::atomic<int> flag_{0};
  Simulator* sim_ = nullptr;
  std::unique_ptr<Sink> sink_;
  std::mutex wall_mutex_;
  std::condition_variable wall_cv_;
  bool wall_done_ = false;
  std::thread wall_thread_;
};

}  // namespace socsim::cli
