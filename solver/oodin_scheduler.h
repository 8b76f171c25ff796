// `oodin`: OODIn (Venieris, Panopoulos, Venieris, IEEE SMARTCOMP 2021), CARIn's main baseline,
// as reconstructed in CARIN.md §4.
//
// [known] OODIn optimises model-level (variant, precision) and system-level (engine, threads)
// parameters of one DNN through a multi-objective formulation, and adapts to resource changes at
// run time. CARIn's comparison [known]: OODIn searches again at run time where CARIn switches
// within a precomputed design set, and OODIn keeps every model variant on the device.
//
// [choice] everything below is our reconstruction:
// - Design space: the same as CARIn's (solver/design_space.h), each design profiled in isolation
//   in socsim (solver/profiler.h) at app start; like CARIn's offline stage, free at run time.
// - Scalarisation: the objectives are combined by `weighted_sum` of normalised objectives
//   (solver/optimality.h), weights from the scenario's objectives (1 = equal by default),
//   whatever optimality the scenario names. Constraints filter as in RASS, the implicit deadline
//   constraints (solver/rass.h PeriodDeadline, parameter `period_deadline`) included: the app's frame
//   deadline is the app's, whichever framework deploys it.
// - Search: exhaustive — every design of the space is scored at every solve.
// - Multi-DNN apps: no contention awareness. Each task is solved alone on its isolated profiles
//   under its own view of the SLO (task_terms, as CARIn's per-task stage); the memory budget a
//   task sees is the app's available memory minus the footprint of the other tasks' designs
//   (those already re-chosen in this solve, in task order, else their current ones) — what one
//   OODIn instance per task would observe.
// - Run time: it samples the device every `period_ms` like CARIn's Runtime Manager; on every
//   resource change it observes (solver/conditions.h differs(): any processor's background load
//   moved by more than `load_epsilon`, a processor went on/offline, or the available memory
//   changed) it RE-SOLVES under the observed conditions with the condition model of
//   solver/conditions.h (latency / (1 - load), throughput x (1 - load) on loaded processors;
//   designs over the memory budget or on offline processors removed). When nothing meets the
//   constraints it takes the best usable design by the objectives; when nothing is usable it keeps
//   the task's design.
// - A solve costs modelled time: `eval_cost_us` per design evaluated x the number of designs
//   (the sum of the tasks' design-space sizes). The default 50 us per design is OUR ESTIMATE (a
//   profile lookup, the condition scaling and a score on a phone CPU core), not a figure from the
//   OODIn paper. During the solve the tasks keep running on their old designs (`stall`=false) or
//   their requests wait in the scheduler until the solve ends (`stall`=true). When it ends, each
//   task whose design changed switches (reason kResolve); the engine charges the model load.
//   Changes observed while a solve runs are picked up by the first sample after it ends.
// - report(): storage = every (variant, precision) build in the tasks' design spaces (OODIn keeps
//   them all on the device); solve_time = the summed modelled re-solve time (counted when a solve
//   starts). The initial solve at app start is free at run time, as CARIn's offline stage.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "sim/sched/registry.h"
#include "solver/conditions.h"
#include "solver/profiler.h"

namespace socsim::solver {

struct OodinOptions {
  ProfileOptions profile;
  Duration period = Duration::ms(100);
  double load_epsilon = 0.05;
  Duration eval_cost = Duration::us(50);
  bool stall = false;
  PeriodDeadline period_deadline = PeriodDeadline::kP90;  // the app's implicit deadlines, as CARIn's
};

class OodinScheduler final : public sched::Scheduler {
 public:
  explicit OodinScheduler(OodinOptions opts) : opts_(opts) {}

  static sched::SchedulerInfo info();

  void on_start(sched::SchedulerContext& ctx) override;
  void on_arrival(sched::SchedulerContext& ctx, const Request& r) override;
  void on_timer(sched::SchedulerContext& ctx, uint64_t tag) override;
  sched::SchedulerReport report() const override;

  // Run-time solves started, and the designs one solve evaluates (sum of the space sizes).
  uint64_t resolves() const { return resolves_; }
  size_t designs_per_solve() const { return designs_per_solve_; }
  // Each task's designs with their isolated profiles (what every solve ranks).
  const std::vector<std::vector<Candidate>>& space() const { return space_; }

 private:
  enum Tag : uint64_t { kSample = 0, kSolveDone = 1 };
  // Each task's best design under `c` (indices into space_[t]); `current` holds each task's
  // design index or -1.
  std::vector<int> solve(const spec::Soc& soc, const Conditions& c, const std::vector<int>& current) const;
  void deploy(sched::SchedulerContext& ctx, const std::vector<int>& choice, sched::SwitchReason reason);

  OodinOptions opts_;
  std::vector<std::vector<Candidate>> space_;
  std::vector<SloTerms> terms_;  // per task
  std::vector<int> current_;     // per task: index into space_[t]
  size_t designs_per_solve_ = 0;
  Conditions solved_for_;   // the conditions of the last solve
  Conditions solving_for_;  // the conditions of the solve in progress
  bool solving_ = false;
  std::deque<Request> held_;  // stall=true: requests arrived during a solve
  uint64_t resolves_ = 0;
  Duration solve_time_;
  double storage_mib_ = 0;
};

}  // namespace socsim::solver
