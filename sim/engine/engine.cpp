#include "sim/engine/engine.h"

#include <cmath>
#include <sstream>

#include "sim/core/error.h"
#include "sim/hw/fifo_processor.h"

namespace socsim {

Engine::Engine(const spec::Soc& soc, const spec::ModelLibrary& models, const spec::Scenario& scenario,
               sched::Scheduler& scheduler, trace::TraceSink& sink)
    : soc_(soc), models_(models), scenario_(scenario), scheduler_(scheduler), sink_(sink), designs_(soc, models) {
  for (size_t i = 0; i < soc.processors.size(); ++i)
    processors_.push_back(std::make_unique<hw::FifoProcessor>(static_cast<int>(i), soc.processors[i], sim_,
                                                                 static_cast<hw::ProcessorListener&>(*this)));
  tasks_.reserve(scenario.tasks.size());
  for (const auto& t : scenario.tasks) {
    tasks_.push_back(TaskRuntime{ArrivalSource(t.arrival, scenario.seed, "arrivals/" + t.name),
                                 RngStream(scenario.seed, "latency/" + t.name), TaskStats{}, t.deadline,
                                 static_cast<uint64_t>(t.max_queue)});
  }
  sim_.set_state_dump([this] { return dump_state(); });
}

Engine::~Engine() = default;

trace::RunSummary Engine::run(const trace::RunInfo& info) {
  try {
    sink_.begin(info);
    scheduler_.on_start(*this);
    for (uint32_t t = 0; t < tasks_.size(); ++t) sim_.schedule(tasks_[t].arrivals.next(), Band::kArrival, this, kArrival, t);
    sim_.run_until(Time::zero() + scenario_.duration);
    trace::RunSummary summary = summarise();
    sink_.end(summary);
    return summary;
  } catch (...) {
    sink_.abort();
    throw;
  }
}

void Engine::on_event(const Event& e) {
  if (e.kind == kArrival) {
    on_arrival(static_cast<uint32_t>(e.arg));
  } else {
    scheduler_.on_timer(*this, e.arg);
  }
}

void Engine::on_arrival(uint32_t task) {
  TaskRuntime& rt = tasks_[task];
  sim_.schedule(rt.arrivals.next(), Band::kArrival, this, kArrival, task);
  const Request r{next_request_++, task, sim_.now()};
  const bool full = rt.stats.outstanding() >= rt.max_queue;
  rt.stats.arrived();
  if (full) {
    drop(r);
  } else {
    scheduler_.on_arrival(*this, r);
  }
}

void Engine::dispatch(const Request& r, int32_t design) {
  const ResolvedDesign& d = designs_.at(design);
  const double mean_ns = static_cast<double>(d.profile->latency_mean.count_ns());
  const double sd_ns = static_cast<double>(d.profile->latency_sd.count_ns());
  const double work_ns = std::nearbyint(tasks_[r.task].latency_rng.lognormal_mean_sd(mean_ns, sd_ns));
  const hw::Job job{r, design, d.design.threads, Duration::ns(std::max<int64_t>(1, static_cast<int64_t>(work_ns)))};
  processors_[static_cast<size_t>(d.processor)]->submit(job);
}

void Engine::drop(const Request& r) {
  tasks_[r.task].stats.dropped();
  trace::RequestRecord rec;
  rec.id = r.id;
  rec.task = r.task;
  rec.arrival_ns = r.arrival.ns();
  rec.dropped = 1;
  rec.violated = 1;
  sink_.on_request(rec);
}

void Engine::on_job_started(int, const hw::Job&, Time) {}

void Engine::on_job_finished(int processor, const hw::Job& job, Time start, Time finish) {
  TaskRuntime& rt = tasks_[job.request.task];
  const Duration latency = finish - job.request.arrival;
  const bool violated = rt.deadline && latency > *rt.deadline;
  rt.stats.completed(latency.count_ns(), violated);

  sink_.on_execution({job.request.id, job.request.task, processor, job.design, job.threads, start.ns(), finish.ns()});
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

  scheduler_.on_completion(*this, {job.request, job.design, processor, start, finish});
}

size_t Engine::load(int processor) const {
  const auto& p = *processors_[static_cast<size_t>(processor)];
  return p.queue_length() + p.running();
}

trace::RunSummary Engine::summarise() const {
  trace::RunSummary s;
  const double seconds = scenario_.duration.to_s();
  for (uint32_t t = 0; t < tasks_.size(); ++t) s.tasks.push_back(tasks_[t].stats.summary(t, seconds));
  s.events = sim_.events_processed();
  s.sim_time_ns = sim_.now().ns();
  for (const auto& t : scenario_.tasks) s.lookups["tasks"].push_back(t.name);
  for (const auto& p : soc_.processors) s.lookups["processors"].push_back(p.name);
  s.lookups["designs"] = designs_.names();
  return s;
}

std::string Engine::dump_state() const {
  std::ostringstream out;
  out << "  now=" << sim_.now().ns() << " ns, pending events=" << sim_.pending() << "\n";
  for (const auto& p : processors_)
    out << "  processor " << p->spec().name << ": running=" << p->running() << " waiting=" << p->queue_length() << "\n";
  for (size_t t = 0; t < tasks_.size(); ++t)
    out << "  task " << scenario_.tasks[t].name << ": outstanding=" << tasks_[t].stats.outstanding() << "\n";
  return out.str();
}

}  // namespace socsim
