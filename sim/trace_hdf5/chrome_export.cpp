#include "sim/trace_hdf5/chrome_export.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "sim/core/error.h"
#include "sim/trace_hdf5/chrome_tracks.h"
#include "sim/trace_hdf5/json_writer.h"
#include "sim/trace_hdf5/lanes.h"

namespace socsim::trace {
namespace {

// Seconds -> ns for one side of a window; `side` names it in messages.
int64_t window_bound_ns(std::string_view text, const char* side) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(seconds))
    throw std::invalid_argument(std::string("window ") + side + " \"" + std::string(text) +
                                "\" is not a number of seconds");
  if (seconds < 0) throw std::invalid_argument(std::string("window ") + side + " is negative");
  if (seconds > 9.2e9) throw std::invalid_argument(std::string("window ") + side + " is too large");
  return std::llround(seconds * 1e9);
}

// The names of one lookup, with ids checked like analysis/trace.py does: -1 means "none" where a
// column allows it, any other id outside the lookup makes the trace invalid.
class Names {
 public:
  Names(const TraceReader& trace, std::string lookup)
      : trace_(trace), names_(trace.lookup(lookup)), lookup_(std::move(lookup)) {}

  const std::string& operator[](size_t i) const { return names_[i]; }
  const std::vector<std::string>& all() const { return names_; }

  // `id`, unless it lies outside the lookup: then throws, naming `column` ("table/field") and
  // `row`. -1 passes when `none_ok`.
  int32_t check(int64_t id, std::string_view column, size_t row, bool none_ok = false) const {
    if ((id >= 0 && static_cast<size_t>(id) < names_.size()) || (none_ok && id == -1)) return static_cast<int32_t>(id);
    throw ConfigError({Diagnostic{.file = trace_.path(),
                                  .pointer = "",
                                  .message = "/" + std::string(column) + " row " + std::to_string(row) + ": id " +
                                             std::to_string(id) + " outside /lookup/" + lookup_ + " (" +
                                             std::to_string(names_.size()) + " names)"}});
  }
  // The name of `id`, "none" for -1.
  std::string label(int64_t id, std::string_view column, size_t row) const {
    return check(id, column, row, true) == -1 ? "none" : names_[id];
  }

 private:
  const TraceReader& trace_;
  std::vector<std::string> names_;
  std::string lookup_;
};

// Calls fn(first, count) for consecutive blocks of `rows` rows.
template <class F>
void for_each_block(size_t rows, size_t block_rows, F&& fn) {
  for (size_t first = 0; first < rows; first += block_rows) fn(first, std::min(block_rows, rows - first));
}

// A (processor, task) pair as one lane-assignment track, and back.
uint64_t track_key(int32_t processor, int32_t task) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(processor)) << 32) | static_cast<uint32_t>(task);
}
std::pair<int32_t, int32_t> track_of(uint64_t key) {
  return {static_cast<int32_t>(key >> 32), static_cast<int32_t>(key & 0xFFFFFFFFu)};
}

// One sample column exported as a counter. Rows are per DVFS domain; a processor-wide value
// (repeated on each domain's row) becomes one counter per processor, from its first row per time.
struct CounterColumn {
  const char* field;
  const char* name;
  const char* unit;  // the counter's arg key
  double scale;
  bool per_domain;
};
constexpr CounterColumn kSampleCounters[] = {
    {"utilisation", "utilisation", "%", 100.0, true},
    {"freq_mhz", "freq", "MHz", 1.0, true},
    {"power_mw", "power", "mW", 1.0, true},
    {"temp_c", "temperature", "degC", 1.0, false},
    {"queue_length", "queue", "requests", 1.0, false},
};

class Exporter {
 public:
  Exporter(const TraceReader& trace, std::ostream& out, const ChromeExportOptions& opts)
      : trace_(trace),
        out_(out),
        w_(out),
        opts_(opts),
        processors_(trace, "processors"),
        tasks_(trace, "tasks"),
        designs_(trace, "designs") {
    if (opts_.block_rows == 0) throw std::invalid_argument("export_chrome: block_rows must be >= 1");
  }

  ChromeExportStats run() {
    layout_executions();
    find_multi_domain_processors();
    tracks_.emplace(processors_.all(), tasks_.all(), lane_counts_);

    w_.begin_object();
    w_.member("displayTimeUnit", "ns");
    w_.key("traceEvents").begin_array();
    tracks_->write_metadata(w_);
    executions();
    counters_from_samples();
    counters_from_dvfs();
    switches();
    events();
    drops();
    w_.end_array();
    metadata();
    w_.end_object();
    out_ << '\n';
    return stats_;
  }

 private:
  // Pass 1 over /executions: lanes of the rows in the window (in row order) and lanes per
  // (processor, task).
  void layout_executions() {
    std::vector<LaneSlice> slices;
    std::vector<int64_t> processor, task, start, finish;
    for_each_block(trace_.rows("executions"), opts_.block_rows, [&](size_t first, size_t n) {
      trace_.read("executions", "processor", first, n, processor);
      trace_.read("executions", "task", first, n, task);
      trace_.read("executions", "start_ns", first, n, start);
      trace_.read("executions", "finish_ns", first, n, finish);
      for (size_t i = 0; i < n; ++i) {
        const int32_t p = processors_.check(processor[i], "executions/processor", first + i);
        const int32_t t = tasks_.check(task[i], "executions/task", first + i);
        if (opts_.window.overlaps(start[i], finish[i])) slices.push_back({track_key(p, t), start[i], finish[i]});
      }
    });
    lanes_ = assign_lanes(slices);
    for (size_t i = 0; i < slices.size(); ++i) {
      uint32_t& count = lane_counts_[track_of(slices[i].track)];
      count = std::max(count, lanes_[i] + 1);
    }
  }

  // Processors with more than one DVFS domain in /samples or /dvfs get per-domain counter names.
  void find_multi_domain_processors() {
    std::set<std::pair<int32_t, int64_t>> seen;
    for (const char* table : {"samples", "dvfs"}) {
      if (!trace_.has_column(table, "domain")) continue;
      const std::string column = std::string(table) + "/processor";
      std::vector<int64_t> processor, domain;
      for_each_block(trace_.rows(table), opts_.block_rows, [&](size_t first, size_t n) {
        trace_.read(table, "processor", first, n, processor);
        trace_.read(table, "domain", first, n, domain);
        for (size_t i = 0; i < n; ++i) seen.insert({processors_.check(processor[i], column, first + i), domain[i]});
      });
    }
    for (auto it = seen.begin(); it != seen.end(); ++it)
      if (std::next(it) != seen.end() && std::next(it)->first == it->first) multi_domain_.insert(it->first);
  }

  // Pass 2 over /executions: one X slice per row in the window.
  void executions() {
    const bool has_request = trace_.has_column("executions", "request");
    const bool has_threads = trace_.has_column("executions", "threads");
    const bool has_energy = trace_.has_column("executions", "energy_mj");
    std::vector<int64_t> processor, task, design, threads, start, finish;
    std::vector<uint64_t> request;
    std::vector<double> energy;
    size_t k = 0;  // index into lanes_
    for_each_block(trace_.rows("executions"), opts_.block_rows, [&](size_t first, size_t n) {
      trace_.read("executions", "processor", first, n, processor);
      trace_.read("executions", "task", first, n, task);
      trace_.read("executions", "design", first, n, design);
      trace_.read("executions", "start_ns", first, n, start);
      trace_.read("executions", "finish_ns", first, n, finish);
      if (has_request) trace_.read("executions", "request", first, n, request);
      if (has_threads) trace_.read("executions", "threads", first, n, threads);
      if (has_energy) trace_.read("executions", "energy_mj", first, n, energy);
      for (size_t i = 0; i < n; ++i) {
        if (!opts_.window.overlaps(start[i], finish[i])) continue;
        const auto p = static_cast<int32_t>(processor[i]);
        const auto t = static_cast<int32_t>(task[i]);
        begin_event("X", designs_.label(design[i], "executions/design", first + i), "inference",
                    tracks_->processor_pid(p), tracks_->lane_tid(p, t, lanes_[k++]));
        w_.key("ts").raw(format_micros(start[i]));
        w_.key("dur").raw(format_micros(std::max<int64_t>(0, finish[i] - start[i])));
        w_.key("args").begin_object();
        if (has_request) w_.member("request", request[i]);
        w_.member("task", tasks_[t]);
        if (has_threads) w_.member("threads", threads[i]);
        if (has_energy) w_.member("energy_mj", energy[i]);
        w_.end_object().end_object();
        ++stats_.slices;
      }
    });
  }

  void counters_from_samples() {
    std::vector<const CounterColumn*> columns;
    for (const CounterColumn& c : kSampleCounters)
      if (trace_.has_column("samples", c.field)) columns.push_back(&c);
    std::vector<int64_t> time, processor, domain;
    std::vector<std::vector<double>> values(columns.size());
    std::map<std::pair<size_t, int32_t>, int64_t> last_time;  // processor-wide columns: (column, processor)
    for_each_block(trace_.rows("samples"), opts_.block_rows, [&](size_t first, size_t n) {
      trace_.read("samples", "time_ns", first, n, time);
      trace_.read("samples", "processor", first, n, processor);
      read_or("samples", "domain", first, n, domain, 0);
      for (size_t c = 0; c < columns.size(); ++c) trace_.read("samples", columns[c]->field, first, n, values[c]);
      for (size_t i = 0; i < n; ++i) {
        if (!opts_.window.contains(time[i])) continue;
        const int32_t p = processors_.check(processor[i], "samples/processor", first + i);
        for (size_t c = 0; c < columns.size(); ++c) {
          const CounterColumn& column = *columns[c];
          if (!column.per_domain) {
            const auto [last, fresh] = last_time.try_emplace({c, p}, time[i]);
            if (!fresh && last->second == time[i]) continue;  // already written for this time
            last->second = time[i];
          }
          counter(column.name, p, column.per_domain ? domain[i] : -1, time[i], column.unit,
                  values[c][i] * column.scale);
        }
      }
    });
  }

  void counters_from_dvfs() {
    std::vector<int64_t> time, processor, domain;
    std::vector<double> freq;
    for_each_block(trace_.rows("dvfs"), opts_.block_rows, [&](size_t first, size_t n) {
      trace_.read("dvfs", "time_ns", first, n, time);
      trace_.read("dvfs", "processor", first, n, processor);
      read_or("dvfs", "domain", first, n, domain, 0);
      trace_.read("dvfs", "freq_mhz", first, n, freq);
      for (size_t i = 0; i < n; ++i) {
        if (!opts_.window.contains(time[i])) continue;
        counter("dvfs freq", processors_.check(processor[i], "dvfs/processor", first + i), domain[i], time[i], "MHz",
                freq[i]);
      }
    });
  }

  void switches() {
    const Names reasons(trace_, "switch_reasons");
    const bool has_cost = trace_.has_column("switches", "cost_ns");
    std::vector<int64_t> time, task, from, to, reason, cost;
    for_each_block(trace_.rows("switches"), opts_.block_rows, [&](size_t first, size_t n) {
      trace_.read("switches", "time_ns", first, n, time);
      trace_.read("switches", "task", first, n, task);
      trace_.read("switches", "from_design", first, n, from);
      trace_.read("switches", "to_design", first, n, to);
      trace_.read("switches", "reason", first, n, reason);
      if (has_cost) trace_.read("switches", "cost_ns", first, n, cost);
      for (size_t i = 0; i < n; ++i) {
        if (!opts_.window.contains(time[i])) continue;
        const size_t row = first + i;
        const int32_t t = tasks_.check(task[i], "switches/task", row);
        const std::string from_name = designs_.label(from[i], "switches/from_design", row);
        const std::string to_name = designs_.label(to[i], "switches/to_design", row);
        std::string name = "switch ";
        name.append(from_name).append(" -> ").append(to_name);
        begin_instant(name, "switch", "t", tracks_->app_pid(), tracks_->app_task_tid(t), time[i]);
        w_.key("args").begin_object().member("task", tasks_[t]).member("from", from_name).member("to", to_name);
        w_.member("reason", reasons.label(reason[i], "switches/reason", row));
        if (has_cost) w_.member("cost_ms", static_cast<double>(cost[i]) / 1e6);
        w_.end_object().end_object();
      }
    });
  }

  void events() {
    const Names kinds(trace_, "event_kinds");
    const bool has_value = trace_.has_column("events", "value");
    std::vector<int64_t> time, kind, processor, task;
    std::vector<double> value;
    for_each_block(trace_.rows("events"), opts_.block_rows, [&](size_t first, size_t n) {
      trace_.read("events", "time_ns", first, n, time);
      trace_.read("events", "kind", first, n, kind);
      read_or("events", "processor", first, n, processor, -1);
      read_or("events", "task", first, n, task, -1);
      if (has_value) trace_.read("events", "value", first, n, value);
      for (size_t i = 0; i < n; ++i) {
        if (!opts_.window.contains(time[i])) continue;
        const size_t row = first + i;
        const int32_t p = processors_.check(processor[i], "events/processor", row, true);
        const int32_t t = tasks_.check(task[i], "events/task", row, true);
        const std::string name = kinds.label(kind[i], "events/kind", row);
        if (p >= 0)
          begin_instant(name, "event", "p", tracks_->processor_pid(p), tracks_->processor_events_tid(p), time[i]);
        else if (t >= 0)
          begin_instant(name, "event", "t", tracks_->app_pid(), tracks_->app_task_tid(t), time[i]);
        else
          begin_instant(name, "event", "g", tracks_->app_pid(), tracks_->app_events_tid(), time[i]);
        w_.key("args").begin_object();
        if (has_value) w_.member("value", value[i]);
        if (t >= 0) w_.member("task", tasks_[t]);
        w_.end_object().end_object();
      }
    });
  }

  void drops() {
    if (!trace_.has_column("requests", "dropped")) return;
    const bool has_id = trace_.has_column("requests", "id");
    std::vector<int64_t> dropped, arrival, task;
    std::vector<uint64_t> id;
    for_each_block(trace_.rows("requests"), opts_.block_rows, [&](size_t first, size_t n) {
      trace_.read("requests", "dropped", first, n, dropped);
      trace_.read("requests", "arrival_ns", first, n, arrival);
      trace_.read("requests", "task", first, n, task);
      if (has_id) trace_.read("requests", "id", first, n, id);
      for (size_t i = 0; i < n; ++i) {
        if (dropped[i] == 0 || !opts_.window.contains(arrival[i])) continue;
        const int32_t t = tasks_.check(task[i], "requests/task", first + i);
        begin_instant("drop", "request", "t", tracks_->app_pid(), tracks_->app_task_tid(t), arrival[i]);
        w_.key("args").begin_object();
        if (has_id) w_.member("request", id[i]);
        w_.member("task", tasks_[t]).end_object().end_object();
      }
    });
  }

  // The trace's provenance, and the window when one was asked for.
  void metadata() {
    w_.key("metadata").begin_object();
    for (const Attribute& a : trace_.root_attributes()) {
      w_.key(a.name);
      std::visit([&](const auto& v) { w_.value(v); }, a.value);
    }
    if (opts_.window.has_begin()) w_.member("export_window_begin_ns", opts_.window.begin_ns);
    if (opts_.window.has_end()) w_.member("export_window_end_ns", opts_.window.end_ns);
    w_.end_object();
  }

  // ---- Event helpers.

  // Opens an event object: name, cat, ph, pid, tid (the caller adds the rest and closes it).
  void begin_event(const char* ph, const std::string& name, const char* cat, int64_t pid, int64_t tid) {
    w_.begin_object().member("name", name).member("cat", cat).member("ph", ph).member("pid", pid).member("tid", tid);
  }

  void begin_instant(const std::string& name, const char* cat, const char* scope, int64_t pid, int64_t tid,
                     int64_t time_ns) {
    begin_event("i", name, cat, pid, tid);
    w_.key("ts").raw(format_micros(time_ns));
    w_.member("s", scope);
    ++stats_.instants;
  }

  // A counter value on the processor; `domain` < 0: processor-wide (no domain in the name).
  void counter(const std::string& name, int32_t processor, int64_t domain, int64_t time_ns, const char* unit,
               double value) {
    if (!std::isfinite(value)) return;  // a counter needs a number
    const bool suffix = domain >= 0 && multi_domain_.count(processor);
    const std::string full = suffix ? name + " " + processors_[processor] + "." + std::to_string(domain) : name;
    begin_event("C", full, "counter", tracks_->processor_pid(processor), tracks_->processor_events_tid(processor));
    w_.key("ts").raw(format_micros(time_ns));
    w_.key("args").begin_object().member(unit, value).end_object().end_object();
    ++stats_.counters;
  }

  // Reads an optional column, or fills `out` with `fallback` when the trace has none.
  void read_or(const std::string& table, const std::string& field, size_t first, size_t n, std::vector<int64_t>& out,
               int64_t fallback) {
    if (trace_.has_column(table, field))
      trace_.read(table, field, first, n, out);
    else
      out.assign(n, fallback);
  }

  const TraceReader& trace_;
  std::ostream& out_;
  JsonWriter w_;
  const ChromeExportOptions& opts_;
  const Names processors_, tasks_, designs_;
  std::vector<uint32_t> lanes_;  // lane of each execution in the window, in row order
  std::map<std::pair<int32_t, int32_t>, uint32_t> lane_counts_;
  std::set<int32_t> multi_domain_;
  std::optional<ChromeTracks> tracks_;
  ChromeExportStats stats_;
};

}  // namespace

TimeWindow parse_time_window(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos)
    throw std::invalid_argument("window \"" + std::string(text) + "\" is not A:B (seconds; either side may be empty)");
  TimeWindow w;
  if (colon > 0) w.begin_ns = window_bound_ns(text.substr(0, colon), "start");
  if (colon + 1 < text.size()) w.end_ns = window_bound_ns(text.substr(colon + 1), "end");
  if (w.has_begin() && w.has_end() && w.begin_ns >= w.end_ns)
    throw std::invalid_argument("window \"" + std::string(text) + "\" is empty: its start is not before its end");
  return w;
}

std::string format_micros(int64_t ns) {
  const bool negative = ns < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
  char buf[32];
  char* p = buf;
  if (negative) *p++ = '-';
  p = std::to_chars(p, buf + sizeof buf, magnitude / 1000).ptr;
  const auto frac = static_cast<unsigned>(magnitude % 1000);
  *p++ = '.';
  *p++ = static_cast<char>('0' + frac / 100);
  *p++ = static_cast<char>('0' + frac / 10 % 10);
  *p++ = static_cast<char>('0' + frac % 10);
  return std::string(buf, p);
}

ChromeExportStats export_chrome(const TraceReader& trace, std::ostream& out, const ChromeExportOptions& opts) {
  return Exporter(trace, out, opts).run();
}

}  // namespace socsim::trace
