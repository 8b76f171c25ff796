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

#include <vector>

#include "solver/profiler.h"
#include "solver/rass.h"

namespace socsim::solver {

struct CarinOptions {
  ProfileOptions profile;
  int top_k = 5;
  RassOptions rass;
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

// The candidate for a tuple of profiled per-task metrics (designs[i] serves task i).
Candidate make_candidate(const spec::Soc& soc, const Profiler& profiler, std::vector<spec::Design> designs,
                         std::vector<MetricVector> per_task);

}  // namespace socsim::solver
