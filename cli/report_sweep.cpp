#include "cli/report_sweep.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "cli/compare_stats.h"
#include "cli/sweep/merge.h"
#include "sim/core/csv.h"
#include "sim/core/error.h"
#include "sim/trace_hdf5/json_writer.h"

namespace socsim::cli {
namespace {

namespace fs = std::filesystem;
using trace::JsonWriter;
using Records = std::vector<std::vector<std::string>>;

Records records(const std::string& text, const std::string& file) {
  Records out;
  for (auto& r : parse_csv(text, file)) out.push_back(std::move(r.fields));
  return out;
}

struct Metric {
  const char* name;
  const char* label;
};
// summary.csv's per-task columns summarised per group, and the derived violation rate.
constexpr Metric kMetrics[] = {
    {"latency_mean_ms", "mean latency (ms)"},     {"latency_p90_ms", "p90 latency (ms)"},
    {"latency_p99_ms", "p99 latency (ms)"},       {"throughput_hz", "throughput (Hz)"},
    {"energy_mj", "energy per inference (mJ)"},   {"violation_rate", "violation rate"},
    {"accuracy_pct", "accuracy (%)"},             {"run_energy_mj", "run energy (mJ)"},
    {"run_peak_temp_c", "peak temperature (degC)"}, {"run_switches", "switches"}};

double number(const std::string& text, const std::string& file, const std::string& what) {
  try {
    size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw ConfigError({{file, "", what + ": \"" + text + "\" is not a number"}});
}

// A compare.csv cell: empty means no value (optimality without objectives, a CI over one seed).
double cell_number(const std::string& text, const std::string& file, const std::string& what) {
  return text.empty() ? std::numeric_limits<double>::quiet_NaN() : number(text, file, what);
}

size_t index_of(const std::vector<std::string>& header, const std::string& name, const std::string& file) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) throw ConfigError({{file, "", "no column " + name}});
  return static_cast<size_t>(it - header.begin());
}

void estimate_member(JsonWriter& w, const std::string& name, const Estimate& e) {
  w.key(name).begin_object().member("mean", e.mean).member("ci95", e.ci95).end_object();
}

// Per (axes' values, task): mean and CI of each metric over the group's rows.
void groups(JsonWriter& w, const Records& csv, const std::string& file) {
  const auto& header = csv.front();
  const size_t first_axis = index_of(header, "run_id", file) + 1, replication = index_of(header, "replication", file);
  const size_t task = index_of(header, "task", file);
  std::vector<size_t> metric_col;
  for (const Metric& m : kMetrics)
    metric_col.push_back(std::string(m.name) == "violation_rate" ? 0 : index_of(header, m.name, file));
  const size_t arrived = index_of(header, "arrived", file), violated = index_of(header, "violated", file);

  std::vector<std::vector<std::string>> keys;  // coords + task, in first-seen order
  std::map<std::vector<std::string>, std::vector<size_t>> rows;
  for (size_t r = 1; r < csv.size(); ++r) {
    if (csv[r].size() != header.size()) throw ConfigError({{file, "", "row " + std::to_string(r) + " has the wrong number of fields"}});
    std::vector<std::string> key(csv[r].begin() + static_cast<long>(first_axis), csv[r].begin() + static_cast<long>(replication));
    key.push_back(csv[r][task]);
    auto [it, fresh] = rows.try_emplace(key);
    if (fresh) keys.push_back(key);
    it->second.push_back(r);
  }
  w.key("axes").begin_array();
  for (size_t a = first_axis; a < replication; ++a) w.value(header[a]);
  w.end_array().key("metrics").begin_array();
  for (const Metric& m : kMetrics) w.begin_object().member("name", m.name).member("label", m.label).end_object();
  w.end_array().key("groups").begin_array();
  for (const auto& key : keys) {
    const auto& members = rows.at(key);
    w.begin_object().key("coords").begin_array();
    for (size_t a = 0; a + 1 < key.size(); ++a) w.value(key[a]);
    w.end_array().member("task", key.back()).member("n", static_cast<uint64_t>(members.size()));
    w.key("values").begin_object();
    for (size_t m = 0; m < std::size(kMetrics); ++m) {
      std::vector<double> samples;
      for (size_t r : members) {
        const auto& row = csv[r];
        if (metric_col[m]) {
          samples.push_back(number(row[metric_col[m]], file, kMetrics[m].name));
        } else {
          const double n = number(row[arrived], file, "arrived");
          samples.push_back(n > 0 ? number(row[violated], file, "violated") / n : 0.0);
        }
      }
      estimate_member(w, kMetrics[m].name, estimate(samples));
    }
    w.end_object().end_object();
  }
  w.end_array();
}

// DIR/compare.csv as written by cmd_compare.cpp: the lead columns, then <metric>_mean,<metric>_ci95.
void compare_table(JsonWriter& w, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ConfigError({{path, "", "no compare.csv: socsim compare did not finish here (run it again with --resume)"}});
  std::ostringstream text;
  text << in.rdbuf();
  const Records csv = records(text.str(), path);
  static const char* const kLead[] = {"scenario", "soc", "scheduler", "runs", "optimality_function", "reference",
                                      "ci_method"};
  constexpr size_t kMetricsFrom = std::size(kLead);
  for (size_t i = 0; i < kMetricsFrom; ++i)
    if (csv.empty() || i >= csv.front().size() || csv.front()[i] != kLead[i])
      throw ConfigError({{path, "", std::string("not socsim compare's CSV (expected column ") + kLead[i] + ")"}});
  const auto& header = csv.front();
  std::vector<std::string> names;  // the metrics, from the <name>_mean,<name>_ci95 pairs
  for (size_t c = kMetricsFrom; c < header.size(); c += 2) {
    const std::string& mean = header[c];
    const std::string name = mean.size() > 5 ? mean.substr(0, mean.size() - 5) : "";
    if (name.empty() || mean.substr(name.size()) != "_mean" || c + 1 >= header.size() || header[c + 1] != name + "_ci95")
      throw ConfigError({{path, "", "column " + mean + ": expected <metric>_mean followed by <metric>_ci95"}});
    names.push_back(name);
  }
  w.key("compare").begin_object().key("columns").begin_array();
  for (const auto& name : names) {
    std::string description;
    for (const auto& c : compare_columns())
      if (name == c.name) description = c.description;
    w.begin_object().member("name", name).member("description", description).end_object();
  }
  w.end_array().key("rows").begin_array();
  for (size_t r = 1; r < csv.size(); ++r) {
    const auto& row = csv[r];
    if (row.size() != header.size()) throw ConfigError({{path, "", "row " + std::to_string(r) + " has the wrong number of fields"}});
    w.begin_object();
    for (size_t i = 0; i < kMetricsFrom; ++i) {
      if (std::string(kLead[i]) == "runs") w.member("runs", number(row[i], path, "runs"));
      else w.member(kLead[i], row[i]);
    }
    w.key("metrics").begin_object();
    for (size_t m = 0; m < names.size(); ++m) {
      const double mean = cell_number(row[kMetricsFrom + 2 * m], path, names[m] + "_mean");
      const double ci = cell_number(row[kMetricsFrom + 2 * m + 1], path, names[m] + "_ci95");
      estimate_member(w, names[m], {mean, ci, 0});
    }
    w.end_object().end_object();
  }
  w.end_array().end_object();
}

}  // namespace

std::string sweep_report_data(const std::string& dir, bool compare) {
  FinishedRuns finished;
  try {
    finished = check_sweep(dir, false);
  } catch (const ConfigError& e) {  // say what the report needs, after merge's account of the runs
    auto diags = e.diagnostics();
    diags.push_back({dir, "", "socsim report needs a complete sweep (or a finished compare); nothing written"});
    throw ConfigError(diags);
  }
  const std::string summary = (fs::path(dir) / "summary.csv").string();
  const Records csv = records(summary_csv(dir, finished), summary);
  std::ostringstream out;
  JsonWriter w(out, 1);
  w.begin_object().member("kind", compare ? "compare" : "sweep").member("source", dir);
  w.key("campaign").begin_object().member("file", finished.plan.campaign_file).member("sha256", finished.plan.campaign_sha256).end_object();
  w.member("runs", static_cast<uint64_t>(finished.runs.size()));
  groups(w, csv, summary);
  if (compare) compare_table(w, (fs::path(dir) / "compare.csv").string());
  w.end_object();
  return out.str();
}

}  // namespace socsim::cli
