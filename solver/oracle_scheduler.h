// `oracle`: an UPPER BOUND with perfect knowledge of the scripted runtime events — not a real
// policy (no phone knows the future). CARIN.md §5 lists an exhaustive oracle beyond the paper;
// everything here is our [choice].
//
// At app start it makes CARIn's offline plan (solver/carin_plan.h: every design profiled; for
// multi-DNN apps the co-executed tuples of each task's top_k, so contention is in the numbers)
// and reads the scenario's events (ctx.scenario().events) to split the run into phases of
// constant conditions (solver/conditions.h scripted_conditions(): background load, processors
// online, available memory; ambient and frequency-cap events are not modelled). For each phase
// it picks the best candidate of the whole plan under that phase's conditions with the condition
// model OODIn's re-solve uses (solver/conditions.h best_under: latency / (1 - load), throughput x
// (1 - load), candidates over the available memory or on offline processors removed), but ranked
// with the scenario's own optimality and full SLO as RASS ranks. A phase with no usable
// candidate keeps the previous phase's choice.
//
// It switches exactly at the phase boundaries, with no detection delay (reason kResolve): by a
// timer at the boundary, or earlier in the same instant when a request arrives at the boundary
// (arrivals precede scheduler timers at an instant), so that no request sees a stale design. With
// `prewarm` (default) it loads each new model ahead, at the boundary minus the model's load time
// (not before the previous boundary), when the model fits beside the loaded ones; the switch then
// costs nothing. When it does not fit (memory pressure before the boundary), the switch at the
// boundary pays the load. report(): storage = the builds of every phase's choice; solve time 0
// (offline, with knowledge no real solver has).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/sched/registry.h"
#include "solver/carin_plan.h"
#include "solver/conditions.h"

namespace socsim::solver {

struct OraclePhase {
  Duration from;          // the phase starts here (the first at 0)
  Conditions conditions;  // in force during the phase
  size_t candidate = 0;   // the plan's candidate it runs
};

class OracleScheduler final : public sched::Scheduler {
 public:
  OracleScheduler(CarinOptions opts, bool prewarm) : opts_(std::move(opts)), prewarm_(prewarm) {}
  static sched::SchedulerInfo info();

  void on_start(sched::SchedulerContext& ctx) override;
  void on_arrival(sched::SchedulerContext& ctx, const Request& r) override;
  void on_timer(sched::SchedulerContext& ctx, uint64_t tag) override;
  sched::SchedulerReport report() const override { return {storage_mib_, Duration{}}; }

  const CarinPlan& plan() const { return plan_; }
  const std::vector<OraclePhase>& phases() const { return phases_; }

 private:
  const spec::Design& design_of(size_t phase, size_t task) const {
    return plan_.candidates[phases_[phase].candidate].designs[task];
  }
  // Switches to every phase that has begun by now and is not yet deployed.
  void advance(sched::SchedulerContext& ctx);

  CarinOptions opts_;
  bool prewarm_;
  CarinPlan plan_;
  std::vector<OraclePhase> phases_;
  size_t deployed_ = 0;  // the phase deployed
  double storage_mib_ = 0;
};

}  // namespace socsim::solver
