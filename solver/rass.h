// RASS, CARIn's offline solver (CARIN.md §3, steps 2-5), over candidates that are ALREADY PROFILED.
// Pure: no engine, no I/O, no clock; the same input gives the same result. Enumerating and
// profiling the candidates (step 1) and timing rass() are the caller's.
//
// Steps: drop the candidates that violate any constraint; score the rest with the chosen optimality
// (solver/optimality.h, best_j over the feasible set); sort them best first; pick the design set:
//   d0                 the first ranked design;
//   d_p                for every processor p that d0 uses: the first ranked design that does not use p
//                      ("processor issue");
//   d_mem              the first ranked design whose app memory fits RassOptions::memory_budget_mib, or by
//                      default the smallest-footprint design among the top quarter ("memory issue");
//                      [choice] when none there is smaller than d0, the first ranked design that is
//                      (a fall-back no smaller than d0 could not relieve memory pressure);
//   d_{p+mem}          optionally, for every p of d0: the first ranked design that does not use p and
//                      whose app memory is <= d_mem's ("processor and memory issue").
// A member may be d0's own candidate (e.g. when d0 already fits the memory budget): the runtime then
// stays on d0 under that condition; storage should count distinct candidates.
//
// Expansion of SLO terms over tasks [choice]:
//   - per-task metrics are latency_mean/p50/p90/p99/sd and throughput (is_per_task_metric());
//   - an app-wide term (task -1) over a per-task metric applies to EVERY task: an objective becomes one
//     objective term per task (each with the objective's weight), a constraint must hold for every task;
//   - an app-wide term over accuracy, memory, size or energy uses Candidate::app;
//   - a per-task term (task i) uses task_metrics[i], whatever its metric.
//
// Complexity: O(N log N + (P+1)·N) for N candidates and P processors used by d0 (plus O(N·T) to read
// T terms): the sort dominates; the fall-back scans are at most one pass each. RassResult reports the
// counts (comparisons, scans).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/spec/scenario.h"
#include "solver/metrics.h"

namespace socsim::solver {

// One design tuple: one design per task, with its profiled metrics.
struct Candidate {
  std::vector<spec::Design> designs;       // one per task; carried for the caller, not read by rass()
  std::vector<MetricVector> task_metrics;  // one per task, profiled (under co-execution for multi-DNN apps)
  // App-wide aggregates: accuracy = mean over tasks, memory = sum, size = sum over distinct model files,
  // energy = sum. Its latency/throughput entries are unused (app-wide latency/throughput terms apply per
  // task).
  MetricVector app{};
  std::vector<int> processors;  // sorted distinct SoC processor indices the tuple uses
};

struct SloTerm {
  int task = -1;  // -1 = app-wide
  spec::Objective objective;
};

struct ConstraintTerm {
  int task = -1;  // -1 = app-wide
  spec::Constraint constraint;
  bool implicit = false;  // added by slo_terms from a task's deadline, not written in the SLO
};

struct SloTerms {
  std::vector<SloTerm> objectives;
  std::vector<ConstraintTerm> constraints;
};

// How a task's deadline (its `deadline_ms`, by default the period of a periodic arrival) enters the
// SLO when the SLO does not bound the task's latency itself [choice, paper-faithful default kP90]:
// a periodic task's period is a deadline, so a design that cannot meet it is not a candidate.
//   kP90  an implicit constraint latency_p90 <= deadline (the paper's own example constraint,
//         "p90 latency <= 33 ms", is a 30 fps frame deadline): at most 10 % of frames late;
//   kP99  latency_p99 <= deadline;   kMean  latency_mean <= deadline (the rate is sustainable);
//   kOff  no implicit constraint: only what the SLO states (the behaviour before issue 15).
// "Unless the SLO says otherwise": a task whose latency (any latency_* metric) or deadline_miss is
// already bounded from above by a constraint (its own or app-wide) gets no implicit constraint.
enum class PeriodDeadline { kOff, kMean, kP90, kP99 };
const std::vector<std::string>& period_deadline_names();  // "off", "mean", "p90", "p99" (enum order)
PeriodDeadline parse_period_deadline(const std::string& name);  // std::invalid_argument on an unknown name

// The scenario's SLO terms, unexpanded: scenario.slo's (task -1) first, then each task's slo (task i),
// each in the order written, then the implicit deadline constraints of `deadlines` (task i, in task
// order, ConstraintTerm::implicit set).
SloTerms slo_terms(const spec::Scenario& scenario, PeriodDeadline deadlines = PeriodDeadline::kOff);

// Whether `m` is measured per task (latency_*, throughput) rather than for the app as a whole.
bool is_per_task_metric(spec::Metric m);

struct RassOptions {
  std::string optimality = "ratio_product";  // a name from optimality_names()
  // d_mem: the first ranked design with app memory <= this budget (MiB). Default (nullopt): the
  // smallest-footprint design among the top quarter (ceil(n/4), at least 1, of the n ranked designs) if it
  // is smaller than d0, else the first ranked design smaller than d0 (none: no memory fall-back),
  // ties going to the better rank.
  std::optional<double> memory_budget_mib;
  bool combined_fallbacks = false;  // also d_{p+mem} for every processor p of d0
};

struct DesignSetMember {
  enum class Condition { kDefault, kProcessorIssue, kMemoryIssue, kProcessorAndMemoryIssue };
  Condition condition = Condition::kDefault;
  int processor = -1;    // the processor avoided, for the processor conditions; -1 otherwise
  size_t candidate = 0;  // index into rass()'s candidates
  size_t rank = 0;       // position in RassResult::ranked
  double optimality = 0;
};

struct RassResult {
  std::vector<size_t> ranked;      // indices of the feasible candidates, best first
  std::vector<double> optimality;  // optimality of ranked[i]
  // d0 first, then d_p per processor of d0 (ascending processor index), then d_mem, then the combined
  // fall-backs (ascending processor index). A fall-back that does not exist is omitted and described in
  // `missing` (e.g. "no design avoids processor 2").
  std::vector<DesignSetMember> design_set;
  std::vector<std::string> missing;
  // Complexity counters.
  size_t designs = 0;        // candidates in
  size_t feasible = 0;       // candidates meeting every constraint (= ranked.size())
  uint64_t comparisons = 0;  // comparator calls in the sort
  uint64_t scans = 0;        // candidates examined by the fall-back scans
};

// rass(), except that when nothing meets the constraints and some are implicit (slo_terms), those are
// dropped and RASS runs again [choice]: an inferred deadline that no design can meet must not stop the
// app; `missing` then says "no design meets the implicit deadline constraints: ignored". Stated
// constraints stay hard.
RassResult rass_soft(const std::vector<Candidate>& candidates, const SloTerms& terms, const RassOptions& options);

// Runs RASS steps 2-5 (see the file comment). Ranking: higher optimality first, equal optimality by
// lower candidate index (a total order, so std::sort is deterministic). An empty feasible set gives an
// empty `ranked` and `design_set` and missing == {"no design meets the constraints"}; the caller decides
// whether that is an error.
// Preconditions (std::invalid_argument when violated): every candidate has the same number T of
// task_metrics; every term's task is -1 or in [0, T); the optimality name is known; the objective
// values of the feasible candidates are finite and >= 0 (solver/optimality.h).
RassResult rass(const std::vector<Candidate>& candidates, const SloTerms& terms, const RassOptions& options);

// The human-readable name of a condition: "default", "processor_issue", "memory_issue",
// "processor_and_memory_issue".
const char* to_string(DesignSetMember::Condition c);

}  // namespace socsim::solver
