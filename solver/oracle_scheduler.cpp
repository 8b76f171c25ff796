#include "solver/oracle_scheduler.h"

#include <algorithm>
#include <set>

#include "solver/carin_scheduler.h"

namespace socsim::solver {
namespace {

// Timer tags: a phase's switch, or one task's model pre-load for it.
uint64_t switch_tag(size_t phase) { return 2 * phase + 1; }
uint64_t prewarm_tag(size_t phase, size_t task, size_t tasks) { return 2 * (phase * tasks + task); }

Duration load_time(const spec::Soc& soc, const spec::ModelLibrary& lib, const spec::Design& d) {
  const spec::Build* b = lib.find_variant(d.variant)->find_build(d.precision);
  const auto kind = soc.processors[static_cast<size_t>(soc.find_processor(d.engine))].kind;
  const auto it = b->load.find(kind);
  return it == b->load.end() ? Duration{} : it->second;
}

}  // namespace

sched::SchedulerInfo OracleScheduler::info() {
  auto params = carin_plan_params();
  std::erase_if(params, [](const sched::ParamSpec& p) {
    return p.name == "memory_budget_mib" || p.name == "combined_fallbacks";  // no design set: one choice per phase
  });
  params.push_back({"prewarm",
                    "bool",
                    "true",
                    "load each next model ahead so that it is ready at the boundary (when it fits beside the loaded "
                    "ones)",
                    {},
                    {}});
  return {"oracle",
          "Upper bound, not a real policy: knows the scripted runtime events, picks the best design of the plan for "
          "each interval of constant conditions and switches exactly at the event times",
          params, [](const sched::Params& p) {
            return std::make_unique<OracleScheduler>(carin_plan_options(p), p.flag("prewarm"));
          }};
}

void OracleScheduler::on_start(sched::SchedulerContext& ctx) {
  const spec::Scenario& app = ctx.scenario();
  plan_ = plan_carin(ctx.soc(), ctx.models(), app, opts_);
  const SloTerms terms = slo_terms(app, opts_.period_deadline);
  size_t previous = plan_.result.design_set.front().candidate;  // d0: the idle device's best
  for (auto& [from, conditions] : scripted_conditions(ctx.soc(), app)) {
    const ConditionedChoice choice =
        best_under(plan_.candidates, terms, app.optimality, ctx.soc(), conditions, conditions.available_mib);
    const size_t c = choice.best.value_or(previous);
    if (!phases_.empty() && phases_.back().candidate == c) continue;  // nothing to switch
    phases_.push_back({from, conditions, c});
    previous = c;
  }

  std::set<std::pair<std::string, spec::Precision>> files;
  for (const auto& ph : phases_)
    for (const auto& d : plan_.candidates[ph.candidate].designs)
      if (files.insert({d.variant, d.precision}).second)
        storage_mib_ += ctx.models().find_variant(d.variant)->find_build(d.precision)->size_mib;

  const size_t tasks = app.tasks.size();
  for (uint32_t t = 0; t < tasks; ++t)
    ctx.switch_design(t, ctx.design_id(design_of(0, t)), sched::SwitchReason::kDeploy);
  for (size_t k = 1; k < phases_.size(); ++k) {
    const Time at = Time::zero() + phases_[k].from;
    ctx.wake_at(at, switch_tag(k));
    if (!prewarm_) continue;
    for (size_t t = 0; t < tasks; ++t) {
      const spec::Design& next = design_of(k, t);
      if (next == design_of(k - 1, t)) continue;
      const Duration ahead = load_time(ctx.soc(), ctx.models(), next);
      const Duration earliest = phases_[k - 1].from;
      ctx.wake_at(Time::zero() + std::max(earliest, phases_[k].from - ahead), prewarm_tag(k, t, tasks));
    }
  }
}

void OracleScheduler::advance(sched::SchedulerContext& ctx) {
  while (deployed_ + 1 < phases_.size() && Time::zero() + phases_[deployed_ + 1].from <= ctx.now()) {
    ++deployed_;
    for (uint32_t t = 0; t < ctx.scenario().tasks.size(); ++t)
      ctx.switch_design(t, ctx.design_id(design_of(deployed_, t)), sched::SwitchReason::kResolve);
  }
}

void OracleScheduler::on_arrival(sched::SchedulerContext& ctx, const Request& r) {
  advance(ctx);
  ctx.dispatch(r, ctx.current_design(r.task));
}

void OracleScheduler::on_timer(sched::SchedulerContext& ctx, uint64_t tag) {
  const size_t tasks = ctx.scenario().tasks.size();
  if (tag % 2 == 1) return advance(ctx);  // a phase's boundary
  const size_t k = tag / 2 / tasks, t = tag / 2 % tasks;
  if (deployed_ >= k) return;  // already switched
  const spec::Design& next = design_of(k, t);
  const double mib = at(plan_.candidates[phases_[k].candidate].task_metrics[t], spec::Metric::kMemory);
  if (ctx.available_memory_mib() - ctx.footprint_mib() >= mib)
    ctx.load_model(static_cast<uint32_t>(t), ctx.design_id(next));
}

}  // namespace socsim::solver
