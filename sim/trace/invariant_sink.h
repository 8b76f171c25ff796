// Run invariants, checked on the record stream: a TraceSink decorator that forwards every call to
// an inner sink unchanged and checks, in constant memory, what every run must satisfy:
//
//   time_order      no table's records go back in time (events, dvfs, samples, switches by
//                   time_ns; executions by finish_ns; requests in completion order: a finished
//                   request's finish_ns is not before any earlier request's finish or arrival),
//                   within a record arrival <= start <= finish, and no time is negative or after
//                   the end of the run (RunSummary::sim_time_ns)
//   exclusive       no processor that runs one inference at a time without preemption
//                   (accelerators under "fifo" sharing, named by the constructor) ran two at once:
//                   each execution on it starts no earlier than the previous one finished
//   energy          every execution's energy is finite and >= 0; per processor, idle <= total,
//                   and the executions' energy does not exceed its dynamic (non-idle) energy; the
//                   processors' energies add up to the run's total, their idle energies to the
//                   idle total, attributed + background + idle = total (within `energy_tol_mj`
//                   plus a relative 1e-9), and the executions' energy does not exceed the
//                   attributed energy (running inferences hold the rest)
//   accounting      per task, arrived = completed + dropped + pending, and the completed,
//                   dropped and violated (late or dropped) requests in /requests match the
//                   summary's counts exactly
//
// The first violation throws socsim::RunError naming the invariant and the offending record
// ("invariant time_order violated: ...; offending record: /executions {request=3, ...}"); the
// engine then aborts the sink chain (no trace file is published). Checks of single records run as
// they arrive, the rest in end() / end_incomplete() before the inner sink sees the summary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace/trace_sink.h"

namespace socsim::trace {

class InvariantSink final : public TraceSink {
 public:
  // `exclusive[p]`: processor p runs one inference at a time, non-preemptively. Processor ids in
  // the records must be < exclusive.size().
  InvariantSink(TraceSink& inner, std::vector<bool> exclusive, double energy_tol_mj = 1e-6);

  void begin(const RunInfo& info) override;
  void on_request(const RequestRecord& r) override;
  void on_execution(const ExecutionRecord& r) override;
  void on_event(const EventRecord& r) override;
  void on_switch(const SwitchRecord& r) override;
  void on_dvfs(const DvfsRecord& r) override;
  void on_sample(const SampleRecord& r) override;
  void end(const RunSummary& summary) override;
  void end_incomplete(const RunSummary& summary, const StopInfo& why) override;
  void abort() override { inner_.abort(); }

  // Records seen so far (all tables): tests check that a run went through the checks.
  uint64_t records_checked() const { return records_; }

 private:
  struct TaskCounts {
    uint64_t completed = 0, dropped = 0, violated = 0;
  };
  struct ProcessorState {
    int64_t last_finish_ns = INT64_MIN;  // exclusive processors: finish of the last execution
    uint64_t last_request = 0;
    double energy_mj = 0;  // executions' energy
  };

  // time_order of one table: t >= 0 and t >= last; then last = t.
  template <class Rec>
  void check_time(const char* table, int64_t t, int64_t& last, const Rec& rec);
  void check_summary(const RunSummary& s);
  [[noreturn]] void violated(const char* invariant, const std::string& what, const std::string& record) const;

  TraceSink& inner_;
  std::vector<bool> exclusive_;
  double energy_tol_mj_;
  std::vector<ProcessorState> processors_;
  std::vector<TaskCounts> tasks_;
  int64_t last_request_ns_ = INT64_MIN;  // latest finish or arrival among the requests seen
  int64_t last_execution_ns_ = INT64_MIN, last_event_ns_ = INT64_MIN, last_switch_ns_ = INT64_MIN;
  int64_t last_dvfs_ns_ = INT64_MIN, last_sample_ns_ = INT64_MIN;
  int64_t latest_ns_ = INT64_MIN;     // latest time in any record
  const char* latest_table_ = "";    // ... and its table, for the message
  double execution_energy_mj_ = 0;
  uint64_t records_ = 0;
};

// Formats records as "/<table> {field=value, ...}" for messages.
std::string describe(const RequestRecord& r);
std::string describe(const ExecutionRecord& r);
std::string describe(const EventRecord& r);
std::string describe(const SwitchRecord& r);
std::string describe(const DvfsRecord& r);
std::string describe(const SampleRecord& r);

}  // namespace socsim::trace
