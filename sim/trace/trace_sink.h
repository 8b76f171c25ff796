// Where trace records go. The engine calls, in order: begin() once, any number of record calls
// in non-decreasing simulated time (requests in completion order), then end() once on success or
// abort() once on failure. A sink owns its output; the engine formats nothing.
//
// A run stopped early (interrupt, resource limit) still ends with end() from the engine; a
// decorator in the run path (cli/run_control.h) turns that into end_incomplete() on the sink
// it wraps, so that the partial trace is kept but marked.
//
// Contract for file sinks: nothing appears under the final name until end() returns; abort() and
// end_incomplete() leave no file under the final name. Sinks may buffer; they must not hold the
// whole trace in memory (memory stays flat as simulated time grows).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/trace/records.h"

namespace socsim::trace {

// Why a run ended before its scenario's duration.
struct StopInfo {
  std::string reason;   // short tag: "SIGINT", "SIGTERM", "max_events", "max_wall_s", "max_trace_mib"
  std::string message;  // for people: "interrupted by SIGINT", "--max-events 1000 reached", ...
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void begin(const RunInfo& info) = 0;
  virtual void on_request(const RequestRecord&) {}
  virtual void on_execution(const ExecutionRecord&) {}
  virtual void on_event(const EventRecord&) {}
  virtual void on_switch(const SwitchRecord&) {}
  virtual void on_dvfs(const DvfsRecord&) {}
  virtual void on_sample(const SampleRecord&) {}
  virtual void end(const RunSummary& summary) = 0;
  virtual void abort() {}
  // Instead of end(): the run stopped early at summary.sim_time_ns. Keeps what was recorded,
  // marked incomplete (file sinks: under another name, see make_hdf5_sink). In-memory sinks
  // treat it as end().
  virtual void end_incomplete(const RunSummary& summary, const StopInfo&) { end(summary); }
};

// Keeps everything in memory: for tests and for in-process profiling runs.
class MemorySink : public TraceSink {
 public:
  void begin(const RunInfo& info) override { info_ = info; }
  void on_request(const RequestRecord& r) override { requests.push_back(r); }
  void on_execution(const ExecutionRecord& r) override { executions.push_back(r); }
  void on_event(const EventRecord& r) override { events.push_back(r); }
  void on_switch(const SwitchRecord& r) override { switches.push_back(r); }
  void on_dvfs(const DvfsRecord& r) override { dvfs.push_back(r); }
  void on_sample(const SampleRecord& r) override { samples.push_back(r); }
  void end(const RunSummary& s) override { summary = s; }
  void end_incomplete(const RunSummary& s, const StopInfo& why) override {
    summary = s;
    stopped = why;
  }

  RunInfo info_;
  std::optional<StopInfo> stopped;  // set by end_incomplete()
  std::vector<RequestRecord> requests;
  std::vector<ExecutionRecord> executions;
  std::vector<EventRecord> events;
  std::vector<SwitchRecord> switches;
  std::vector<DvfsRecord> dvfs;
  std::vector<SampleRecord> samples;
  RunSummary summary;
};

// Discards everything (runs whose trace nobody wants).
class NullSink : public TraceSink {
 public:
  void begin(const RunInfo&) override {}
  void end(const RunSummary&) override {}
};

}  // namespace socsim::trace
