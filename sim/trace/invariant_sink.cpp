#include "sim/trace/invariant_sink.h"

#include <cmath>
#include <sstream>

#include "sim/core/error.h"

namespace socsim::trace {
namespace {

// Field lists: "name=value, ..." with doubles at full precision.
class Fields {
 public:
  explicit Fields(const char* table) { out_ << table << " {"; }
  template <class T>
  Fields& operator()(const char* name, T value) {
    out_ << (first_ ? "" : ", ") << name << "=";
    if constexpr (std::is_same_v<T, uint8_t>) {
      out_ << static_cast<int>(value);
    } else {
      out_ << value;
    }
    first_ = false;
    return *this;
  }
  std::string str() { return out_.str() + "}"; }

 private:
  std::ostringstream out_;
  bool first_ = true;
};

std::string num(double v) {
  std::ostringstream out;
  out.precision(17);
  out << v;
  return out.str();
}

bool close_enough(double a, double b, double abs_tol) {
  return std::fabs(a - b) <= abs_tol + 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

}  // namespace

std::string describe(const RequestRecord& r) {
  return Fields("/requests")("id", r.id)("task", r.task)("arrival_ns", r.arrival_ns)("start_ns", r.start_ns)(
             "finish_ns", r.finish_ns)("processor", r.processor)("design", r.design)("dropped", r.dropped)(
             "violated", r.violated)
      .str();
}

std::string describe(const ExecutionRecord& r) {
  return Fields("/executions")("request", r.request)("task", r.task)("processor", r.processor)("design", r.design)(
             "threads", r.threads)("start_ns", r.start_ns)("finish_ns", r.finish_ns)("energy_mj", num(r.energy_mj))
      .str();
}

std::string describe(const EventRecord& r) {
  return Fields("/events")("time_ns", r.time_ns)("kind", r.kind)("processor", r.processor)("task", r.task)(
             "value", num(r.value))
      .str();
}

std::string describe(const SwitchRecord& r) {
  return Fields("/switches")("time_ns", r.time_ns)("task", r.task)("from_design", r.from_design)(
             "to_design", r.to_design)("reason", r.reason)("cost_ns", r.cost_ns)
      .str();
}

std::string describe(const DvfsRecord& r) {
  return Fields("/dvfs")("time_ns", r.time_ns)("processor", r.processor)("domain", r.domain)(
             "freq_mhz", num(r.freq_mhz))
      .str();
}

std::string describe(const SampleRecord& r) {
  return Fields("/samples")("time_ns", r.time_ns)("processor", r.processor)("domain", r.domain)(
             "utilisation", num(r.utilisation))("freq_mhz", num(r.freq_mhz))("power_mw", num(r.power_mw))(
             "temp_c", num(r.temp_c))("queue_length", r.queue_length)
      .str();
}

InvariantSink::InvariantSink(TraceSink& inner, std::vector<bool> exclusive, double energy_tol_mj)
    : inner_(inner),
      exclusive_(std::move(exclusive)),
      energy_tol_mj_(energy_tol_mj),
      processors_(exclusive_.size()) {}

void InvariantSink::violated(const char* invariant, const std::string& what, const std::string& record) const {
  std::string msg = std::string("invariant ") + invariant + " violated: " + what;
  if (!record.empty()) msg += "; offending record: " + record;
  throw RunError(msg);
}

template <class Rec>
void InvariantSink::check_time(const char* table, int64_t t, int64_t& last, const Rec& rec) {
  ++records_;
  if (t < 0) violated("time_order", std::string(table) + " record at negative time " + std::to_string(t) + " ns",
                      describe(rec));
  if (t < last)
    violated("time_order",
             std::string(table) + " went back in time: " + std::to_string(t) + " ns after a record at " +
                 std::to_string(last) + " ns",
             describe(rec));
  last = t;
  if (t > latest_ns_) {
    latest_ns_ = t;
    latest_table_ = table;
  }
}

void InvariantSink::begin(const RunInfo& info) { inner_.begin(info); }

void InvariantSink::on_request(const RequestRecord& r) {
  if (r.task >= tasks_.size()) tasks_.resize(r.task + 1);
  TaskCounts& c = tasks_[r.task];
  if (r.dropped) {
    ++records_;
    if (r.arrival_ns < 0) violated("time_order", "request arrived at a negative time", describe(r));
    if (r.arrival_ns > last_request_ns_) last_request_ns_ = r.arrival_ns;
    if (r.arrival_ns > latest_ns_) {
      latest_ns_ = r.arrival_ns;
      latest_table_ = "/requests";
    }
    ++c.dropped;
  } else {
    if (r.start_ns < r.arrival_ns || r.finish_ns < r.start_ns)
      violated("time_order", "request does not satisfy arrival <= start <= finish", describe(r));
    if (r.finish_ns < last_request_ns_)
      violated("time_order",
               "requests are not in completion order: finished at " + std::to_string(r.finish_ns) +
                   " ns after a request that finished or arrived at " + std::to_string(last_request_ns_) + " ns",
               describe(r));
    check_time("/requests", r.finish_ns, last_request_ns_, r);
    ++c.completed;
  }
  if (r.violated) ++c.violated;
  inner_.on_request(r);
}

void InvariantSink::on_execution(const ExecutionRecord& r) {
  if (r.processor < 0 || static_cast<size_t>(r.processor) >= processors_.size())
    violated("exclusive", "unknown processor " + std::to_string(r.processor), describe(r));
  if (r.finish_ns < r.start_ns) violated("time_order", "execution finishes before it starts", describe(r));
  check_time("/executions", r.finish_ns, last_execution_ns_, r);
  if (!std::isfinite(r.energy_mj) || r.energy_mj < 0)
    violated("energy", "execution energy " + num(r.energy_mj) + " mJ is negative or not finite", describe(r));
  ProcessorState& p = processors_[static_cast<size_t>(r.processor)];
  if (exclusive_[static_cast<size_t>(r.processor)]) {
    if (r.start_ns < p.last_finish_ns)
      violated("exclusive",
               "processor " + std::to_string(r.processor) +
                   " runs one inference at a time, but this one started at " + std::to_string(r.start_ns) +
                   " ns while request " + std::to_string(p.last_request) + " ran until " +
                   std::to_string(p.last_finish_ns) + " ns",
               describe(r));
    p.last_finish_ns = r.finish_ns;
    p.last_request = r.request;
  }
  p.energy_mj += r.energy_mj;
  execution_energy_mj_ += r.energy_mj;
  inner_.on_execution(r);
}

void InvariantSink::on_event(const EventRecord& r) {
  check_time("/events", r.time_ns, last_event_ns_, r);
  inner_.on_event(r);
}

void InvariantSink::on_switch(const SwitchRecord& r) {
  check_time("/switches", r.time_ns, last_switch_ns_, r);
  inner_.on_switch(r);
}

void InvariantSink::on_dvfs(const DvfsRecord& r) {
  check_time("/dvfs", r.time_ns, last_dvfs_ns_, r);
  inner_.on_dvfs(r);
}

void InvariantSink::on_sample(const SampleRecord& r) {
  check_time("/samples", r.time_ns, last_sample_ns_, r);
  inner_.on_sample(r);
}

void InvariantSink::check_summary(const RunSummary& s) {
  if (latest_ns_ > s.sim_time_ns)
    violated("time_order",
             std::string(latest_table_) + " has a record at " + std::to_string(latest_ns_) +
                 " ns, after the end of the run at " + std::to_string(s.sim_time_ns) + " ns",
             "");

  // accounting
  for (const TaskSummary& t : s.tasks) {
    const std::string task = "task " + std::to_string(t.task);
    const TaskCounts c = t.task < tasks_.size() ? tasks_[t.task] : TaskCounts{};
    if (t.arrived != t.completed + t.dropped + t.pending)
      violated("accounting",
               task + ": arrived " + std::to_string(t.arrived) + " != completed " + std::to_string(t.completed) +
                   " + dropped " + std::to_string(t.dropped) + " + pending " + std::to_string(t.pending),
               "/summary");
    if (c.completed != t.completed || c.dropped != t.dropped || c.violated != t.violated)
      violated("accounting",
               task + ": /requests holds " + std::to_string(c.completed) + " completed, " +
                   std::to_string(c.dropped) + " dropped, " + std::to_string(c.violated) +
                   " violated requests; the summary counts " + std::to_string(t.completed) + ", " +
                   std::to_string(t.dropped) + ", " + std::to_string(t.violated),
               "/summary");
    if (!(t.energy_mj >= 0) || !std::isfinite(t.energy_mj))
      violated("energy", task + ": energy per inference " + num(t.energy_mj) + " mJ is negative or not finite",
               "/summary");
  }
  for (uint32_t t = 0; t < tasks_.size(); ++t) {
    bool listed = false;
    for (const TaskSummary& ts : s.tasks) listed = listed || ts.task == t;
    const TaskCounts& c = tasks_[t];
    if (!listed && (c.completed || c.dropped))
      violated("accounting", "/requests names task " + std::to_string(t) + ", which the summary does not list",
               "/summary");
  }

  // energy
  const double tol = energy_tol_mj_;
  double sum = 0, idle_sum = 0;
  for (const ProcessorEnergy& p : s.processors) {
    const std::string proc = "processor " + std::to_string(p.processor);
    if (!std::isfinite(p.energy_mj) || !std::isfinite(p.idle_energy_mj) || p.idle_energy_mj < -tol ||
        p.idle_energy_mj > p.energy_mj + tol)
      violated("energy",
               proc + ": energy " + num(p.energy_mj) + " mJ, idle " + num(p.idle_energy_mj) +
                   " mJ (expected 0 <= idle <= energy)",
               "/energy");
    if (p.processor >= 0 && static_cast<size_t>(p.processor) < processors_.size()) {
      const double executions = processors_[static_cast<size_t>(p.processor)].energy_mj;
      const double dynamic = p.energy_mj - p.idle_energy_mj;
      if (executions > dynamic && !close_enough(executions, dynamic, tol))
        violated("energy",
                 proc + ": its executions hold " + num(executions) + " mJ, more than its dynamic energy " +
                     num(dynamic) + " mJ",
                 "/energy");
    }
    sum += p.energy_mj;
    idle_sum += p.idle_energy_mj;
  }
  if (!s.processors.empty()) {
    if (!close_enough(sum, s.energy_mj, tol))
      violated("energy", "processor energies add up to " + num(sum) + " mJ, the run's total is " + num(s.energy_mj) +
                             " mJ", "/energy");
    if (!close_enough(idle_sum, s.idle_energy_mj, tol))
      violated("energy", "processor idle energies add up to " + num(idle_sum) + " mJ, the run's idle total is " +
                             num(s.idle_energy_mj) + " mJ", "/energy");
  }
  const double parts = s.attributed_energy_mj + s.background_energy_mj + s.idle_energy_mj;
  if (!std::isfinite(s.energy_mj) || s.energy_mj < -tol || s.attributed_energy_mj < -tol ||
      s.background_energy_mj < -tol || s.idle_energy_mj < -tol || !close_enough(parts, s.energy_mj, tol))
    violated("energy",
             "attributed " + num(s.attributed_energy_mj) + " + background " + num(s.background_energy_mj) +
                 " + idle " + num(s.idle_energy_mj) + " mJ (each >= 0) must add up to the total " +
                 num(s.energy_mj) + " mJ",
             "/summary");
  if (execution_energy_mj_ > s.attributed_energy_mj && !close_enough(execution_energy_mj_, s.attributed_energy_mj, tol))
    violated("energy",
             "executions hold " + num(execution_energy_mj_) + " mJ, more than the energy attributed to inferences " +
                 num(s.attributed_energy_mj) + " mJ",
             "/summary");
}

void InvariantSink::end(const RunSummary& summary) {
  check_summary(summary);
  inner_.end(summary);
}

void InvariantSink::end_incomplete(const RunSummary& summary, const StopInfo& why) {
  check_summary(summary);
  inner_.end_incomplete(summary, why);
}

}  // namespace socsim::trace
