#include "cli/compare_stats.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

#include "sim/trace_hdf5/trace_reader.h"
#include "solver/rass.h"

namespace socsim::cli {
namespace {

using spec::Metric;
using solver::at;

std::vector<double> column(const trace::TraceReader& r, const std::string& field) {
  std::vector<double> v;
  if (r.has_column("summary", field)) r.read("summary", field, 0, r.rows("summary"), v);
  else v.assign(r.rows("summary"), 0.0);
  return v;
}

double attribute(const std::vector<trace::Attribute>& attrs, const std::string& name) {
  return trace::attribute_number(attrs, name).value_or(0);
}

}  // namespace

const std::vector<CompareColumn>& compare_columns() {
  static const std::vector<CompareColumn> cols = {
      {"accuracy_pct", "mean over tasks of the served builds' accuracy, %"},
      {"latency_mean_ms", "mean over tasks of the mean latency, ms"},
      {"latency_p90_ms", "worst task's 90th percentile latency, ms"},
      {"latency_sd_ms", "mean over tasks of the latency standard deviation, ms"},
      {"cold_start_ms", "mean over tasks of the cold start: the first request's latency, model load included, ms"},
      {"throughput_hz", "completed inferences per second, all tasks"},
      {"memory_mib", "peak resident model memory, MiB"},
      {"energy_mj_per_inference", "dynamic energy per completed inference, mJ"},
      {"violation_rate", "requests that missed their deadline or were dropped, fraction of arrivals"},
      {"switches", "run-time design switches"},
      {"switch_time_ms", "time spent loading models for switches, ms"},
      {"storage_mib", "model files kept on the device, MiB"},
      {"solve_time_ms", "modelled run-time solver time, ms"},
      {"optimality", "the scenario's optimality among the compared runs (same SoC and seed); 0 for a run that broke a constraint"},
      {"optimality_ratio", "optimality over the reference scheduler's"},
  };
  return cols;
}

RunMetrics read_run_metrics(const std::string& trace_path) {
  const trace::TraceReader r(trace_path);
  const auto attrs = r.group_attributes("summary");
  const auto arrived = column(r, "arrived"), completed = column(r, "completed"), violated = column(r, "violated");
  const auto accuracy = column(r, "accuracy_pct"), mean = column(r, "latency_mean_ms");
  const auto p50 = column(r, "latency_p50_ms"), p90 = column(r, "latency_p90_ms"), p99 = column(r, "latency_p99_ms");
  const auto cold = column(r, "cold_start_ms");
  const auto sd = column(r, "latency_sd_ms"), thru = column(r, "throughput_hz"), energy = column(r, "energy_mj");
  const size_t n = arrived.size();
  RunMetrics m;
  double arrivals = 0, violations = 0, done = 0, energy_sum = 0, acc = 0, lat = 0, worst_p90 = 0, spread = 0, rate = 0,
         cold_start = 0;
  for (size_t t = 0; t < n; ++t) {
    arrivals += arrived[t];
    violations += violated[t];
    done += completed[t];
    energy_sum += energy[t] * completed[t];
    acc += accuracy[t] / static_cast<double>(n);
    lat += mean[t] / static_cast<double>(n);
    spread += sd[t] / static_cast<double>(n);
    cold_start += cold[t] / static_cast<double>(n);
    worst_p90 = std::max(worst_p90, p90[t]);
    rate += thru[t];
    solver::MetricVector v{};
    at(v, Metric::kAccuracy) = accuracy[t];
    at(v, Metric::kLatencyMean) = mean[t];
    at(v, Metric::kLatencyP50) = p50[t];
    at(v, Metric::kLatencyP90) = p90[t];
    at(v, Metric::kLatencyP99) = p99[t];
    at(v, Metric::kLatencySd) = sd[t];
    at(v, Metric::kThroughput) = thru[t];
    at(v, Metric::kEnergy) = energy[t];
    at(v, Metric::kDeadlineMiss) = arrived[t] > 0 ? violated[t] / arrived[t] : 0;
    m.completed_all = m.completed_all && completed[t] > 0;
    m.task_metrics.push_back(v);
  }
  const double memory = attribute(attrs, "peak_memory_mib"), storage = attribute(attrs, "storage_mib");
  const double served = attribute(attrs, "served_size_mib");  // the size term: issue 15 (a)
  for (auto& v : m.task_metrics) {  // the trace has app-level memory and size only: an equal share each
    at(v, Metric::kMemory) = memory / static_cast<double>(n);
    at(v, Metric::kSize) = served / static_cast<double>(n);
  }
  at(m.app, Metric::kAccuracy) = acc;
  at(m.app, Metric::kMemory) = memory;
  at(m.app, Metric::kSize) = served;
  for (const auto& v : m.task_metrics) at(m.app, Metric::kEnergy) += at(v, Metric::kEnergy);
  m.values = {{"accuracy_pct", acc},
              {"latency_mean_ms", lat},
              {"latency_p90_ms", worst_p90},
              {"latency_sd_ms", spread},
              {"cold_start_ms", cold_start},
              {"throughput_hz", rate},
              {"memory_mib", memory},
              {"energy_mj_per_inference", done > 0 ? energy_sum / done : 0},
              {"violation_rate", arrivals > 0 ? violations / arrivals : 0},
              {"switches", attribute(attrs, "switches")},
              {"switch_time_ms", attribute(attrs, "switch_time_ns") * 1e-6},
              {"storage_mib", storage},
              {"solve_time_ms", attribute(attrs, "solve_time_ns") * 1e-6}};
  return m;
}

std::vector<double> run_optimality(const spec::Scenario& app, const std::vector<const RunMetrics*>& runs) {
  std::vector<solver::Candidate> candidates;
  std::vector<size_t> index;  // candidates[k] is runs[index[k]]
  for (size_t i = 0; i < runs.size(); ++i) {
    if (!runs[i]->completed_all) continue;  // undefined latency: scores 0, out of best_j
    solver::Candidate c;
    c.task_metrics = runs[i]->task_metrics;
    c.app = runs[i]->app;
    c.designs.resize(c.task_metrics.size());
    candidates.push_back(std::move(c));
    index.push_back(i);
  }
  // The run-level twin of RASS's implicit p90 deadline: at most kImplicitMissBound of the requests
  // late or dropped, for the same tasks (slo_terms: a deadline whose latency the SLO leaves unbounded).
  solver::SloTerms terms = solver::slo_terms(app, solver::PeriodDeadline::kP90);
  for (auto& c : terms.constraints)
    if (c.implicit) c.constraint = {Metric::kDeadlineMiss, spec::Constraint::Op::kLe, kImplicitMissBound};
  solver::RassOptions opts;
  opts.optimality = app.optimality;
  solver::RassResult result = solver::rass_soft(candidates, terms, opts);
  if (result.ranked.empty()) {  // no run meets the stated constraints either: every run is scored
    terms.constraints.clear();
    result = solver::rass(candidates, terms, opts);
  }
  std::vector<double> out(runs.size(), 0.0);
  for (size_t i = 0; i < result.ranked.size(); ++i) out[index[result.ranked[i]]] = result.optimality[i];
  return out;
}

double t_quantile(double p, size_t dof) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(static_cast<double>(dof)), p);
}

Estimate estimate(const std::vector<double>& samples) {
  Estimate e;
  e.n = samples.size();
  e.ci95 = std::numeric_limits<double>::quiet_NaN();
  if (e.n == 0) return e;
  // Sums of deviations from the first sample: equal samples give exactly their value and a
  // half-width of exactly 0 (summing x / n left noise such as 30 ± 1.1e-14).
  const double n = static_cast<double>(e.n);
  const double x0 = samples.front();
  double shift = 0;
  for (double x : samples) shift += x - x0;
  e.mean = x0 + shift / n;
  if (e.n < 2) return e;
  double ss = 0;
  for (double x : samples) ss += (x - e.mean) * (x - e.mean);
  e.ci95 = t_quantile(0.975, e.n - 1) * std::sqrt(ss / (n - 1)) / std::sqrt(n);
  return e;
}

}  // namespace socsim::cli
