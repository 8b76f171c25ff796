#include "solver/oodin_scheduler.h"

#include <cmath>
#include <set>

#include "solver/carin_plan.h"
#include "solver/carin_scheduler.h"

namespace socsim::solver {
namespace {

double memory_of(const Candidate& c) { return at(c.app, spec::Metric::kMemory); }

}  // namespace

sched::SchedulerInfo OodinScheduler::info() {
  std::vector<sched::ParamSpec> params = profile_params();
  params.insert(params.end(), {
      {"period_ms", "number", "100", "sampling period of the resource monitor, ms", 1, 60000},
      {"load_epsilon", "number", "0.05",
       "a processor's background load must move by more than this (fraction of each core) to count as a "
       "resource change",
       0, 1},
      {"eval_cost_us", "number", "50",
       "modelled solver time per design evaluated, us (our estimate, not the paper's); a re-solve costs this x "
       "the designs in the tasks' spaces",
       0, 1e6},
      {"stall", "bool", "false",
       "during a re-solve, hold the app's requests until it ends (true) or keep serving them on the old designs "
       "(false)",
       {}, {}},
  });
  params.push_back(period_deadline_param());
  return {"oodin",
          "OODIn (reconstruction, CARIN.md §4): weighted-sum scalarisation, exhaustive search over the same design "
          "space, each task solved alone (no contention awareness), re-solves on every observed resource change "
          "paying a modelled solve time, keeps every model on the device",
          params,
          [](const sched::Params& p) {
            OodinOptions o;
            o.profile = profile_options(p);
            o.period = Duration::ns(static_cast<int64_t>(std::nearbyint(p.number("period_ms") * 1e6)));
            o.load_epsilon = p.number("load_epsilon");
            o.eval_cost = Duration::ns(static_cast<int64_t>(std::nearbyint(p.number("eval_cost_us") * 1e3)));
            o.stall = p.flag("stall");
            o.period_deadline = period_deadline_option(p);
            return std::make_unique<OodinScheduler>(o);
          }};
}

void OodinScheduler::on_start(sched::SchedulerContext& ctx) {
  const spec::Scenario& app = ctx.scenario();
  Profiler profiler(ctx.soc(), ctx.models(), app, opts_.profile);
  CarinOptions plan;
  plan.period_deadline = opts_.period_deadline;
  IsolatedSpace isolated = profile_isolated(profiler, ctx.soc(), ctx.models(), app, plan);
  space_ = std::move(isolated.candidates);
  const SloTerms all = slo_terms(app, opts_.period_deadline);
  std::set<std::pair<std::string, spec::Precision>> files;
  for (size_t t = 0; t < space_.size(); ++t) {
    terms_.push_back(task_terms(all, static_cast<int>(t), space_.size()));
    designs_per_solve_ += space_[t].size();
    for (const auto& c : space_[t])
      if (files.insert({c.designs[0].variant, c.designs[0].precision}).second)
        storage_mib_ += ctx.models().find_variant(c.designs[0].variant)->find_build(c.designs[0].precision)->size_mib;
  }
  // The initial solve (offline, free at run time) under the conditions at app start.
  solved_for_ = observe(ctx);
  current_.assign(space_.size(), -1);
  std::vector<int> choice = solve(ctx.soc(), solved_for_, current_);
  for (size_t t = 0; t < choice.size(); ++t)  // nothing usable at start: the best design ignoring conditions
    if (choice[t] < 0) choice[t] = static_cast<int>(isolated.ranked[t].ranked.front());
  deploy(ctx, choice, sched::SwitchReason::kDeploy);
  ctx.wake_at(ctx.now() + opts_.period, kSample);
}

std::vector<int> OodinScheduler::solve(const spec::Soc& soc, const Conditions& c,
                                       const std::vector<int>& current) const {
  std::vector<int> choice = current;
  for (size_t t = 0; t < space_.size(); ++t) {
    double budget = c.available_mib;
    for (size_t u = 0; u < space_.size(); ++u)
      if (u != t && choice[u] >= 0) budget -= memory_of(space_[u][static_cast<size_t>(choice[u])]);
    const ConditionedChoice best = best_under(space_[t], terms_[t], "weighted_sum", soc, c, budget);
    if (best.best) choice[t] = static_cast<int>(*best.best);  // else: keep the task's design
  }
  return choice;
}

void OodinScheduler::deploy(sched::SchedulerContext& ctx, const std::vector<int>& choice, sched::SwitchReason reason) {
  for (uint32_t t = 0; t < choice.size(); ++t) {
    if (choice[t] < 0) continue;
    ctx.switch_design(t, ctx.design_id(space_[t][static_cast<size_t>(choice[t])].designs[0]), reason);
    current_[t] = choice[t];
  }
}

void OodinScheduler::on_arrival(sched::SchedulerContext& ctx, const Request& r) {
  if (solving_ && opts_.stall) {
    held_.push_back(r);
    return;
  }
  ctx.dispatch(r, ctx.current_design(r.task));
}

void OodinScheduler::on_timer(sched::SchedulerContext& ctx, uint64_t tag) {
  if (tag == kSample) {
    if (!solving_) {
      const Conditions now = observe(ctx);
      if (differs(now, solved_for_, opts_.load_epsilon)) {
        solving_ = true;
        solving_for_ = now;
        ++resolves_;
        const Duration cost = Duration::ns(opts_.eval_cost.count_ns() * static_cast<int64_t>(designs_per_solve_));
        solve_time_ += cost;
        ctx.wake_at(ctx.now() + cost, kSolveDone);
      }
    }
    ctx.wake_at(ctx.now() + opts_.period, kSample);
    return;
  }
  // kSolveDone: deploy what the solve chose, then release the requests that waited for it.
  const std::vector<int> choice = solve(ctx.soc(), solving_for_, current_);
  deploy(ctx, choice, sched::SwitchReason::kResolve);
  solved_for_ = solving_for_;
  solving_ = false;
  while (!held_.empty()) {
    const Request r = held_.front();
    held_.pop_front();
    ctx.dispatch(r, ctx.current_design(r.task));
  }
}

sched::SchedulerReport OodinScheduler::report() const { return {storage_mib_, solve_time_}; }

}  // namespace socsim::solver
