// `carin`: CARIn (Panopoulos et al., ACM TECS 2024) as reconstructed in CARIN.md §3. At app start
// it profiles the design space in socsim and runs RASS (solver/carin_plan.h), deploys d0, and
// keeps only the design set's models on the device. Its Runtime Manager (solver/runtime_manager.h)
// samples every period and switches each task to the design the current condition calls for —
// d_p under a processor issue on p, d_mem under a memory issue, the combined fall-back when both
// and it exists, d0 when the issues clear — paying the new model's load time. No search at run time.
// A condition without a fall-back in the set (no design avoids p) keeps the current design.
//
// [choice, issue 15 (e)] A switch away from d0 on a processor issue alone happens only when the
// fall-back is PREDICTED better under the observed load (RmOptions::predict_switch, default on):
// both members' profiled metrics (co-executed for multi-DNN apps) are rescaled with the condition
// model of solver/conditions.h, and the two are ranked by RASS under the app's terms (its stated
// constraints, the implicit deadlines, the optimality); ties keep d0. A loaded accelerator that is
// still faster than the fall-back is kept. The check is repeated at every sample while the issue
// lasts (the load may grow); once on the fall-back the app stays there until the RM clears the
// issue (hysteresis: clear_samples). A memory issue always switches (the low-memory killer would
// act). predict_switch=false restores switching on the load threshold alone.
//
// The plan comes from plan_carin() unless a Planner is given: baselines that differ from CARIn
// only in their design space (solver/single_model.h) reuse this scheduler with their own planner.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "sim/sched/registry.h"
#include "solver/carin_plan.h"
#include "solver/runtime_manager.h"

namespace socsim::solver {

class CarinScheduler final : public sched::Scheduler {
 public:
  // Makes the plan at on_start (the default: plan_carin on the context's SoC, library and scenario).
  using Planner = std::function<CarinPlan(sched::SchedulerContext&, const CarinOptions&)>;

  CarinScheduler(CarinOptions plan_opts, RmOptions rm_opts, Planner planner = {})
      : plan_opts_(std::move(plan_opts)), rm_opts_(rm_opts), planner_(std::move(planner)) {}

  static sched::SchedulerInfo info();

  void on_start(sched::SchedulerContext& ctx) override;
  void on_arrival(sched::SchedulerContext& ctx, const Request& r) override;
  void on_timer(sched::SchedulerContext& ctx, uint64_t tag) override;
  sched::SchedulerReport report() const override;

  const CarinPlan& plan() const { return plan_; }

 private:
  const DesignSetMember& member_for(const RmCondition& c) const;
  // Whether `fallback` is predicted better than d0 under the context's observed conditions.
  bool predicted_better(const sched::SchedulerContext& ctx, const DesignSetMember& fallback) const;
  void deploy(sched::SchedulerContext& ctx, const DesignSetMember& m, sched::SwitchReason reason);

  CarinOptions plan_opts_;
  RmOptions rm_opts_;
  Planner planner_;
  CarinPlan plan_;
  SloTerms terms_;  // the app's terms with its implicit deadlines, for predicted_better
  std::optional<RuntimeManager> rm_;
  const DesignSetMember* current_ = nullptr;
  double storage_mib_ = 0;
};

// The plan options from a scheduler's parameters (shared with `socsim solve`): carin_plan_options
// reads top_k and the profiling parameters (what every scheduler that plans like CARIn takes),
// carin_options also memory_budget_mib and combined_fallbacks (all of carin_plan_params()).
CarinOptions carin_plan_options(const sched::Params& p);
// The `period_deadline` parameter (in carin_plan_params(), and oodin's) and its value.
sched::ParamSpec period_deadline_param();
PeriodDeadline period_deadline_option(const sched::Params& p);
CarinOptions carin_options(const sched::Params& p);
std::vector<sched::ParamSpec> carin_plan_params();
// The Runtime Manager's parameters (period_ms, load_threshold, confirm_samples, clear_samples,
// predict_switch) and the options they give.
std::vector<sched::ParamSpec> runtime_manager_params();
RmOptions rm_options(const sched::Params& p);

}  // namespace socsim::solver
