// The numbers `socsim compare` reports: per-run metrics read back from each run's trace, the
// app's optimality of each run among the runs it is compared with, and means with 95 %
// confidence intervals over seeds.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/spec/scenario.h"
#include "solver/metrics.h"

namespace socsim::cli {

// Columns of the comparison, in print order: name, unit, description.
struct CompareColumn {
  const char* name;
  const char* description;
};
const std::vector<CompareColumn>& compare_columns();

// One run's app-level metrics (keys: compare_columns() names, optimality excluded) and the
// per-task metric vectors the optimality is computed from.
struct RunMetrics {
  std::map<std::string, double> values;
  std::vector<solver::MetricVector> task_metrics;  // deadline_miss = violated / arrived
  solver::MetricVector app{};                      // size: the model files that served (served_size_mib)
  bool completed_all = true;                       // every task completed a request
};

// Reads a finished run's trace. Throws ConfigError when it is not a readable socsim trace.
RunMetrics read_run_metrics(const std::string& trace_path);

// Optimality of each run among `runs` (same app, same SoC, same seed), by the scenario's SLO
// objectives and optimality function, as analysis/optimality.py score_runs() computes it (README
// "Reproducing CARIn", decisions (a) and (c)): the size term is the model files that served
// requests, not every file stored; a run in which a task completed nothing scores 0; a run that
// breaks a constraint scores 0 and is left out of best_j — the stated ones and, for a task with a
// deadline whose latency the SLO leaves unbounded, the implicit deadline_miss <= kImplicitMissBound.
// The implicit constraints are dropped when no run meets them, the stated ones when none meets
// those either (then every run that completed is scored).
std::vector<double> run_optimality(const spec::Scenario& app, const std::vector<const RunMetrics*>& runs);

// A run's implicit deadline constraint: at most this fraction of a task's requests late or dropped
// (analysis/optimality.py IMPLICIT_MISS_BOUND).
inline constexpr double kImplicitMissBound = 0.1;

// The p-quantile of Student's t distribution with `dof` >= 1 degrees of freedom (Boost.Math).
double t_quantile(double p, size_t dof);

// How every interval socsim prints is computed (said next to the numbers).
inline constexpr const char* kCiMethod = "two-sided 95 % CI of the mean, Student t with n-1 degrees of freedom";

// The mean of n samples and the half-width of its two-sided 95 % confidence interval:
// t_quantile(0.975, n-1) * s / sqrt(n), s the sample standard deviation. Fewer than two samples
// have no interval: ci95 is NaN (tables show no ±, CSV an empty cell, JSON null).
struct Estimate {
  double mean = 0;
  double ci95 = 0;
  size_t n = 0;
};
Estimate estimate(const std::vector<double>& samples);

}  // namespace socsim::cli
