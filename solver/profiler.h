// Profiling inside socsim (CARIN.md §6, our reconstruction): a design's metrics come from running
// it in the simulator the way a benchmark app runs it on a phone — a closed loop of inferences
// (the next starts `think` after the previous ended) on a cool, otherwise idle device, a few
// warm-up inferences discarded, then `inferences` measured. A tuple of designs (multi-DNN) is
// profiled co-executed: every task loops concurrently, so contention is in the numbers.
//
// What the profiler reports is what a real profiler sees: latencies (arrival to finish of each
// inference), completions per second, the fraction of them over the task's deadline, energy per
// inference from the power rails, and the
// model library's accuracy, file size and resident memory of each build. Nothing else of the
// engine is read. Results are cached per tuple, so a design set never profiles a design twice.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "sim/core/time.h"
#include "sim/sched/registry.h"
#include "sim/spec/models.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"
#include "solver/metrics.h"

namespace socsim::solver {

struct ProfileOptions {
  int inferences = 100;  // measured per task
  int warmup = 2;        // discarded per task (the first waits for the model load)
  Duration think;        // idle gap between inferences
};

// The scheduler parameters of every scheduler that profiles (profile_inferences,
// profile_think_ms), and the options they give.
std::vector<sched::ParamSpec> profile_params();
ProfileOptions profile_options(const sched::Params& p);

struct ProfileCost {
  uint64_t runs = 0;        // simulations run (cache misses)
  uint64_t inferences = 0;  // inferences simulated, warm-up included
  uint64_t events = 0;      // simulator events
};

class Profiler {
 public:
  // `app` gives the tasks (names, order), seed, DVFS policy and accelerator sharing; its
  // arrivals, deadlines and runtime events are not used.
  Profiler(const spec::Soc& soc, const spec::ModelLibrary& lib, const spec::Scenario& app, ProfileOptions opts = {});

  // Metrics of running tuple[i] for task tasks[i], all co-executed; one vector per entry.
  // `tasks` are indices into the app's tasks, distinct. Throws RunError when a design has no
  // profile on the SoC or a task completes no inference (e.g. its model does not fit in memory).
  std::vector<MetricVector> profile(const std::vector<size_t>& tasks, const std::vector<spec::Design>& tuple);

  // Aggregates of a tuple's per-task metrics (CARIN.md §1 [choice]): accuracy = mean, memory =
  // sum, size = sum over distinct model files, energy = sum; latency and throughput entries are
  // the worst task's, as is the deadline-miss fraction (they are per task in SLO terms).
  MetricVector aggregate(const std::vector<spec::Design>& tuple, const std::vector<MetricVector>& per_task) const;

  const ProfileCost& cost() const { return cost_; }

 private:
  const spec::Soc& soc_;
  const spec::ModelLibrary& lib_;
  const spec::Scenario& app_;
  ProfileOptions opts_;
  ProfileCost cost_;
  std::map<std::pair<std::vector<size_t>, std::vector<spec::Design>>, std::vector<MetricVector>> cache_;
};

}  // namespace socsim::solver
