#include "cli/report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <vector>

#include "cli/table.h"
#include "sim/core/csv.h"

namespace socsim::cli {
namespace {

// One row per task; the run-level numbers are the same on every row (tidy for CSV readers).
struct Row {
  std::string task;
  const trace::TaskSummary* s;
};

struct RunFacts {
  std::string scenario, soc, scheduler;
  uint64_t seed;
  double sim_time_s, wall_s, events_per_s;
  uint64_t events;
  double energy_mj, peak_temp_c;
  double storage_mib, peak_memory_mib;
  uint64_t switches;
  double switch_time_ms, solve_time_ms;
  std::string warmup;  // how the warm-up window was chosen
};

RunFacts facts(const RunOutcome& run) {
  const auto& sc = run.loaded.scenario;
  const double sim_s = static_cast<double>(run.summary.sim_time_ns) * 1e-9;
  return {sc.name,
          run.loaded.soc.name,
          sc.scheduler.name,
          sc.seed,
          sim_s,
          run.wall_s,
          run.wall_s > 0 ? static_cast<double>(run.summary.events) / run.wall_s : 0,
          run.summary.events,
          run.summary.energy_mj,
          run.summary.peak_temp_c,
          run.summary.storage_mib,
          run.summary.peak_memory_mib,
          run.summary.switches,
          static_cast<double>(run.summary.switch_time_ns) * 1e-6,
          static_cast<double>(run.summary.solve_time_ns) * 1e-6,
          sc.warmup ? fmt::format("warmup_s {}", sc.warmup->to_s()) : "default warm-up: until each task's first completion"};
}

std::vector<Row> rows(const RunOutcome& run) {
  std::vector<Row> out;
  const auto& names = run.summary.lookups.at("tasks");
  for (const auto& t : run.summary.tasks) out.push_back({names[t.task], &t});
  return out;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<int>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

void print_table(std::ostream& out, const RunFacts& f, const std::vector<Row>& rs, const std::string& trace) {
  fmt::print(out, "scenario {} on {} | scheduler {} | seed {} | {:.3f} s simulated\n\n", f.scenario, f.soc,
             f.scheduler, f.seed, f.sim_time_s);
  TextTable table({"task", "arrived", "completed", "dropped", "violated", "pending", "mean_ms", "p50_ms", "p90_ms",
                   "p99_ms", "sd_ms", "cold_ms", "thru_hz", "mJ/inf", "acc_%"},
                  1);
  uint64_t warmup = 0;
  for (const auto& r : rs) {
    const auto& s = *r.s;
    warmup += s.warmup_completed;
    std::vector<std::string> cells = {r.task};
    for (uint64_t v : {s.arrived, s.completed, s.dropped, s.violated, s.pending}) cells.push_back(std::to_string(v));
    for (double v : {s.latency_mean_ms, s.latency_p50_ms, s.latency_p90_ms, s.latency_p99_ms, s.latency_sd_ms,
                     s.cold_start_ms, s.throughput_hz, s.energy_mj})
      cells.push_back(fmt::format("{:.3f}", v));
    cells.push_back(fmt::format("{:.2f}", s.accuracy_pct));
    table.add_row(std::move(cells));
  }
  table.print(out, terminal_width());
  fmt::print(out, "latency after the warm-up ({}; {} request(s) left out); cold_ms: the first request, model load included\n",
             f.warmup, warmup);
  fmt::print(out, "\nenergy {:.3f} J | peak temperature {:.2f} degC | peak model memory {:.1f} MiB | storage {:.1f} MiB\n",
             f.energy_mj * 1e-3, f.peak_temp_c, f.peak_memory_mib, f.storage_mib);
  fmt::print(out, "switches {} ({:.1f} ms switching) | run-time solve time {:.1f} ms\n", f.switches, f.switch_time_ms,
             f.solve_time_ms);
  fmt::print(out, "events {} | wall {:.3f} s | {:.2f} M events/s\n", f.events, f.wall_s, f.events_per_s * 1e-6);
  if (!trace.empty()) fmt::print(out, "trace {}\n", trace);
}

void print_csv(std::ostream& out, const RunFacts& f, const std::vector<Row>& rs, const std::string& trace) {
  CsvRow header;
  for (const char* c : {"scenario", "soc", "scheduler", "seed", "task", "arrived", "completed", "dropped", "violated",
                        "pending", "latency_mean_ms", "latency_p50_ms", "latency_p90_ms", "latency_p99_ms",
                        "latency_sd_ms", "throughput_hz", "energy_mj_per_inference", "accuracy_pct", "energy_mj",
                        "peak_temp_c", "peak_memory_mib", "storage_mib", "switches", "switch_time_ms", "solve_time_ms",
                        "events", "sim_time_s", "wall_s", "events_per_s", "trace", "cold_start_ms",
                        "warmup_completed", "warmup_end_ms"})
    header.text(c);
  out << header.line();
  for (const auto& r : rs) {
    const auto& s = *r.s;
    CsvRow row;
    row.text(f.scenario).text(f.soc).text(f.scheduler).integer(f.seed).text(r.task);
    row.integer(s.arrived).integer(s.completed).integer(s.dropped).integer(s.violated).integer(s.pending);
    for (double v : {s.latency_mean_ms, s.latency_p50_ms, s.latency_p90_ms, s.latency_p99_ms, s.latency_sd_ms,
                     s.throughput_hz, s.energy_mj, s.accuracy_pct, f.energy_mj, f.peak_temp_c, f.peak_memory_mib,
                     f.storage_mib})
      row.fixed(v, 6);
    row.integer(f.switches).fixed(f.switch_time_ms, 6).fixed(f.solve_time_ms, 6).integer(f.events);
    row.fixed(f.sim_time_s, 9).fixed(f.wall_s, 6).fixed(f.events_per_s, 1).text(trace);
    row.fixed(s.cold_start_ms, 6).integer(s.warmup_completed).fixed(s.warmup_end_ms, 6);
    out << row.line();
  }
}

void print_json(std::ostream& out, const RunFacts& f, const std::vector<Row>& rs, const std::string& trace) {
  fmt::print(out, "{{\n  \"scenario\": {},\n  \"soc\": {},\n  \"scheduler\": {},\n  \"seed\": {},\n",
             json_string(f.scenario), json_string(f.soc), json_string(f.scheduler), f.seed);
  fmt::print(out, "  \"events\": {},\n  \"sim_time_s\": {:.9f},\n  \"wall_s\": {:.6f},\n  \"events_per_s\": {:.1f},\n",
             f.events, f.sim_time_s, f.wall_s, f.events_per_s);
  fmt::print(out, "  \"energy_mj\": {:.6f},\n  \"peak_temp_c\": {:.6f},\n", f.energy_mj, f.peak_temp_c);
  fmt::print(out, "  \"peak_memory_mib\": {:.6f},\n  \"storage_mib\": {:.6f},\n  \"switches\": {},\n", f.peak_memory_mib,
             f.storage_mib, f.switches);
  fmt::print(out, "  \"switch_time_ms\": {:.6f},\n  \"solve_time_ms\": {:.6f},\n", f.switch_time_ms, f.solve_time_ms);
  fmt::print(out, "  \"trace\": {},\n  \"tasks\": [", trace.empty() ? "null" : json_string(trace));
  for (size_t i = 0; i < rs.size(); ++i) {
    const auto& s = *rs[i].s;
    fmt::print(out,
               "{}\n    {{\"task\": {}, \"arrived\": {}, \"completed\": {}, \"dropped\": {}, \"violated\": {}, "
               "\"pending\": {}, \"latency_mean_ms\": {:.6f}, \"latency_p50_ms\": {:.6f}, \"latency_p90_ms\": {:.6f}, "
               "\"latency_p99_ms\": {:.6f}, \"latency_sd_ms\": {:.6f}, \"throughput_hz\": {:.6f}, "
               "\"energy_mj_per_inference\": {:.6f}, \"accuracy_pct\": {:.6f}, \"cold_start_ms\": {:.6f}, "
               "\"warmup_completed\": {}, \"warmup_end_ms\": {:.6f}}}",
               i ? "," : "", json_string(rs[i].task), s.arrived, s.completed, s.dropped, s.violated, s.pending,
               s.latency_mean_ms, s.latency_p50_ms, s.latency_p90_ms, s.latency_p99_ms, s.latency_sd_ms,
               s.throughput_hz, s.energy_mj, s.accuracy_pct, s.cold_start_ms, s.warmup_completed, s.warmup_end_ms);
  }
  out << "\n  ]\n}\n";
}

}  // namespace

void print_summary(std::ostream& out, const RunOutcome& run, const std::string& trace_path, Format f) {
  const RunFacts rf = facts(run);
  const auto rs = rows(run);
  switch (f) {
    case Format::kTable: print_table(out, rf, rs, trace_path); break;
    case Format::kCsv: print_csv(out, rf, rs, trace_path); break;
    case Format::kJson: print_json(out, rf, rs, trace_path); break;
  }
}

}  // namespace socsim::cli
