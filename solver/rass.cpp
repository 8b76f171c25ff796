#include "solver/rass.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "solver/optimality.h"

namespace socsim::solver {
namespace {

using Condition = DesignSetMember::Condition;

// SLO terms after expansion over tasks (see rass.h): each reads one value, app-wide (task -1) or per task.
struct Expanded {
  std::vector<spec::Objective> objectives;
  std::vector<int> objective_task;
  std::vector<ConstraintTerm> constraints;
};

void check_task(int task, size_t tasks, const char* what) {
  if (task < -1 || (task >= 0 && static_cast<size_t>(task) >= tasks))
    throw std::invalid_argument(std::string("rass: ") + what + " names task " + std::to_string(task) +
                                " but the candidates have " + std::to_string(tasks) + " tasks");
}

Expanded expand(const SloTerms& terms, size_t tasks) {
  Expanded out;
  for (const auto& t : terms.objectives) {
    check_task(t.task, tasks, "an objective");
    if (t.task < 0 && is_per_task_metric(t.objective.metric)) {
      for (size_t i = 0; i < tasks; ++i) {
        out.objectives.push_back(t.objective);
        out.objective_task.push_back(static_cast<int>(i));
      }
    } else {
      out.objectives.push_back(t.objective);
      out.objective_task.push_back(t.task);
    }
  }
  for (const auto& c : terms.constraints) {
    check_task(c.task, tasks, "a constraint");
    if (c.task < 0 && is_per_task_metric(c.constraint.metric)) {
      for (size_t i = 0; i < tasks; ++i) out.constraints.push_back({static_cast<int>(i), c.constraint});
    } else {
      out.constraints.push_back(c);
    }
  }
  return out;
}

double value_of(const Candidate& c, int task, spec::Metric m) {
  return task < 0 ? at(c.app, m) : at(c.task_metrics[static_cast<size_t>(task)], m);
}

bool feasible(const Candidate& c, const std::vector<ConstraintTerm>& constraints) {
  for (const auto& t : constraints)
    if (!t.constraint.holds(value_of(c, t.task, t.constraint.metric))) return false;
  return true;
}

bool uses(const Candidate& c, int processor) {
  return std::find(c.processors.begin(), c.processors.end(), processor) != c.processors.end();
}

double memory_of(const Candidate& c) { return at(c.app, spec::Metric::kMemory); }

std::string mib(double v) {
  std::ostringstream os;
  os << v << " MiB";
  return os.str();
}

// Ranks the feasible candidates, given their objective values: fills ranked, optimality and comparisons.
void rank(const std::vector<size_t>& feasible_indices, const std::vector<std::vector<double>>& values,
          const std::vector<spec::Objective>& objectives, const std::string& optimality_name, RassResult& result) {
  const std::vector<double> scores = optimality(optimality_name, objectives, values);

  struct Scored {
    double optimality;
    size_t candidate;
  };
  std::vector<Scored> order(feasible_indices.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = {scores[i], feasible_indices[i]};
  uint64_t comparisons = 0;
  // A total order (candidate indices are distinct), so the result does not depend on std::sort's internals.
  std::sort(order.begin(), order.end(), [&comparisons](const Scored& a, const Scored& b) {
    ++comparisons;
    if (a.optimality != b.optimality) return a.optimality > b.optimality;
    return a.candidate < b.candidate;
  });
  result.comparisons = comparisons;
  result.ranked.reserve(order.size());
  result.optimality.reserve(order.size());
  for (const auto& s : order) {
    result.ranked.push_back(s.candidate);
    result.optimality.push_back(s.optimality);
  }
}

// Footprints are sums of per-task MiB: compare them with a tolerance far below any model's size,
// so that 34.7 + 15.4 and 14.7 + 35.4 count as equal (they differ in the last bit).
constexpr double kMemoryTolerance = 1e-6;

// The first rank at or after `from` whose candidate satisfies `accept`; counts every candidate examined.
template <typename Accept>
std::optional<size_t> first_rank(const std::vector<Candidate>& candidates, RassResult& result, size_t from,
                                 Accept accept) {
  for (size_t r = from; r < result.ranked.size(); ++r) {
    ++result.scans;
    if (accept(candidates[result.ranked[r]])) return r;
  }
  return std::nullopt;
}

void add_member(RassResult& result, Condition condition, int processor, size_t rank) {
  result.design_set.push_back({condition, processor, result.ranked[rank], rank, result.optimality[rank]});
}

// d_mem's rank: the first design within the budget, or the smallest footprint in the top quarter,
// or, when nothing there is smaller than d0, the first ranked design that is.
std::optional<size_t> memory_fallback(const std::vector<Candidate>& candidates, const RassOptions& options,
                                      RassResult& result) {
  if (options.memory_budget_mib) {
    const double budget = *options.memory_budget_mib;
    return first_rank(candidates, result, 0, [budget](const Candidate& c) { return memory_of(c) <= budget + kMemoryTolerance; });
  }
  const size_t n = result.ranked.size();
  const size_t quarter = std::max<size_t>(1, (n + 3) / 4);
  size_t best = 0;
  for (size_t r = 0; r < quarter; ++r) {
    ++result.scans;
    if (memory_of(candidates[result.ranked[r]]) < memory_of(candidates[result.ranked[best]]) - kMemoryTolerance) best = r;
  }
  const double d0_mib = memory_of(candidates[result.ranked[0]]);
  const auto smaller = [d0_mib](const Candidate& c) { return memory_of(c) < d0_mib - kMemoryTolerance; };
  if (smaller(candidates[result.ranked[best]])) return best;
  return first_rank(candidates, result, quarter, smaller);
}

}  // namespace

const std::vector<std::string>& period_deadline_names() {
  static const std::vector<std::string> names = {"off", "mean", "p90", "p99"};
  return names;
}

PeriodDeadline parse_period_deadline(const std::string& name) {
  const auto& names = period_deadline_names();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<PeriodDeadline>(i);
  throw std::invalid_argument("unknown period_deadline \"" + name + "\" (known: off, mean, p90, p99)");
}

namespace {

bool bounds_latency_from_above(const spec::Constraint& c) {
  const bool latency = c.metric == spec::Metric::kDeadlineMiss ||
                       (is_per_task_metric(c.metric) && c.metric != spec::Metric::kThroughput);
  return latency && (c.op == spec::Constraint::Op::kLe || c.op == spec::Constraint::Op::kLt);
}

}  // namespace

SloTerms slo_terms(const spec::Scenario& scenario, PeriodDeadline deadlines) {
  SloTerms out;
  const auto add = [&out](const spec::Slo& slo, int task) {
    for (const auto& o : slo.objectives) out.objectives.push_back({task, o});
    for (const auto& c : slo.constraints) out.constraints.push_back({task, c});
  };
  add(scenario.slo, -1);
  for (size_t i = 0; i < scenario.tasks.size(); ++i) add(scenario.tasks[i].slo, static_cast<int>(i));
  if (deadlines == PeriodDeadline::kOff) return out;
  const spec::Metric metric = deadlines == PeriodDeadline::kMean  ? spec::Metric::kLatencyMean
                              : deadlines == PeriodDeadline::kP99 ? spec::Metric::kLatencyP99
                                                                  : spec::Metric::kLatencyP90;
  const size_t stated = out.constraints.size();
  for (size_t i = 0; i < scenario.tasks.size(); ++i) {
    const auto& deadline = scenario.tasks[i].deadline;
    if (!deadline) continue;
    bool bounded = false;
    for (size_t k = 0; k < stated; ++k) {
      const ConstraintTerm& c = out.constraints[k];
      bounded = bounded || ((c.task == -1 || c.task == static_cast<int>(i)) && bounds_latency_from_above(c.constraint));
    }
    if (bounded) continue;
    out.constraints.push_back({static_cast<int>(i), {metric, spec::Constraint::Op::kLe, deadline->to_ms()}, true});
  }
  return out;
}

RassResult rass_soft(const std::vector<Candidate>& candidates, const SloTerms& terms, const RassOptions& options) {
  RassResult r = rass(candidates, terms, options);
  const auto implicit = [](const ConstraintTerm& c) { return c.implicit; };
  if (!r.ranked.empty() || std::none_of(terms.constraints.begin(), terms.constraints.end(), implicit)) return r;
  SloTerms stated = terms;
  std::erase_if(stated.constraints, implicit);
  r = rass(candidates, stated, options);
  r.missing.insert(r.missing.begin(), "no design meets the implicit deadline constraints: ignored");
  return r;
}

bool is_per_task_metric(spec::Metric m) {
  switch (m) {
    case spec::Metric::kLatencyMean:
    case spec::Metric::kLatencyP50:
    case spec::Metric::kLatencyP90:
    case spec::Metric::kLatencyP99:
    case spec::Metric::kLatencySd:
    case spec::Metric::kThroughput:
    case spec::Metric::kDeadlineMiss: return true;
    case spec::Metric::kAccuracy:
    case spec::Metric::kMemory:
    case spec::Metric::kSize:
    case spec::Metric::kEnergy: return false;
  }
  return false;
}

const char* to_string(DesignSetMember::Condition c) {
  switch (c) {
    case Condition::kDefault: return "default";
    case Condition::kProcessorIssue: return "processor_issue";
    case Condition::kMemoryIssue: return "memory_issue";
    case Condition::kProcessorAndMemoryIssue: return "processor_and_memory_issue";
  }
  return "?";
}

RassResult rass(const std::vector<Candidate>& candidates, const SloTerms& terms, const RassOptions& options) {
  optimality(options.optimality, {}, {});  // an unknown name throws even when nothing is feasible
  RassResult result;
  result.designs = candidates.size();

  const size_t tasks = candidates.empty() ? 0 : candidates[0].task_metrics.size();
  for (size_t i = 0; i < candidates.size(); ++i)
    if (candidates[i].task_metrics.size() != tasks)
      throw std::invalid_argument("rass: candidate " + std::to_string(i) + " has " +
                                  std::to_string(candidates[i].task_metrics.size()) + " tasks, candidate 0 has " +
                                  std::to_string(tasks));
  const Expanded expanded = candidates.empty() ? Expanded{} : expand(terms, tasks);

  // Step 2: constraints. The feasible candidates' objective values are read in the same pass.
  std::vector<size_t> feasible_indices;
  std::vector<std::vector<double>> values;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (!feasible(c, expanded.constraints)) continue;
    feasible_indices.push_back(i);
    std::vector<double>& row = values.emplace_back(expanded.objectives.size());
    for (size_t j = 0; j < row.size(); ++j)
      row[j] = value_of(c, expanded.objective_task[j], expanded.objectives[j].metric);
  }
  result.feasible = feasible_indices.size();
  if (feasible_indices.empty()) {
    result.missing.push_back("no design meets the constraints");
    return result;
  }

  // Step 3: score and sort.
  rank(feasible_indices, values, expanded.objectives, options.optimality, result);

  // Step 4: the design set.
  add_member(result, Condition::kDefault, -1, 0);
  std::vector<int> d0_processors = candidates[result.ranked[0]].processors;
  std::sort(d0_processors.begin(), d0_processors.end());
  d0_processors.erase(std::unique(d0_processors.begin(), d0_processors.end()), d0_processors.end());

  for (const int p : d0_processors) {
    // Rank 0 is d0, which uses p.
    const auto r = first_rank(candidates, result, 1, [p](const Candidate& c) { return !uses(c, p); });
    if (r) {
      add_member(result, Condition::kProcessorIssue, p, *r);
    } else {
      result.missing.push_back("no design avoids processor " + std::to_string(p));
    }
  }

  const std::optional<size_t> mem = memory_fallback(candidates, options, result);
  if (mem) {
    add_member(result, Condition::kMemoryIssue, -1, *mem);
  } else {
    result.missing.push_back(options.memory_budget_mib
                                 ? "no design fits the memory budget of " + mib(*options.memory_budget_mib)
                                 : "no design has a smaller footprint than d0");
  }

  if (options.combined_fallbacks) {
    for (const int p : d0_processors) {
      if (!mem) {
        result.missing.push_back("no design avoids processor " + std::to_string(p) +
                                 " within the memory fall-back's footprint: there is no memory fall-back");
        continue;
      }
      const double limit = memory_of(candidates[result.ranked[*mem]]);
      const auto r = first_rank(candidates, result, 1,
                                [p, limit](const Candidate& c) { return !uses(c, p) && memory_of(c) <= limit + kMemoryTolerance; });
      if (r) {
        add_member(result, Condition::kProcessorAndMemoryIssue, p, *r);
      } else {
        result.missing.push_back("no design avoids processor " + std::to_string(p) + " within " + mib(limit));
      }
    }
  }
  return result;
}

}  // namespace socsim::solver
