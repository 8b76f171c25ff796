#include "solver/conditions.h"

#include <algorithm>
#include <cmath>

namespace socsim::solver {

using spec::Metric;

Conditions Conditions::idle(const spec::Soc& soc) {
  Conditions c;
  c.background_load.assign(soc.processors.size(), 0.0);
  c.online.assign(soc.processors.size(), true);
  c.available_mib = soc.memory.app_memory_mib;
  return c;
}

Conditions observe(const sched::SchedulerContext& ctx) {
  Conditions c;
  for (size_t p = 0; p < ctx.soc().processors.size(); ++p) {
    c.background_load.push_back(ctx.background_load(static_cast<int>(p)));
    c.online.push_back(ctx.online(static_cast<int>(p)));
  }
  c.available_mib = ctx.available_memory_mib();
  return c;
}

bool differs(const Conditions& a, const Conditions& b, double load_epsilon) {
  if (a.background_load.size() != b.background_load.size() || a.online != b.online) return true;
  for (size_t p = 0; p < a.background_load.size(); ++p)
    if (std::abs(a.background_load[p] - b.background_load[p]) > load_epsilon) return true;
  return std::abs(a.available_mib - b.available_mib) > 1e-6;
}

std::optional<Candidate> under_conditions(const Candidate& cand, const spec::Soc& soc, const Conditions& c) {
  Candidate out = cand;
  for (size_t t = 0; t < out.designs.size(); ++t) {
    const int p = soc.find_processor(out.designs[t].engine);
    if (p < 0 || !c.online[static_cast<size_t>(p)]) return std::nullopt;
    const double capacity = 1.0 - c.background_load[static_cast<size_t>(p)];
    if (capacity < kMinCapacity) return std::nullopt;
    MetricVector& m = out.task_metrics[t];
    for (Metric k :
         {Metric::kLatencyMean, Metric::kLatencyP50, Metric::kLatencyP90, Metric::kLatencyP99, Metric::kLatencySd})
      at(m, k) /= capacity;
    at(m, Metric::kThroughput) *= capacity;
  }
  // The aggregates' latency/throughput entries follow the tasks' (worst task), as Profiler::aggregate.
  for (Metric k :
       {Metric::kLatencyMean, Metric::kLatencyP50, Metric::kLatencyP90, Metric::kLatencyP99, Metric::kLatencySd}) {
    at(out.app, k) = 0;
    for (const auto& m : out.task_metrics) at(out.app, k) = std::max(at(out.app, k), at(m, k));
  }
  for (size_t t = 0; t < out.task_metrics.size(); ++t)
    at(out.app, Metric::kThroughput) =
        t == 0 ? at(out.task_metrics[t], Metric::kThroughput)
               : std::min(at(out.app, Metric::kThroughput), at(out.task_metrics[t], Metric::kThroughput));
  return out;
}

std::vector<ScriptedConditions> scripted_conditions(const spec::Soc& soc, const spec::Scenario& scenario) {
  // The engine schedules, for event i in order, its start then its revert; same-instant changes
  // apply in that order.
  struct Change {
    Duration at;
    size_t seq;
    size_t event;
    bool revert;
  };
  std::vector<Change> changes;
  for (size_t i = 0; i < scenario.events.size(); ++i) {
    const auto& ev = scenario.events[i];
    changes.push_back({ev.at, changes.size(), i, false});
    if (ev.duration) changes.push_back({ev.at + *ev.duration, changes.size(), i, true});
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.at != b.at ? a.at < b.at : a.seq < b.seq; });
  std::vector<ScriptedConditions> out{{Duration{}, Conditions::idle(soc)}};
  Conditions c = out.front().conditions;
  using K = spec::RuntimeEvent::Kind;
  for (size_t i = 0; i < changes.size(); ++i) {
    const Change& ch = changes[i];
    if (ch.at >= scenario.duration) break;
    const auto& ev = scenario.events[ch.event];
    const int p = ev.processor.empty() ? -1 : soc.find_processor(ev.processor);
    switch (ev.kind) {
      case K::kBackgroundLoad:
        if (p >= 0) c.background_load[static_cast<size_t>(p)] = ch.revert ? 0.0 : ev.value;
        break;
      case K::kProcessorOffline:
        if (p >= 0) c.online[static_cast<size_t>(p)] = false;
        break;
      case K::kProcessorOnline:
        if (p >= 0) c.online[static_cast<size_t>(p)] = true;
        break;
      case K::kMemoryPressure:
        c.available_mib = ch.revert ? soc.memory.app_memory_mib : ev.value;
        break;
      case K::kAmbient:
      case K::kFrequencyCap:
        break;
    }
    const bool last_at_instant = i + 1 == changes.size() || changes[i + 1].at != ch.at;
    if (!last_at_instant) continue;
    if (!differs(c, out.back().conditions, 0.0)) continue;
    if (out.back().from == ch.at)
      out.back().conditions = c;  // only at time zero
    else
      out.push_back({ch.at, c});
  }
  return out;
}

ConditionedChoice best_under(const std::vector<Candidate>& candidates, const SloTerms& terms,
                             const std::string& optimality, const spec::Soc& soc, const Conditions& c,
                             double memory_budget_mib) {
  ConditionedChoice out;
  out.evaluated = candidates.size();
  std::vector<Candidate> usable;
  std::vector<size_t> index;  // usable[i] is candidates[index[i]]
  for (size_t i = 0; i < candidates.size(); ++i) {
    auto adjusted = under_conditions(candidates[i], soc, c);
    if (!adjusted || at(adjusted->app, Metric::kMemory) > memory_budget_mib) continue;
    usable.push_back(std::move(*adjusted));
    index.push_back(i);
  }
  if (usable.empty()) return out;
  RassOptions opts;
  opts.optimality = optimality;
  RassResult r = rass_soft(usable, terms, opts);
  out.meets_slo = !r.ranked.empty();
  if (r.ranked.empty()) {
    SloTerms objectives_only = terms;
    objectives_only.constraints.clear();
    r = rass(usable, objectives_only, opts);
  }
  if (!r.ranked.empty()) out.best = index[r.ranked.front()];
  return out;
}

}  // namespace socsim::solver
