// Run-time conditions and how a solver that re-ranks profiled designs accounts for them: the
// condition model shared by `oodin`'s re-solve (solver/oodin_scheduler.h) and the `oracle`
// (solver/oracle_scheduler.h).
//
// Conditions are what a runtime manager on the phone observes (sched::SchedulerContext): the
// external load on each processor, whether it is online, and the memory the app may use.
//
// [choice] The condition model (ours; neither paper states how OODIn re-estimates a design under
// load): a profiled candidate's metrics under conditions are its isolated/co-executed profile
// with, for each task, the latency entries (mean, p50, p90, p99, sd) divided by (1 - L) and the
// throughput multiplied by (1 - L), where L is the background load on the processor that task's
// design runs on (a processor shared with another app by time-slicing runs the DNN at (1 - L) of
// its speed). Accuracy, memory, size and energy per inference are unchanged. A candidate is
// unusable when a processor it uses is offline or saturated (1 - L < kMinCapacity) or when its
// app memory exceeds the budget. Frequency caps and ambient temperature are not modelled. The
// deadline-miss fraction is kept as profiled (the profile keeps quantiles, not the samples to
// rescale); the rescaled latency quantiles carry load into the implicit deadline constraints.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/sched/scheduler.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"
#include "solver/rass.h"

namespace socsim::solver {

struct Conditions {
  std::vector<double> background_load;  // per SoC processor, fraction of each core
  std::vector<bool> online;             // per SoC processor
  double available_mib = 0;             // memory the app may use

  // An idle device: no load, every processor online, the SoC's app memory.
  static Conditions idle(const spec::Soc& soc);
};

// What the context shows now.
Conditions observe(const sched::SchedulerContext& ctx);

// Whether `a` and `b` differ as a resource change: some processor's load by more than
// `load_epsilon`, some processor's online state, or the available memory by more than 1e-6 MiB.
bool differs(const Conditions& a, const Conditions& b, double load_epsilon);

// Below this spare capacity (1 - load) a processor counts as saturated.
inline constexpr double kMinCapacity = 1e-3;

// The candidate's metrics under `c` (see the file comment); nullopt when a processor it uses is
// offline or saturated. Its app-wide aggregates keep their meaning (latency/throughput entries
// are the worst task's, as Profiler::aggregate makes them).
std::optional<Candidate> under_conditions(const Candidate& cand, const spec::Soc& soc, const Conditions& c);

// The conditions the scenario's scripted runtime events set over the run, as the engine applies
// them (sim/engine/engine.cpp): one entry from time zero, then one per instant at which they change
// (before the scenario's duration), in time order. Background load reverts to 0 and memory
// pressure to the SoC's app memory at the end of an event's duration; processor_offline and
// processor_online set the state (the engine does not revert them). Other event kinds
// (ambient, frequency_cap) do not change Conditions.
struct ScriptedConditions {
  Duration from;
  Conditions conditions;
};
std::vector<ScriptedConditions> scripted_conditions(const spec::Soc& soc, const spec::Scenario& scenario);

struct ConditionedChoice {
  std::optional<size_t> best;  // index into the candidates; nullopt when none is usable
  bool meets_slo = false;      // false: no usable candidate meets the constraints, `best` ignores them
  size_t evaluated = 0;        // candidates scored (all of them: an exhaustive search)
};

// The best candidate under `c`: the usable candidates (under_conditions, app memory <=
// memory_budget_mib), ranked by rass_soft() under `terms` with the optimality `optimality`; when none
// meets the constraints [choice], the best usable one by the objectives alone (the app keeps
// running, out of its SLO, rather than stopping).
ConditionedChoice best_under(const std::vector<Candidate>& candidates, const SloTerms& terms,
                             const std::string& optimality, const spec::Soc& soc, const Conditions& c,
                             double memory_budget_mib);

}  // namespace socsim::solver
