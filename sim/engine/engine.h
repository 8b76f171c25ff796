// One simulation run: builds the SoC (hw::Machine) and the app's tasks from the specs, plays the
// scenario's runtime events, drives the scheduler through the event loop, streams records to the
// trace sink and returns the summary.
//
// Contract: the specs, scheduler and sink outlive the Engine; run() is called once. Everything
// that affects the outcome is a function of the specs and the seed: two engines built from equal
// inputs emit identical record streams.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <vector>

#include "sim/core/rng.h"
#include "sim/core/simulator.h"
#include "sim/engine/design_table.h"
#include "sim/engine/model_memory.h"
#include "sim/engine/task_stats.h"
#include "sim/hw/machine.h"
#include "sim/sched/scheduler.h"
#include "sim/trace/trace_sink.h"
#include "sim/workload/arrival_source.h"

namespace socsim {

class Engine final : private hw::MachineListener, private sched::SchedulerContext, private EventHandler {
 public:
  Engine(const spec::Soc& soc, const spec::ModelLibrary& models, const spec::Scenario& scenario,
         sched::Scheduler& scheduler, trace::TraceSink& sink);
  ~Engine() override;

  // Runs to the scenario's duration. On an exception the sink is aborted and the error rethrown.
  trace::RunSummary run(const trace::RunInfo& info);

  Simulator& simulator() { return sim_; }

  // Names of /events kinds, in id order (the "event_kinds" lookup).
  static const std::vector<std::string>& event_kinds();

 private:
  struct TaskRuntime {
    ArrivalSource arrivals;
    RngStream latency_rng;
    TaskStats stats;
    std::optional<Duration> deadline;
    uint64_t max_queue;
    bool closed_loop = false;  // the next arrival follows the previous request's end
    Duration think;
    spec::LatencyDistribution latency_distribution;
    int32_t current_design = -1;
  };
  struct Load {
    uint32_t task;
    int32_t design;
    uint64_t order;  // ModelMemory's load order: a stale completion (model unloaded meanwhile) is ignored
  };
  enum EventKind : uint32_t { kArrival = 0, kTimer = 1, kScript = 2, kLoadDone = 3, kSample = 4 };
  using ModelKey = std::pair<uint32_t, int32_t>;  // (task, design)

  // EventHandler
  void on_event(const Event& e) override;
  const char* event_name(uint32_t kind) const override;
  void on_arrival(uint32_t task);
  void on_script(uint64_t arg);
  void on_load_done(uint64_t load);
  void on_sample();

  // hw::MachineListener
  void on_job_started(int processor, const hw::Job& job, Time start) override;
  void on_job_finished(int processor, const hw::Job& job, Time start, Time finish, double energy_mj) override;
  void on_frequency(int processor, int domain, double freq_mhz) override;

  // sched::SchedulerContext
  Time now() const override { return sim_.now(); }
  const spec::Soc& soc() const override { return soc_; }
  const spec::ModelLibrary& models() const override { return models_; }
  const spec::Scenario& scenario() const override { return scenario_; }
  size_t load(int processor) const override;
  double background_load(int processor) const override { return machine_.background_load(processor); }
  bool online(int processor) const override { return machine_.online(processor); }
  double available_memory_mib() const override { return memory_.available_mib(); }
  double footprint_mib() const override { return memory_.footprint_mib(); }
  int32_t design_id(const spec::Design& d) override { return designs_.intern(d); }
  void load_model(uint32_t task, int32_t design) override;
  void dispatch(const Request& r, int32_t design) override;
  void drop(const Request& r) override;
  void switch_design(uint32_t task, int32_t design, sched::SwitchReason reason) override;
  int32_t current_design(uint32_t task) const override { return tasks_[task].current_design; }
  void wake_at(Time t, uint64_t tag) override { sim_.schedule(t, Band::kScheduler, this, kTimer, tag); }

  // Starts loading a model; false when it cannot fit. Requests wait in pending_[key].
  bool start_load(uint32_t task, int32_t design);
  void submit(const Request& r, int32_t design);
  // An inference's work (ns at reference frequency) around the placed profile's mean and SD.
  static double sample_latency(TaskRuntime& rt, const ResolvedDesign& d);
  void request_ended(uint32_t task);  // a request finished or was dropped
  void record_event(int kind, int processor, int task, double value);
  void record_kills(const std::vector<ModelMemory::Model>& killed);
  trace::RunSummary summarise();
  std::string dump_state() const;

  const spec::Soc& soc_;
  const spec::ModelLibrary& models_;
  const spec::Scenario& scenario_;
  sched::Scheduler& scheduler_;
  trace::TraceSink& sink_;
  Simulator sim_;
  DesignTable designs_;
  hw::Machine machine_;
  ModelMemory memory_;
  std::map<ModelKey, std::vector<Request>> pending_;  // requests waiting for a model to load
  std::vector<Load> loads_;                           // load id -> model
  std::set<std::pair<std::string, spec::Precision>> deployed_builds_;  // for the default storage figure
  std::vector<char> served_designs_;  // by design id: some inference of it finished (served_size_mib)
  double peak_memory_mib_ = 0;
  uint64_t switches_ = 0;
  Duration switch_time_;
  std::vector<TaskRuntime> tasks_;
  uint64_t next_request_ = 0;
};

}  // namespace socsim
