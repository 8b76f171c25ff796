#include "cli/report_run.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <variant>
#include <vector>

#include "sim/core/error.h"
#include "sim/trace_hdf5/json_writer.h"

namespace socsim::cli {
namespace {

using trace::JsonWriter;
using trace::TraceReader;

template <class T>
std::vector<T> column(const TraceReader& t, const std::string& table, const std::string& field) {
  std::vector<T> out;
  if (t.has_column(table, field)) t.read(table, field, 0, t.rows(table), out);
  else out.assign(t.rows(table), T{});
  return out;
}

// Names of a lookup; an id outside it makes the trace invalid (-1 means none where allowed).
class Lookup {
 public:
  Lookup(const TraceReader& t, const std::string& name) : trace_(t), name_(name), names_(t.lookup(name)) {}
  const std::vector<std::string>& all() const { return names_; }
  size_t size() const { return names_.size(); }
  // The name of `id`; "" for -1 (none).
  std::string operator()(int64_t id, const std::string& column) const {
    return id == -1 ? std::string() : names_[index(id, column)];
  }
  size_t index(int64_t id, const std::string& column) const {
    if (id < 0 || static_cast<size_t>(id) >= names_.size())
      throw ConfigError({{trace_.path(), "", "/" + column + ": id " + std::to_string(id) + " outside /lookup/" + name_}});
    return static_cast<size_t>(id);
  }

 private:
  const TraceReader& trace_;
  std::string name_;
  std::vector<std::string> names_;
};

double attr_number(const std::vector<trace::Attribute>& attrs, const std::string& name) {
  return trace::attribute_number(attrs, name).value_or(NAN);
}

void provenance(JsonWriter& w, const TraceReader& t) {
  w.key("provenance").begin_object();
  for (const auto& a : t.root_attributes()) {
    w.key(a.name);
    std::visit([&](const auto& v) { w.value(v); }, a.value);
  }
  w.end_object();
}

void totals(JsonWriter& w, const TraceReader& t) {
  const auto s = t.group_attributes("summary");
  w.key("totals").begin_object();
  for (const char* name : {"energy_mj", "attributed_energy_mj", "background_energy_mj", "idle_energy_mj", "peak_temp_c",
                           "peak_memory_mib", "storage_mib", "switches", "events"})
    w.member(name, attr_number(s, name));
  w.member("switch_time_ms", attr_number(s, "switch_time_ns") * 1e-6);
  w.member("solve_time_ms", attr_number(s, "solve_time_ns") * 1e-6);
  w.member("sim_time_s", attr_number(s, "sim_time_ns") * 1e-9);
  w.end_object();
}

// The /summary table under run --format json's keys.
void tasks(JsonWriter& w, const TraceReader& t, const Lookup& task_names) {
  static const std::pair<const char*, const char*> kColumns[] = {
      {"arrived", "arrived"},
      {"completed", "completed"},
      {"dropped", "dropped"},
      {"violated", "violated"},
      {"pending", "pending"},
      {"latency_mean_ms", "latency_mean_ms"},
      {"latency_p50_ms", "latency_p50_ms"},
      {"latency_p90_ms", "latency_p90_ms"},
      {"latency_p99_ms", "latency_p99_ms"},
      {"latency_sd_ms", "latency_sd_ms"},
      {"throughput_hz", "throughput_hz"},
      {"energy_mj", "energy_mj_per_inference"},
      {"accuracy_pct", "accuracy_pct"},
      {"cold_start_ms", "cold_start_ms"},
      {"warmup_completed", "warmup_completed"},
      {"warmup_end_ms", "warmup_end_ms"}};
  const auto task = column<int64_t>(t, "summary", "task");
  std::vector<std::vector<double>> values;
  for (const auto& [field, _] : kColumns) values.push_back(column<double>(t, "summary", field));
  w.key("tasks").begin_array();
  for (size_t row = 0; row < task.size(); ++row) {
    w.begin_object().member("task", task_names(task[row], "summary/task"));
    for (size_t c = 0; c < std::size(kColumns); ++c) w.member(kColumns[c].second, values[c][row]);
    w.end_object();
  }
  w.end_array();
}

// Quantile function of each task's completed-request latency, and completions per time bin.
void latency_and_throughput(JsonWriter& w, const TraceReader& t, const Lookup& task_names, double sim_time_s) {
  const auto task = column<int64_t>(t, "requests", "task");
  const auto arrival = column<int64_t>(t, "requests", "arrival_ns");
  const auto finish = column<int64_t>(t, "requests", "finish_ns");
  const auto dropped = column<int64_t>(t, "requests", "dropped");
  double bin_s = 0.1;  // the smallest of 0.1, 0.2, 0.5, 1, 2, 5, ... s giving at most 300 bins
  for (int step = 0; bin_s * 300 < sim_time_s; ++step) bin_s *= step % 3 == 1 ? 2.5 : 2;
  const size_t bins = std::max<size_t>(1, static_cast<size_t>(std::ceil(sim_time_s / bin_s - 1e-9)));
  // The steady state, as /summary's latency statistics: requests that arrived before the task's
  // warm-up ended are left out of the latency curve (they still count as completions per bin).
  std::vector<int64_t> warmup_end_ns(task_names.size(), 0);
  const auto summary_task = column<int64_t>(t, "summary", "task");
  const auto warmup_end_ms = column<double>(t, "summary", "warmup_end_ms");
  for (size_t row = 0; row < summary_task.size(); ++row)
    warmup_end_ns[task_names.index(summary_task[row], "summary/task")] = std::llround(warmup_end_ms[row] * 1e6);
  std::vector<std::vector<double>> latency_ms(task_names.size());
  std::vector<std::vector<double>> per_bin(task_names.size(), std::vector<double>(bins, 0.0));
  for (size_t i = 0; i < task.size(); ++i) {
    const size_t k = task_names.index(task[i], "requests/task");
    if (dropped[i]) continue;
    if (arrival[i] >= warmup_end_ns[k]) latency_ms[k].push_back(static_cast<double>(finish[i] - arrival[i]) * 1e-6);
    const auto b = static_cast<size_t>(std::max(0.0, static_cast<double>(finish[i]) * 1e-9 / bin_s));
    per_bin[k][std::min(b, bins - 1)] += 1;
  }
  std::vector<double> pct;
  for (int i = 0; i <= 200; ++i) pct.push_back(i * 0.5);
  for (double p : {99.6, 99.7, 99.8, 99.9, 99.95, 99.99}) pct.push_back(p);
  std::sort(pct.begin(), pct.end());
  w.key("latency").begin_object().key("percentiles").begin_array();
  for (double p : pct) w.value(p);
  w.end_array().key("tasks").begin_array();
  for (size_t k = 0; k < latency_ms.size(); ++k) {
    auto& v = latency_ms[k];
    std::sort(v.begin(), v.end());
    w.begin_object().member("task", task_names.all()[k]).member("completed", static_cast<uint64_t>(v.size()));
    w.key("ms").begin_array();
    for (double p : pct) {
      if (v.empty()) {
        w.null();
        continue;
      }
      const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
      w.value(v[std::clamp<size_t>(rank, 1, v.size()) - 1]);
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();

  w.key("throughput").begin_object().member("bin_s", bin_s).key("t").begin_array();
  for (size_t b = 0; b < bins; ++b) w.value(static_cast<double>(b) * bin_s);
  w.end_array().key("tasks").begin_array();
  for (size_t k = 0; k < per_bin.size(); ++k) {
    w.begin_object().member("task", task_names.all()[k]).key("hz").begin_array();
    for (size_t b = 0; b < bins; ++b) {
      // The last bin may be cut short by the end of the run.
      const double width = std::min(bin_s, sim_time_s - static_cast<double>(b) * bin_s);
      w.value(width > 0 ? per_bin[k][b] / width : 0.0);
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
}

// Temperature and power per processor over time, from /samples.
void power_temp(JsonWriter& w, const TraceReader& t, const Lookup& processors) {
  const auto time = column<int64_t>(t, "samples", "time_ns");
  const auto processor = column<int64_t>(t, "samples", "processor");
  const auto temp = column<double>(t, "samples", "temp_c");
  const auto power = column<double>(t, "samples", "power_mw");
  std::vector<int64_t> times;
  std::map<int64_t, size_t> time_index;
  for (int64_t x : time)
    if (time_index.try_emplace(x, times.size()).second) times.push_back(x);
  const size_t stride = std::max<size_t>(1, (times.size() + 1499) / 1500);
  const size_t n = (times.size() + stride - 1) / stride;
  const size_t np = processors.size();
  std::vector<double> temp_c(np * n, NAN), power_w(np * n, NAN);
  for (size_t i = 0; i < time.size(); ++i) {
    const size_t k = time_index[time[i]];
    if (k % stride) continue;
    const size_t cell = processors.index(processor[i], "samples/processor") * n + k / stride;
    if (std::isnan(temp_c[cell])) temp_c[cell] = temp[i];  // processor-wide: the same on each domain's row
    power_w[cell] = (std::isnan(power_w[cell]) ? 0 : power_w[cell]) + power[i] * 1e-3;
  }
  w.key("power_temp").begin_object();
  w.member("has_temp", t.has_column("samples", "temp_c")).member("has_power", t.has_column("samples", "power_mw"));
  w.key("t").begin_array();
  for (size_t k = 0; k < n; ++k) w.value(static_cast<double>(times[k * stride]) * 1e-9);
  w.end_array().key("processors").begin_array();
  for (size_t p = 0; p < np; ++p) {
    w.begin_object().member("processor", processors.all()[p]);
    w.key("temp_c").begin_array();
    for (size_t k = 0; k < n; ++k) w.value(temp_c[p * n + k]);  // NaN -> null
    w.end_array().key("power_w").begin_array();
    for (size_t k = 0; k < n; ++k) w.value(power_w[p * n + k]);
    w.end_array().end_object();
  }
  w.end_array().end_object();
}

void energy(JsonWriter& w, const TraceReader& t, const Lookup& processors) {
  const auto processor = column<int64_t>(t, "energy", "processor");
  const auto total = column<double>(t, "energy", "energy_mj");
  const auto idle = column<double>(t, "energy", "idle_energy_mj");
  w.key("energy").begin_array();
  for (size_t i = 0; i < processor.size(); ++i)
    w.begin_object()
        .member("processor", processors(processor[i], "energy/processor"))
        .member("energy_mj", total[i])
        .member("idle_energy_mj", idle[i])
        .end_object();
  w.end_array();
}

void switches(JsonWriter& w, const TraceReader& t, const Lookup& tasks, const Lookup& designs, size_t max_rows) {
  const Lookup reasons(t, "switch_reasons");
  const size_t rows = t.rows("switches");
  const size_t n = std::min(rows, max_rows);
  std::vector<int64_t> time, task, from, to, reason, cost;
  if (n) {
    t.read("switches", "time_ns", 0, n, time);
    t.read("switches", "task", 0, n, task);
    t.read("switches", "from_design", 0, n, from);
    t.read("switches", "to_design", 0, n, to);
    t.read("switches", "reason", 0, n, reason);
    if (t.has_column("switches", "cost_ns")) t.read("switches", "cost_ns", 0, n, cost);
  }
  cost.resize(n, 0);
  w.key("switches").begin_object().member("total", static_cast<uint64_t>(rows)).key("rows").begin_array();
  for (size_t i = 0; i < n; ++i)
    w.begin_object()
        .member("time_s", static_cast<double>(time[i]) * 1e-9)
        .member("task", tasks(task[i], "switches/task"))
        .member("from", designs(from[i], "switches/from_design"))
        .member("to", designs(to[i], "switches/to_design"))
        .member("reason", reasons(reason[i], "switches/reason"))
        .member("cost_ms", static_cast<double>(cost[i]) * 1e-6)
        .end_object();
  w.end_array().end_object();
}

void events(JsonWriter& w, const TraceReader& t, const Lookup& tasks, const Lookup& processors, size_t max_rows) {
  const Lookup kinds(t, "event_kinds");
  const size_t rows = t.rows("events");
  const size_t n = std::min(rows, max_rows);
  std::vector<int64_t> time, kind, processor, task;
  std::vector<double> value;
  if (n) {
    t.read("events", "time_ns", 0, n, time);
    t.read("events", "kind", 0, n, kind);
  }
  auto optional = [&](const char* field, auto& out, auto fallback) {
    if (n && t.has_column("events", field)) t.read("events", field, 0, n, out);
    else out.assign(n, fallback);
  };
  optional("processor", processor, int64_t{-1});
  optional("task", task, int64_t{-1});
  optional("value", value, double{NAN});
  w.key("events").begin_object().member("total", static_cast<uint64_t>(rows)).key("rows").begin_array();
  for (size_t i = 0; i < n; ++i)
    w.begin_object()
        .member("time_s", static_cast<double>(time[i]) * 1e-9)
        .member("kind", kinds(kind[i], "events/kind"))
        .member("processor", processors(processor[i], "events/processor"))
        .member("task", tasks(task[i], "events/task"))
        .member("value", value[i])
        .end_object();
  w.end_array().end_object();
}

void timeline(JsonWriter& w, const TraceReader& t, const trace::TimeWindow& window) {
  std::ostringstream chrome;
  const auto stats = trace::export_chrome(t, chrome, {.window = window});
  w.key("timeline").begin_object();
  w.member("begin_s", static_cast<double>(window.begin_ns) * 1e-9);
  if (window.has_end()) w.member("end_s", static_cast<double>(window.end_ns) * 1e-9);
  w.member("slices", static_cast<uint64_t>(stats.slices));
  w.key("chrome").raw(chrome.str());
  w.end_object();
}

}  // namespace

std::string run_report_data(const TraceReader& t, const RunReportOptions& opts) {
  const Lookup task_names(t, "tasks"), processors(t, "processors"), designs(t, "designs");
  const double sim_time_s = attr_number(t.group_attributes("summary"), "sim_time_ns") * 1e-9;
  std::ostringstream out;
  JsonWriter w(out, 1);
  w.begin_object().member("kind", "run").member("source", t.path());
  provenance(w, t);
  totals(w, t);
  tasks(w, t, task_names);
  latency_and_throughput(w, t, task_names, std::isfinite(sim_time_s) ? sim_time_s : 0.0);
  power_temp(w, t, processors);
  energy(w, t, processors);
  switches(w, t, task_names, designs, opts.max_rows);
  events(w, t, task_names, processors, opts.max_rows);
  timeline(w, t, opts.timeline);
  w.end_object();
  return out.str();
}

}  // namespace socsim::cli
