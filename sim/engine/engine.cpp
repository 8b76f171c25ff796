#include "sim/engine/engine.h"

#include <cmath>
#include <iterator>
#include <sstream>

#include "sim/core/error.h"

namespace socsim {
namespace {

// /events kinds: the scripted ones (spec::RuntimeEvent::Kind order) then the app's own.
enum AppEvent { kModelLoad = 6, kModelKilled = 7, kLoadFailed = 8 };

}  // namespace

const std::vector<std::string>& Engine::event_kinds() {
  static const std::vector<std::string> kinds = {"background_load", "processor_offline", "processor_online",
                                                 "memory_pressure", "ambient",           "frequency_cap",
                                                 "model_load",      "model_killed",      "load_failed"};
  return kinds;
}

Engine::Engine(const spec::Soc& soc, const spec::ModelLibrary& models, const spec::Scenario& scenario,
               sched::Scheduler& scheduler, trace::TraceSink& sink)
    : soc_(soc),
      models_(models),
      scenario_(scenario),
      scheduler_(scheduler),
      sink_(sink),
      designs_(soc, models),
      machine_(soc, scenario.dvfs, scenario.accelerator_sharing == "time_slice", sim_,
               static_cast<hw::MachineListener&>(*this)),
      memory_(soc.memory.app_memory_mib) {
  tasks_.reserve(scenario.tasks.size());
  for (const auto& t : scenario.tasks) {
    tasks_.push_back(TaskRuntime{ArrivalSource(t.arrival, scenario.seed, "arrivals/" + t.name),
                                 RngStream(scenario.seed, "latency/" + t.name), TaskStats{}, t.deadline,
                                 static_cast<uint64_t>(t.max_queue),
                                 t.arrival.kind == spec::Arrival::Kind::kClosedLoop, t.arrival.think,
                                 t.latency_distribution});
    if (scenario.warmup) tasks_.back().stats.set_warmup_end(scenario.warmup->count_ns());
  }
  sim_.set_state_dump([this] { return dump_state(); });
}

Engine::~Engine() = default;

trace::RunSummary Engine::run(const trace::RunInfo& info) {
  try {
    sink_.begin(info);
    machine_.start();
    scheduler_.on_start(*this);
    for (uint32_t t = 0; t < tasks_.size(); ++t) sim_.schedule(tasks_[t].arrivals.next(), Band::kArrival, this, kArrival, t);
    for (size_t i = 0; i < scenario_.events.size(); ++i) {
      const auto& ev = scenario_.events[i];
      sim_.schedule(Time::zero() + ev.at, Band::kScript, this, kScript, 2 * i);
      if (ev.duration) sim_.schedule(Time::zero() + ev.at + *ev.duration, Band::kScript, this, kScript, 2 * i + 1);
    }
    sim_.schedule(Time::zero() + scenario_.trace.sample_period, Band::kSample, this, kSample);
    sim_.run_until(Time::zero() + scenario_.duration);
    trace::RunSummary summary = summarise();
    sink_.end(summary);
    return summary;
  } catch (...) {
    sink_.abort();
    throw;
  }
}

const char* Engine::event_name(uint32_t kind) const {
  static constexpr const char* kNames[] = {"arrival", "scheduler timer", "runtime event", "model loaded", "sample"};
  return kind < std::size(kNames) ? kNames[kind] : "engine";
}

void Engine::on_event(const Event& e) {
  switch (e.kind) {
    case kArrival: on_arrival(static_cast<uint32_t>(e.arg)); break;
    case kTimer: scheduler_.on_timer(*this, e.arg); break;
    case kScript: on_script(e.arg); break;
    case kLoadDone: on_load_done(e.arg); break;
    case kSample: on_sample(); break;
    default: break;
  }
}

void Engine::on_arrival(uint32_t task) {
  TaskRuntime& rt = tasks_[task];
  if (!rt.closed_loop) sim_.schedule(rt.arrivals.next(), Band::kArrival, this, kArrival, task);
  const Request r{next_request_++, task, sim_.now()};
  const bool full = rt.stats.outstanding() >= rt.max_queue;
  rt.stats.arrived();
  if (full) {
    drop(r);
  } else {
    scheduler_.on_arrival(*this, r);
  }
}

// Applies a scripted event (arg even) or reverts it at the end of its duration (arg odd).
void Engine::on_script(uint64_t arg) {
  const auto& ev = scenario_.events[arg / 2];
  const bool revert = arg % 2 == 1;
  const int p = ev.processor.empty() ? -1 : soc_.find_processor(ev.processor);
  double value = ev.value;
  using K = spec::RuntimeEvent::Kind;
  switch (ev.kind) {
    case K::kBackgroundLoad:
      value = revert ? 0.0 : ev.value;
      machine_.set_background_load(p, value);
      break;
    case K::kProcessorOffline: machine_.set_online(p, revert); break;  // back online when it ends
    case K::kProcessorOnline: machine_.set_online(p, !revert); break;
    case K::kMemoryPressure:
      value = revert ? soc_.memory.app_memory_mib : ev.value;
      record_event(static_cast<int>(ev.kind), p, -1, value);
      record_kills(memory_.set_available(value));
      return;
    case K::kAmbient:
      value = revert ? (soc_.thermal ? soc_.thermal->ambient_c : 0.0) : ev.value;
      machine_.set_ambient(value);
      break;
    case K::kFrequencyCap:
      value = revert ? 1.0 : ev.value;
      machine_.set_forced_cap(p, value);
      break;
  }
  record_event(static_cast<int>(ev.kind), p, -1, value);
}

void Engine::load_model(uint32_t task, int32_t design) {
  if (!memory_.find(task, design)) start_load(task, design);
}

bool Engine::start_load(uint32_t task, int32_t design) {
  const ResolvedDesign& d = designs_.at(design);
  bool fits = false;
  const auto killed = memory_.load(task, design, d.memory_mib, fits);
  if (!fits) {
    record_event(kLoadFailed, d.processor, static_cast<int>(task), d.memory_mib);
    return false;
  }
  record_kills(killed);
  record_event(kModelLoad, d.processor, static_cast<int>(task), d.memory_mib);
  peak_memory_mib_ = std::max(peak_memory_mib_, memory_.footprint_mib());
  deployed_builds_.insert({d.design.variant, d.design.precision});
  pending_[{task, design}];
  loads_.push_back({task, design, memory_.find(task, design)->order});
  sim_.schedule_in(d.load_time, Band::kHardware, this, kLoadDone, loads_.size() - 1);
  return true;
}

void Engine::on_load_done(uint64_t load) {
  const Load& l = loads_[load];
  const ModelMemory::Model* m = memory_.find(l.task, l.design);
  if (!m || m->order != l.order) return;  // unloaded (switched away) before the load finished
  memory_.set_ready(l.task, l.design);
  const ModelKey key{l.task, l.design};
  auto waiting = std::move(pending_[key]);
  pending_.erase(key);
  for (const Request& r : waiting) submit(r, key.second);
}

void Engine::switch_design(uint32_t task, int32_t design, sched::SwitchReason reason) {
  TaskRuntime& rt = tasks_[task];
  const int32_t from = rt.current_design;
  if (from == design) return;
  rt.current_design = design;
  std::vector<Request> waiting;
  if (from >= 0) {
    if (auto it = pending_.find({task, from}); it != pending_.end()) {
      waiting = std::move(it->second);
      pending_.erase(it);
    }
    memory_.unload(task, from);
  }
  const ModelMemory::Model* m = memory_.find(task, design);
  Duration cost;
  if (!m || !m->ready) cost = designs_.at(design).load_time;
  load_model(task, design);
  for (const Request& r : waiting) dispatch(r, design);
  if (reason != sched::SwitchReason::kDeploy) {
    ++switches_;
    switch_time_ += cost;
  }
  sink_.on_switch({sim_.now().ns(), task, from, design, static_cast<int32_t>(reason), cost.count_ns()});
}

void Engine::dispatch(const Request& r, int32_t design) {
  const ModelMemory::Model* m = memory_.find(r.task, design);
  if (m && m->ready) {
    submit(r, design);
  } else if (m || start_load(r.task, design)) {
    pending_[{r.task, design}].push_back(r);
  } else {
    drop(r);
  }
}

double Engine::sample_latency(TaskRuntime& rt, const ResolvedDesign& d) {
  switch (rt.latency_distribution) {
    case spec::LatencyDistribution::kDeterministic: return d.latency.mean;
    case spec::LatencyDistribution::kExponential: return rt.latency_rng.exponential(1.0 / d.latency.mean);
    case spec::LatencyDistribution::kLognormal: break;
  }
  return rt.latency_rng.lognormal(d.latency);
}

void Engine::submit(const Request& r, int32_t design) {
  const ResolvedDesign& d = designs_.at(design);
  const double work_ns = std::nearbyint(sample_latency(tasks_[r.task], d));
  hw::Job job{r, design, d.design.threads, Duration::ns(std::max<int64_t>(1, static_cast<int64_t>(work_ns)))};
  job.cluster_mask = d.cluster_mask;
  job.parallel_frac = d.variant->parallel_frac;
  job.memory_bound_frac = d.variant->memory_bound_frac;
  job.bandwidth_gbps = d.profile->bandwidth_gbps;
  machine_.submit(d.processor, job);
}

void Engine::drop(const Request& r) {
  tasks_[r.task].stats.dropped();
  request_ended(r.task);
  trace::RequestRecord rec;
  rec.id = r.id;
  rec.task = r.task;
  rec.arrival_ns = r.arrival.ns();
  rec.dropped = 1;
  rec.violated = 1;
  sink_.on_request(rec);
}

void Engine::request_ended(uint32_t task) {
  TaskRuntime& rt = tasks_[task];
  if (rt.closed_loop) sim_.schedule_in(rt.think, Band::kArrival, this, kArrival, task);
}

void Engine::record_event(int kind, int processor, int task, double value) {
  sink_.on_event({sim_.now().ns(), kind, processor, task, value});
}

void Engine::record_kills(const std::vector<ModelMemory::Model>& killed) {
  for (const auto& m : killed)
    record_event(kModelKilled, designs_.at(m.design).processor, static_cast<int>(m.task), m.mib);
}

void Engine::on_job_started(int, const hw::Job&, Time) {}

void Engine::on_job_finished(int processor, const hw::Job& job, Time start, Time finish, double energy_mj) {
  TaskRuntime& rt = tasks_[job.request.task];
  const Duration latency = finish - job.request.arrival;
  const bool violated = rt.deadline && latency > *rt.deadline;
  rt.stats.completed(job.request.arrival.ns(), finish.ns(), violated, energy_mj, designs_.at(job.design).build->accuracy_pct);
  if (static_cast<size_t>(job.design) >= served_designs_.size()) served_designs_.resize(job.design + 1, 0);
  served_designs_[job.design] = 1;

  sink_.on_execution(
      {job.request.id, job.request.task, processor, job.design, job.threads, start.ns(), finish.ns(), energy_mj});
  trace::RequestRecord rec;
  rec.id = job.request.id;
  rec.task = job.request.task;
  rec.arrival_ns = job.request.arrival.ns();
  rec.start_ns = start.ns();
  rec.finish_ns = finish.ns();
  rec.processor = processor;
  rec.design = job.design;
  rec.violated = violated ? 1 : 0;
  sink_.on_request(rec);

  request_ended(job.request.task);
  scheduler_.on_completion(*this, {job.request, job.design, processor, start, finish});
}

void Engine::on_frequency(int processor, int domain, double freq_mhz) {
  sink_.on_dvfs({sim_.now().ns(), processor, domain, freq_mhz});
}

void Engine::on_sample() {
  const double temp = machine_.temperature_c();
  for (const auto& s : machine_.sample()) {
    sink_.on_sample({sim_.now().ns(), s.processor, s.domain, s.utilisation, s.freq_mhz, s.power_mw, temp,
                     static_cast<int32_t>(machine_.waiting(s.processor))});
  }
  sim_.schedule_in(scenario_.trace.sample_period, Band::kSample, this, kSample);
}

size_t Engine::load(int processor) const { return machine_.waiting(processor) + machine_.running(processor); }

trace::RunSummary Engine::summarise() {
  trace::RunSummary s;
  const double seconds = (sim_.now() - Time::zero()).to_s();  // the duration, unless the run stopped early
  for (uint32_t t = 0; t < tasks_.size(); ++t) s.tasks.push_back(tasks_[t].stats.summary(t, seconds));
  const hw::EnergyReport e = machine_.energy();
  for (size_t p = 0; p < soc_.processors.size(); ++p)
    s.processors.push_back({static_cast<int32_t>(p), e.processor_mj[p], e.processor_idle_mj[p]});
  s.energy_mj = e.total_mj;
  s.attributed_energy_mj = e.attributed_mj;
  s.background_energy_mj = e.background_mj;
  s.idle_energy_mj = e.idle_mj;
  s.peak_temp_c = e.peak_temp_c;
  s.peak_memory_mib = peak_memory_mib_;
  const sched::SchedulerReport report = scheduler_.report();
  if (report.storage_mib) {
    s.storage_mib = *report.storage_mib;
  } else {
    for (const auto& [variant, precision] : deployed_builds_)
      s.storage_mib += models_.find_variant(variant)->find_build(precision)->size_mib;
  }
  std::set<const spec::Build*> served;
  for (size_t d = 0; d < served_designs_.size(); ++d)
    if (served_designs_[d] && served.insert(designs_.at(static_cast<int32_t>(d)).build).second)
      s.served_size_mib += designs_.at(static_cast<int32_t>(d)).build->size_mib;
  s.switches = switches_;
  s.switch_time_ns = switch_time_.count_ns();
  s.solve_time_ns = report.solve_time.count_ns();
  s.events = sim_.events_processed();
  s.sim_time_ns = sim_.now().ns();
  for (const auto& t : scenario_.tasks) s.lookups["tasks"].push_back(t.name);
  for (const auto& p : soc_.processors) s.lookups["processors"].push_back(p.name);
  s.lookups["designs"] = designs_.names();
  s.lookups["event_kinds"] = event_kinds();
  s.lookups["switch_reasons"] = sched::switch_reason_names();
  return s;
}

std::string Engine::dump_state() const {
  std::ostringstream out;
  out << "  now=" << sim_.now().ns() << " ns, pending events=" << sim_.pending() << "\n";
  for (size_t p = 0; p < soc_.processors.size(); ++p)
    out << "  processor " << soc_.processors[p].name << ": running=" << machine_.running(static_cast<int>(p))
        << " waiting=" << machine_.waiting(static_cast<int>(p)) << "\n";
  for (size_t t = 0; t < tasks_.size(); ++t)
    out << "  task " << scenario_.tasks[t].name << ": outstanding=" << tasks_[t].stats.outstanding() << "\n";
  return out.str();
}

}  // namespace socsim
