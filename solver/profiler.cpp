#include "solver/profiler.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/core/error.h"
#include "sim/engine/engine.h"

namespace socsim::solver {

std::vector<sched::ParamSpec> profile_params() {
  return {
      {"profile_inferences", "integer", "100", "measured inferences per profiled design (after 2 warm-up ones)", 1, 100000},
      {"profile_think_ms", "number", "0", "idle gap between profiled inferences, ms", 0, 60000},
  };
}

ProfileOptions profile_options(const sched::Params& p) {
  ProfileOptions o;
  o.inferences = static_cast<int>(p.integer("profile_inferences"));
  o.think = Duration::ns(static_cast<int64_t>(std::nearbyint(p.number("profile_think_ms") * 1e6)));
  return o;
}
namespace {

using spec::Metric;

// What the profiling app observes: each request's end and the energy its inference drew.
class ProfileSink final : public trace::TraceSink {
 public:
  explicit ProfileSink(size_t tasks) : requests(tasks), drops(tasks, 0) {}
  void begin(const trace::RunInfo&) override {}
  void on_request(const trace::RequestRecord& r) override {
    if (r.dropped) {
      ++drops[r.task];
    } else {
      requests[r.task].push_back(r);
    }
  }
  void on_execution(const trace::ExecutionRecord& e) override { energy_mj[e.request] += e.energy_mj; }
  void end(const trace::RunSummary&) override {}

  std::vector<std::vector<trace::RequestRecord>> requests;  // per task, in completion order
  std::vector<uint64_t> drops;
  std::map<uint64_t, double> energy_mj;  // per request id
};

// Deploys the tuple, runs the closed loops and stops the simulation once every task has
// completed its quota, or when a task keeps failing (its model cannot be loaded).
class ProfileScheduler final : public sched::Scheduler {
 public:
  ProfileScheduler(const std::vector<spec::Design>& tuple, const ProfileSink& sink, uint64_t quota)
      : tuple_(tuple), sink_(sink), quota_(quota) {}
  void set_simulator(Simulator& sim) { sim_ = &sim; }

  void on_start(sched::SchedulerContext& ctx) override {
    for (uint32_t t = 0; t < tuple_.size(); ++t) ctx.switch_design(t, ctx.design_id(tuple_[t]), sched::SwitchReason::kDeploy);
  }
  void on_arrival(sched::SchedulerContext& ctx, const Request& r) override {
    if (sink_.drops[r.task] > kMaxDrops) {
      failed_ = true;
      sim_->request_stop();
      return ctx.drop(r);
    }
    ctx.dispatch(r, ctx.current_design(r.task));
  }
  void on_completion(sched::SchedulerContext&, const sched::Completion&) override {
    for (const auto& done : sink_.requests)
      if (done.size() < quota_) return;
    sim_->request_stop();
  }
  bool failed() const { return failed_; }

 private:
  static constexpr uint64_t kMaxDrops = 3;
  const std::vector<spec::Design>& tuple_;
  const ProfileSink& sink_;
  uint64_t quota_;
  Simulator* sim_ = nullptr;
  bool failed_ = false;
};

double quantile(std::vector<double> sorted, double q) {
  // Nearest rank on the sorted sample (sorted by the caller's copy).
  const size_t n = sorted.size();
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(n)));
  return sorted[std::min(n, std::max<size_t>(rank, 1)) - 1];
}

}  // namespace

Profiler::Profiler(const spec::Soc& soc, const spec::ModelLibrary& lib, const spec::Scenario& app, ProfileOptions opts)
    : soc_(soc), lib_(lib), app_(app), opts_(opts) {
  opts_.warmup = std::max(1, opts_.warmup);  // the throughput window starts at a warm-up end
  opts_.inferences = std::max(1, opts_.inferences);
}

std::vector<MetricVector> Profiler::profile(const std::vector<size_t>& tasks, const std::vector<spec::Design>& tuple) {
  const auto key = std::make_pair(tasks, tuple);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;

  spec::Scenario sc;
  sc.name = "profile";
  sc.seed = app_.seed;
  sc.duration = Duration::s(24 * 3600);  // a cap; the run stops once every quota is met
  sc.dvfs = app_.dvfs;
  sc.accelerator_sharing = app_.accelerator_sharing;
  sc.trace.sample_period = Duration::s(3600);
  for (size_t i = 0; i < tasks.size(); ++i) {
    spec::Task t;
    t.name = app_.tasks[tasks[i]].name;
    t.arrival.kind = spec::Arrival::Kind::kClosedLoop;
    t.arrival.think = opts_.think;
    t.design = tuple[i];
    t.max_queue = 1;
    t.latency_distribution = app_.tasks[tasks[i]].latency_distribution;  // the app's service times
    sc.tasks.push_back(t);
  }
  const auto quota = static_cast<uint64_t>(opts_.warmup + opts_.inferences);
  ProfileSink sink(tasks.size());
  ProfileScheduler scheduler(tuple, sink, quota);
  Engine engine(soc_, lib_, sc, scheduler, sink);
  scheduler.set_simulator(engine.simulator());
  const trace::RunSummary summary = engine.run({});
  ++cost_.runs;
  cost_.events += summary.events;

  std::vector<MetricVector> out;
  for (size_t i = 0; i < tasks.size(); ++i) {
    const auto& done = sink.requests[i];
    cost_.inferences += done.size();
    if (scheduler.failed() || done.size() < quota)
      throw RunError("profiling " + spec::to_string(tuple[i]) + " for task \"" + sc.tasks[i].name + "\" on " +
                     soc_.name + ": it completed " + std::to_string(done.size()) + " of " + std::to_string(quota) +
                     " inferences (does its model fit in the app's memory?)");
    std::vector<double> lat;
    double energy = 0;
    for (size_t k = static_cast<size_t>(opts_.warmup); k < quota; ++k) {
      lat.push_back(static_cast<double>(done[k].finish_ns - done[k].arrival_ns) * 1e-6);
      energy += sink.energy_mj[done[k].id];
    }
    const double n = static_cast<double>(lat.size());
    double mean = 0, m2 = 0;
    for (double x : lat) mean += x / n;
    for (double x : lat) m2 += (x - mean) * (x - mean);
    std::sort(lat.begin(), lat.end());
    const int64_t window_ns = done[quota - 1].finish_ns - done[static_cast<size_t>(opts_.warmup) - 1].finish_ns;

    const spec::Variant* v = lib_.find_variant(tuple[i].variant);
    const spec::Build* b = v->find_build(tuple[i].precision);
    const spec::ProcessorKind kind = soc_.processors[static_cast<size_t>(soc_.find_processor(tuple[i].engine))].kind;
    MetricVector m{};
    at(m, Metric::kAccuracy) = b->accuracy_pct;
    at(m, Metric::kLatencyMean) = mean;
    at(m, Metric::kLatencyP50) = quantile(lat, 0.50);
    at(m, Metric::kLatencyP90) = quantile(lat, 0.90);
    at(m, Metric::kLatencyP99) = quantile(lat, 0.99);
    at(m, Metric::kLatencySd) = n > 1 ? std::sqrt(m2 / (n - 1)) : 0;
    at(m, Metric::kThroughput) = window_ns > 0 ? n / (static_cast<double>(window_ns) * 1e-9) : 0;
    at(m, Metric::kMemory) = b->memory_mib.contains(kind) ? b->memory_mib.at(kind) : 0;
    at(m, Metric::kSize) = b->size_mib;
    at(m, Metric::kEnergy) = energy / n;
    out.push_back(m);
  }
  cache_.emplace(key, out);
  return out;
}

MetricVector Profiler::aggregate(const std::vector<spec::Design>& tuple, const std::vector<MetricVector>& per_task) const {
  MetricVector app{};
  std::set<std::pair<std::string, spec::Precision>> files;
  for (size_t i = 0; i < per_task.size(); ++i) {
    const MetricVector& m = per_task[i];
    at(app, Metric::kAccuracy) += at(m, Metric::kAccuracy) / static_cast<double>(per_task.size());
    at(app, Metric::kMemory) += at(m, Metric::kMemory);
    at(app, Metric::kEnergy) += at(m, Metric::kEnergy);
    if (files.insert({tuple[i].variant, tuple[i].precision}).second) at(app, Metric::kSize) += at(m, Metric::kSize);
    for (Metric k : {Metric::kLatencyMean, Metric::kLatencyP50, Metric::kLatencyP90, Metric::kLatencyP99, Metric::kLatencySd})
      at(app, k) = std::max(at(app, k), at(m, k));
    at(app, Metric::kThroughput) = i == 0 ? at(m, Metric::kThroughput) : std::min(at(app, Metric::kThroughput), at(m, Metric::kThroughput));
  }
  return app;
}

}  // namespace socsim::solver
