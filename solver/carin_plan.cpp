#include "solver/carin_plan.h"

#include <algorithm>
#include <chrono>

#include "sim/core/error.h"
#include "solver/design_space.h"

namespace socsim::solver {
namespace {

using spec::Metric;

bool per_task_metric(Metric m) {
  return m != Metric::kAccuracy && m != Metric::kMemory && m != Metric::kSize && m != Metric::kEnergy;
}

bool upper_bound(const spec::Constraint& c) {
  return c.op == spec::Constraint::Op::kLe || c.op == spec::Constraint::Op::kLt;
}

// Every combination of one entry per list, first list varying slowest.
std::vector<std::vector<size_t>> cartesian(const std::vector<size_t>& sizes) {
  std::vector<std::vector<size_t>> out{{}};
  for (size_t n : sizes) {
    std::vector<std::vector<size_t>> next;
    for (const auto& prefix : out)
      for (size_t i = 0; i < n; ++i) {
        next.push_back(prefix);
        next.back().push_back(i);
      }
    out = std::move(next);
  }
  return out;
}

// A task's designs that enter the tuples: its top k, plus, for every processor those use, the best
// design that avoids it (so that the tuples hold processor fall-backs even when the top k all
// share a processor). Ranked order.
std::vector<size_t> shortlist_of(const std::vector<Candidate>& designs, const RassResult& ranked, size_t k) {
  std::vector<size_t> out(ranked.ranked.begin(), ranked.ranked.begin() + static_cast<std::ptrdiff_t>(std::min(k, ranked.ranked.size())));
  std::vector<int> used;
  for (size_t i : out) used.insert(used.end(), designs[i].processors.begin(), designs[i].processors.end());
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  for (int p : used) {
    for (size_t i : ranked.ranked) {
      const auto& procs = designs[i].processors;
      if (std::find(procs.begin(), procs.end(), p) != procs.end()) continue;
      if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
      break;
    }
  }
  return out;
}

}  // namespace

SloTerms task_terms(const SloTerms& all, int task, size_t tasks) {
  if (tasks == 1) return all;
  SloTerms out;
  for (const auto& o : all.objectives)
    if (o.task == -1 || o.task == task) out.objectives.push_back({o.task == -1 ? -1 : 0, o.objective});
  for (const auto& c : all.constraints) {
    if (c.task == task) out.constraints.push_back({0, c.constraint, c.implicit});
    else if (c.task == -1 && (per_task_metric(c.constraint.metric) || upper_bound(c.constraint)))
      out.constraints.push_back({-1, c.constraint, c.implicit});
  }
  return out;
}

Candidate make_candidate(const spec::Soc& soc, const Profiler& profiler, std::vector<spec::Design> designs,
                         std::vector<MetricVector> per_task) {
  Candidate c;
  c.app = profiler.aggregate(designs, per_task);
  for (const auto& d : designs) c.processors.push_back(soc.find_processor(d.engine));
  std::sort(c.processors.begin(), c.processors.end());
  c.processors.erase(std::unique(c.processors.begin(), c.processors.end()), c.processors.end());
  c.designs = std::move(designs);
  c.task_metrics = std::move(per_task);
  return c;
}

IsolatedSpace profile_isolated(Profiler& profiler, const spec::Soc& soc, const spec::ModelLibrary& lib,
                               const spec::Scenario& app, const CarinOptions& opts) {
  IsolatedSpace out;
  const SloTerms terms = slo_terms(app, opts.period_deadline);
  RassOptions single = opts.rass;
  single.optimality = app.optimality;
  single.memory_budget_mib.reset();
  for (size_t t = 0; t < app.tasks.size(); ++t) {
    auto designs = enumerate_designs(soc, lib, app.tasks[t]);
    if (opts.keep) std::erase_if(designs, [&](const spec::Design& d) { return !opts.keep(t, d); });
    if (designs.empty())
      throw RunError("task \"" + app.tasks[t].name + "\": the model library has no design for it on " + soc.name +
                     (opts.keep ? " (after the design filter)" : ""));
    auto& alone = out.candidates.emplace_back();
    for (const auto& d : designs) alone.push_back(make_candidate(soc, profiler, {d}, profiler.profile({t}, {d})));
    out.ranked.push_back(rass_soft(alone, task_terms(terms, static_cast<int>(t), app.tasks.size()), single));
    if (out.ranked.back().ranked.empty())
      throw RunError("task \"" + app.tasks[t].name + "\": no design on " + soc.name + " meets the SLO's constraints that bound it alone");
    out.best.push_back(alone[out.ranked.back().ranked.front()].designs.front());
  }
  return out;
}

CarinPlan plan_carin(const spec::Soc& soc, const spec::ModelLibrary& lib, const spec::Scenario& app,
                     const CarinOptions& opts) {
  Profiler profiler(soc, lib, app, opts.profile);
  return plan_carin(profiler, soc, lib, app, opts);
}

CarinPlan plan_carin(Profiler& profiler, const spec::Soc& soc, const spec::ModelLibrary& lib,
                     const spec::Scenario& app, const CarinOptions& opts) {
  const auto start = std::chrono::steady_clock::now();
  CarinPlan plan;
  const SloTerms terms = slo_terms(app, opts.period_deadline);
  RassOptions rass_opts = opts.rass;
  rass_opts.optimality = app.optimality;

  // Each task alone: its isolated profiles, ranked under its own terms.
  IsolatedSpace alone = profile_isolated(profiler, soc, lib, app, opts);
  for (const auto& c : alone.candidates) plan.space_sizes.push_back(c.size());
  plan.independent = alone.best;

  if (app.tasks.size() == 1) {
    plan.candidates = std::move(alone.candidates[0]);
  } else {
    std::vector<std::vector<size_t>> shortlist;  // per task: candidate indices into alone.candidates[t]
    std::vector<size_t> k;
    for (size_t t = 0; t < alone.candidates.size(); ++t) {
      shortlist.push_back(shortlist_of(alone.candidates[t], alone.ranked[t], static_cast<size_t>(std::max(1, opts.top_k))));
      k.push_back(shortlist.back().size());
    }
    std::vector<size_t> tasks(app.tasks.size());
    for (size_t t = 0; t < tasks.size(); ++t) tasks[t] = t;
    for (const auto& pick : cartesian(k)) {
      std::vector<spec::Design> tuple;
      for (size_t t = 0; t < pick.size(); ++t) tuple.push_back(alone.candidates[t][shortlist[t][pick[t]]].designs.front());
      auto metrics = profiler.profile(tasks, tuple);
      plan.candidates.push_back(make_candidate(soc, profiler, std::move(tuple), std::move(metrics)));
    }
  }
  const auto solve_start = std::chrono::steady_clock::now();
  plan.result = rass_soft(plan.candidates, terms, rass_opts);
  const auto solve_end = std::chrono::steady_clock::now();
  plan.rass_wall_s = std::chrono::duration<double>(solve_end - solve_start).count();
  plan.profiling_wall_s = std::chrono::duration<double>(solve_start - start).count();
  plan.cost = profiler.cost();
  if (plan.result.ranked.empty())
    throw RunError("no design of " + app.name + " on " + soc.name + " meets the SLO's constraints");
  return plan;
}

}  // namespace socsim::solver
