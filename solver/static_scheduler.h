// A design-level scheduler that deploys one design per task at app start and never switches: the
// shape of the static baselines (solver/multi_dnn_unaware.h, solver/transferred.h). Subclasses
// choose the designs; storage is the deployed builds (the engine's default figure) and there is
// no run-time solving.
#pragma once

#include <vector>

#include "sim/sched/scheduler.h"

namespace socsim::solver {

class StaticScheduler : public sched::Scheduler {
 public:
  void on_start(sched::SchedulerContext& ctx) override {
    deployed_ = choose(ctx);
    for (uint32_t t = 0; t < deployed_.size(); ++t)
      ctx.switch_design(t, ctx.design_id(deployed_[t]), sched::SwitchReason::kDeploy);
  }
  void on_arrival(sched::SchedulerContext& ctx, const Request& r) override {
    ctx.dispatch(r, ctx.current_design(r.task));
  }

  // The designs deployed at on_start, one per task.
  const std::vector<spec::Design>& deployed() const { return deployed_; }

 protected:
  // One design per task of ctx.scenario(), each with a profile on ctx.soc().
  virtual std::vector<spec::Design> choose(sched::SchedulerContext& ctx) = 0;

 private:
  std::vector<spec::Design> deployed_;
};

}  // namespace socsim::solver
