// CARIn's offline stage for one (app, SoC): enumerate each task's design space, profile it in
// socsim, and run RASS (CARIN.md §3 step 1, then solver/rass.h for steps 2-5).
//
// Single-DNN apps: every design is profiled in isolation and ranked.
// Multi-DNN apps [choice]: each task's designs are profiled in isolation and ranked by RASS
// under the task's own SLO terms plus the app-wide objectives and those app-wide constraints
// that bound a per-task metric (latency, throughput) or a sum from above (memory, size, energy):
// a design that breaks those cannot be part of a feasible tuple. The top-k of each task, plus for
// every processor they use the task's best design avoiding it (so processor fall-backs exist),
// form the tuples (about k^K of them), each profiled co-executed; RASS ranks the tuples under the
// full SLO.
#pragma once

#include <functional>
#include <vector>

#include "solver/profiler.h"
#include "solver/rass.h"

namespace socsim::solver {

struct CarinOptions {
  ProfileOptions profile;
  int top_k = 5;
  RassOptions rass;
  // A task's deadline as an implicit constraint (solver/rass.h PeriodDeadline; scheduler parameter
  // `period_deadline`). Implicit constraints are soft (rass_soft): dropped when no design meets them.
  PeriodDeadline period_deadline = PeriodDeadline::kP90;
  // A design filter: task `task`'s design enters its design space only when keep(task, design)
  // (e.g. one model architecture per task, solver/single_model.h). Empty: every design.
  std::function<bool(size_t task, const spec::Design&)> keep;
};

// Step 1 for each task alone: its design space (filtered by CarinOptions::keep), every design
// profiled in isolation, and ranked by RASS under the task's own view of the SLO (task_terms) with
// the scenario's optimality. The multi-DNN-unaware view of the app; the first stage of plan_carin.
struct IsolatedSpace {
  std::vector<std::vector<Candidate>> candidates;  // per task: one per design, in enumeration order
  std::vector<RassResult> ranked;                  // per task, over candidates[task]
  std::vector<spec::Design> best;                  // per task: its first ranked design
};

struct CarinPlan {
  std::vector<Candidate> candidates;  // what RASS ranked (designs or tuples)
  RassResult result;
  // Each task's best design when solved alone (isolated profiles, the task's terms): the
  // multi-DNN-unaware combination. For single-DNN apps, d0 itself.
  std::vector<spec::Design> independent;
  std::vector<size_t> space_sizes;  // designs per task
  ProfileCost cost;
  // Wall-clock costs, for reports only (never in traces: they vary between runs).
  double profiling_wall_s = 0, rass_wall_s = 0;
};

// Throws RunError when a task has no design on the SoC or no design meets the constraints.
CarinPlan plan_carin(const spec::Soc& soc, const spec::ModelLibrary& lib, const spec::Scenario& app,
                     const CarinOptions& opts);
// The same with the caller's profiler (built for the same soc, lib and app), whose cache then
// serves several plans; CarinPlan::cost is the profiler's cumulative cost. `opts.profile` is unused.
CarinPlan plan_carin(Profiler& profiler, const spec::Soc& soc, const spec::ModelLibrary& lib,
                     const spec::Scenario& app, const CarinOptions& opts);

// Each task alone (see IsolatedSpace). Throws RunError like plan_carin.
IsolatedSpace profile_isolated(Profiler& profiler, const spec::Soc& soc, const spec::ModelLibrary& lib,
                               const spec::Scenario& app, const CarinOptions& opts);

// Task `task`'s view of the SLO of an app of `tasks` tasks as a single-task problem [choice]: its
// own terms and the app-wide objectives, with the app-wide constraints that bound a per-task
// metric (latency, throughput) or a sum from above (memory, size, energy); terms then name task 0
// (or -1). A single-task app's view is its whole SLO (every app-wide aggregate is the task's).
SloTerms task_terms(const SloTerms& all, int task, size_t tasks);

// The candidate for a tuple of profiled per-task metrics (designs[i] serves task i).
Candidate make_candidate(const spec::Soc& soc, const Profiler& profiler, std::vector<spec::Design> designs,
                         std::vector<MetricVector> per_task);

}  // namespace socsim::solver
