// `multi_dnn_unaware`: CARIn's "multi-DNN-unaware designs" baseline (CARIN.md §5).
//
// [known] CARIn compares against multi-DNN designs that ignore the other DNNs, and beats them.
// [choice] our reconstruction: each task is solved alone by RASS — its design space profiled in
// isolation and ranked under its own view of the SLO with the scenario's optimality
// (profile_isolated(), the same per-task stage as CARIn's, CarinPlan::independent) — and the
// tasks' best designs are deployed together, so contention on shared processors is ignored. Static:
// no Runtime Manager, no design set (storage = the deployed builds, no run-time solving). For a
// single-task app this is CARIn's d0 without the Runtime Manager.
#pragma once

#include "sim/sched/registry.h"
#include "solver/profiler.h"
#include "solver/static_scheduler.h"

namespace socsim::solver {

class MultiDnnUnawareScheduler final : public StaticScheduler {
 public:
  explicit MultiDnnUnawareScheduler(ProfileOptions profile) : profile_(profile) {}
  static sched::SchedulerInfo info();

 protected:
  std::vector<spec::Design> choose(sched::SchedulerContext& ctx) override;

 private:
  ProfileOptions profile_;
};

}  // namespace socsim::solver
