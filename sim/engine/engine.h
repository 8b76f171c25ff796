// One simulation run: builds the SoC's processors and the app's tasks from the specs, drives the
// scheduler through the event loop, streams records to the trace sink and returns the summary.
//
// Contract: the specs, scheduler and sink outlive the Engine; run() is called once. Everything
// that affects the outcome is a function of the specs and the seed: two engines built from equal
// inputs emit identical record streams.
#pragma once

#include <memory>
#include <vector>

#include "sim/core/rng.h"
#include "sim/core/simulator.h"
#include "sim/engine/design_table.h"
#include "sim/engine/task_stats.h"
#include "sim/hw/processor.h"
#include "sim/sched/scheduler.h"
#include "sim/trace/trace_sink.h"
#include "sim/workload/arrival_source.h"

namespace socsim {

class Engine final : private hw::ProcessorListener, private sched::SchedulerContext, private EventHandler {
 public:
  Engine(const spec::Soc& soc, const spec::ModelLibrary& models, const spec::Scenario& scenario,
         sched::Scheduler& scheduler, trace::TraceSink& sink);
  ~Engine() override;

  // Runs to the scenario's duration. On an exception the sink is aborted and the error rethrown.
  trace::RunSummary run(const trace::RunInfo& info);

  Simulator& simulator() { return sim_; }

 private:
  struct TaskRuntime {
    ArrivalSource arrivals;
    RngStream latency_rng;
    TaskStats stats;
    std::optional<Duration> deadline;
    uint64_t max_queue;
  };
  enum EventKind : uint32_t { kArrival = 0, kTimer = 1 };

  // EventHandler
  void on_event(const Event& e) override;
  void on_arrival(uint32_t task);

  // hw::ProcessorListener
  void on_job_started(int processor, const hw::Job& job, Time start) override;
  void on_job_finished(int processor, const hw::Job& job, Time start, Time finish) override;

  // sched::SchedulerContext
  Time now() const override { return sim_.now(); }
  const spec::Soc& soc() const override { return soc_; }
  const spec::ModelLibrary& models() const override { return models_; }
  const spec::Scenario& scenario() const override { return scenario_; }
  size_t load(int processor) const override;
  int32_t design_id(const spec::Design& d) override { return designs_.intern(d); }
  void dispatch(const Request& r, int32_t design) override;
  void drop(const Request& r) override;
  void wake_at(Time t, uint64_t tag) override { sim_.schedule(t, Band::kScheduler, this, kTimer, tag); }

  trace::RunSummary summarise() const;
  std::string dump_state() const;

  const spec::Soc& soc_;
  const spec::ModelLibrary& models_;
  const spec::Scenario& scenario_;
  sched::Scheduler& scheduler_;
  trace::TraceSink& sink_;
  Simulator sim_;
  DesignTable designs_;
  std::vector<std::unique_ptr<hw::Processor>> processors_;
  std::vector<TaskRuntime> tasks_;
  uint64_t next_request_ = 0;
};

}  // namespace socsim
