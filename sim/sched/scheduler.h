// The scheduling policy seam. Policies (solver/) implement Scheduler; the engine implements
// SchedulerContext and calls the hooks from inside the event loop.
//
// Contract:
// - on_start() runs once at time zero, before any arrival. A design-level solver does its offline
//   work here (profiling, solving) and records what it cost.
// - Every request handed to on_arrival() is decided exactly once: ctx.dispatch() it with a design
//   that has a profile on this SoC, or ctx.drop() it. A scheduler may decide at once or hold the
//   request in its own queue and dispatch or drop it later, from any hook (another arrival, a
//   completion, a timer). A scheduler that holds requests must make sure a hook comes back
//   (a completion it is waiting for, or wake_at()). Held requests are outstanding for the engine:
//   they count against the task's max_queue, and those still held when the run ends are reported
//   as pending.
// - The engine itself drops a dispatched request whose model cannot be loaded (no room beside the
//   models still loading, see sim/engine/model_memory.h); no completion follows for it.
// - on_completion() and on_timer() may dispatch or drop held requests, arm timers and switch
//   designs.
// - Design-level schedulers deploy a design per task with switch_design() and dispatch each
//   request to the task's current design; request-level dispatchers may dispatch() any design.
// - Hooks see the simulated world only through the context: read-only views of the specs and
//   of queue lengths; the engine owns every request, job and processor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/spec/models.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"
#include "sim/workload/request.h"

namespace socsim::sched {

// Why a task's design changed: the "switch_reasons" lookup of the trace, in this order.
enum class SwitchReason : int32_t {
  kDeploy = 0,          // the app's initial deployment
  kProcessorIssue,      // external load on a processor the design used
  kMemoryIssue,         // the app's memory budget shrank below the design's footprint
  kProcessorAndMemoryIssue,
  kIssueCleared,        // back to the preferred design
  kResolve,             // a run-time solver chose a new design
};
const std::vector<std::string>& switch_reason_names();

// What a scheduler reports about itself at the end of a run (the trace's /summary attributes).
struct SchedulerReport {
  std::optional<double> storage_mib;  // model files kept on the device; default: the builds deployed
  Duration solve_time;                // modelled run-time solver time (offline solving is free at run time)
};

struct Completion {
  Request request;
  int32_t design = -1;
  int processor = -1;
  Time start;
  Time finish;
};

class SchedulerContext {
 public:
  virtual ~SchedulerContext() = default;

  virtual Time now() const = 0;
  virtual const spec::Soc& soc() const = 0;
  virtual const spec::ModelLibrary& models() const = 0;
  virtual const spec::Scenario& scenario() const = 0;
  // Inferences waiting or running on a processor (index into soc().processors).
  virtual size_t load(int processor) const = 0;
  // What a runtime manager on the phone can observe (no engine internals): the load other apps
  // put on a processor (fraction of each core), whether it is online, the memory the app may
  // use and what its loaded models hold.
  virtual double background_load(int processor) const = 0;
  virtual bool online(int processor) const = 0;
  virtual double available_memory_mib() const = 0;
  virtual double footprint_mib() const = 0;

  // The id of a design, interned on first use (ids are stable for the run and name the design in
  // the trace). Throws RunError when the design has no profile on this SoC.
  virtual int32_t design_id(const spec::Design& d) = 0;
  // Loads a task's model for a design ahead of its first request (e.g. at app start). Loading
  // takes the build's load time for the engine; requests dispatched meanwhile wait for it.
  virtual void load_model(uint32_t task, int32_t design) = 0;
  // Sends the request to the design's engine, loading the model first when it is not loaded.
  virtual void dispatch(const Request& r, int32_t design) = 0;
  // Makes `design` the task's current one: unloads the previous design's model (freeing its
  // memory; inferences already running finish), loads the new one unless loaded (requests that
  // waited for the old model now wait for the new one) and records the switch in /switches with
  // its cost, the load time (0 when already loaded). No-op when `design` is already current. The
  // first call for a task records the deployment (from -1, reason kDeploy, not counted as a switch).
  virtual void switch_design(uint32_t task, int32_t design, SwitchReason reason) = 0;
  // The task's current design (-1 before its first switch_design).
  virtual int32_t current_design(uint32_t task) const = 0;
  virtual void drop(const Request& r) = 0;
  // Calls on_timer(ctx, tag) at time t (>= now).
  virtual void wake_at(Time t, uint64_t tag) = 0;
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual void on_start(SchedulerContext&) {}
  virtual void on_arrival(SchedulerContext& ctx, const Request& r) = 0;
  virtual void on_completion(SchedulerContext&, const Completion&) {}
  virtual void on_timer(SchedulerContext&, uint64_t /*tag*/) {}
  virtual SchedulerReport report() const { return {}; }
};

}  // namespace socsim::sched
