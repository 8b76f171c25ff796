#include "solver/carin_scheduler.h"

#include <set>

#include "solver/conditions.h"

namespace socsim::solver {
namespace {

using Condition = DesignSetMember::Condition;

sched::SwitchReason reason_for(Condition c) {
  switch (c) {
    case Condition::kDefault: return sched::SwitchReason::kIssueCleared;
    case Condition::kProcessorIssue: return sched::SwitchReason::kProcessorIssue;
    case Condition::kMemoryIssue: return sched::SwitchReason::kMemoryIssue;
    case Condition::kProcessorAndMemoryIssue: return sched::SwitchReason::kProcessorAndMemoryIssue;
  }
  return sched::SwitchReason::kIssueCleared;
}

}  // namespace

sched::ParamSpec period_deadline_param() {
  return {"period_deadline", "string", "p90",
          "a task's deadline (default: its period) as an implicit latency constraint when its SLO bounds no "
          "latency: p90, p99, mean (latency_<x> <= deadline) or off",
          {}, {}, period_deadline_names()};
}

PeriodDeadline period_deadline_option(const sched::Params& p) {
  return parse_period_deadline(p.text("period_deadline"));  // the registry checked the name
}

std::vector<sched::ParamSpec> carin_plan_params() {
  std::vector<sched::ParamSpec> params = {
      {"top_k", "integer", "5", "multi-DNN: designs per task whose tuples are profiled co-executed", 1, 50}};
  for (auto& p : profile_params()) params.push_back(std::move(p));
  params.push_back(
      {"memory_budget_mib", "number", "0", "d_mem's memory budget, MiB; 0: the smallest footprint in the top quarter", 0, {}});
  params.push_back(period_deadline_param());
  params.push_back(
      {"combined_fallbacks", "bool", "false", "also precompute a design for a processor issue and a memory issue at once", {}, {}});
  return params;
}

CarinOptions carin_plan_options(const sched::Params& p) {
  CarinOptions o;
  o.top_k = static_cast<int>(p.integer("top_k"));
  o.profile = profile_options(p);
  o.period_deadline = period_deadline_option(p);
  return o;
}

CarinOptions carin_options(const sched::Params& p) {
  CarinOptions o = carin_plan_options(p);
  if (p.number("memory_budget_mib") > 0) o.rass.memory_budget_mib = p.number("memory_budget_mib");
  o.rass.combined_fallbacks = p.flag("combined_fallbacks");
  return o;
}

std::vector<sched::ParamSpec> runtime_manager_params() {
  return {
      {"period_ms", "number", "100", "Runtime Manager sampling period, ms", 1, 60000},
      {"load_threshold", "number", "0.5", "background load (fraction of each core) that is a processor issue", 0, 1},
      {"confirm_samples", "integer", "1", "consecutive samples that confirm a processor issue", 1, 1000},
      {"clear_samples", "integer", "5", "consecutive samples that clear an issue (hysteresis)", 1, 1000},
      {"predict_switch", "bool", "true",
       "on a processor issue, switch only when the fall-back is predicted better than d0 under the observed load",
       {}, {}},
  };
}

RmOptions rm_options(const sched::Params& p) {
  RmOptions rm;
  rm.period = Duration::ns(static_cast<int64_t>(p.number("period_ms") * 1e6));
  rm.load_threshold = p.number("load_threshold");
  rm.confirm_samples = static_cast<int>(p.integer("confirm_samples"));
  rm.clear_samples = static_cast<int>(p.integer("clear_samples"));
  rm.predict_switch = p.flag("predict_switch");
  return rm;
}

sched::SchedulerInfo CarinScheduler::info() {
  auto params = carin_plan_params();
  for (auto& p : runtime_manager_params()) params.push_back(std::move(p));
  return {"carin",
          "CARIn (reconstruction): RASS design set from in-simulator profiling, Runtime Manager switching on "
          "processor and memory issues",
          params, [](const sched::Params& p) {
            return std::make_unique<CarinScheduler>(carin_options(p), rm_options(p));
          }};
}

void CarinScheduler::on_start(sched::SchedulerContext& ctx) {
  plan_ = planner_ ? planner_(ctx, plan_opts_) : plan_carin(ctx.soc(), ctx.models(), ctx.scenario(), plan_opts_);
  const DesignSetMember& d0 = plan_.result.design_set.front();
  const Candidate& best = plan_.candidates[d0.candidate];
  rm_.emplace(rm_opts_, best.processors, at(best.app, spec::Metric::kMemory));
  terms_ = slo_terms(ctx.scenario(), plan_opts_.period_deadline);
  std::set<std::pair<std::string, spec::Precision>> files;
  for (const auto& m : plan_.result.design_set)
    for (const auto& d : plan_.candidates[m.candidate].designs)
      if (files.insert({d.variant, d.precision}).second)
        storage_mib_ += ctx.models().find_variant(d.variant)->find_build(d.precision)->size_mib;
  deploy(ctx, d0, sched::SwitchReason::kDeploy);
  ctx.wake_at(ctx.now() + rm_opts_.period, 0);
}

void CarinScheduler::on_arrival(sched::SchedulerContext& ctx, const Request& r) {
  ctx.dispatch(r, ctx.current_design(r.task));
}

void CarinScheduler::on_timer(sched::SchedulerContext& ctx, uint64_t) {
  std::vector<double> load(ctx.soc().processors.size());
  for (size_t p = 0; p < load.size(); ++p) load[p] = ctx.background_load(static_cast<int>(p));
  const DesignSetMember& target = member_for(rm_->observe(load, ctx.available_memory_mib()));
  const bool from_d0_on_load = current_ == &plan_.result.design_set.front() && target.condition == Condition::kProcessorIssue;
  if (&target != current_ && (!from_d0_on_load || !rm_opts_.predict_switch || predicted_better(ctx, target)))
    deploy(ctx, target, reason_for(target.condition));
  ctx.wake_at(ctx.now() + rm_opts_.period, 0);
}

const DesignSetMember& CarinScheduler::member_for(const RmCondition& c) const {
  const auto find = [&](Condition kind, int processor) -> const DesignSetMember* {
    for (const auto& m : plan_.result.design_set)
      if (m.condition == kind && m.processor == processor) return &m;
    return nullptr;
  };
  const DesignSetMember* m = nullptr;
  if (c.processor >= 0 && c.memory) m = find(Condition::kProcessorAndMemoryIssue, c.processor);
  if (!m && c.processor >= 0) m = find(Condition::kProcessorIssue, c.processor);
  if (!m && c.memory) m = find(Condition::kMemoryIssue, -1);
  if (!m && (c.processor >= 0 || c.memory)) return *current_;  // no fall-back for this condition
  return m ? *m : plan_.result.design_set.front();
}

bool CarinScheduler::predicted_better(const sched::SchedulerContext& ctx, const DesignSetMember& fallback) const {
  const Conditions now = observe(ctx);
  const auto d0 = under_conditions(plan_.candidates[plan_.result.design_set.front().candidate], ctx.soc(), now);
  const auto fb = under_conditions(plan_.candidates[fallback.candidate], ctx.soc(), now);
  if (!d0 || !fb) return !d0 && fb;  // a saturated or offline processor: only a usable design is better
  RassOptions opts;
  opts.optimality = ctx.scenario().optimality;
  RassResult r = rass_soft({*d0, *fb}, terms_, opts);
  if (r.ranked.empty()) {  // both break a stated constraint: compare them by the objectives
    SloTerms objectives = terms_;
    objectives.constraints.clear();
    r = rass(std::vector<Candidate>{*d0, *fb}, objectives, opts);
  }
  return r.ranked.front() == 1;  // ties rank the lower index (d0) first
}

void CarinScheduler::deploy(sched::SchedulerContext& ctx, const DesignSetMember& m, sched::SwitchReason reason) {
  const auto& designs = plan_.candidates[m.candidate].designs;
  for (uint32_t t = 0; t < designs.size(); ++t) ctx.switch_design(t, ctx.design_id(designs[t]), reason);
  current_ = &m;
}

sched::SchedulerReport CarinScheduler::report() const { return {storage_mib_, Duration{}}; }

}  // namespace socsim::solver
