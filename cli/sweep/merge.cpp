#include "cli/sweep/merge.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "cli/campaign/campaign.h"
#include "cli/sweep/sweep.h"
#include "sim/core/csv.h"
#include "sim/core/error.h"
#include "sim/trace_hdf5/durable_file.h"
#include "sim/trace_hdf5/link_index.h"
#include "sim/trace_hdf5/trace_reader.h"

namespace socsim::cli {
namespace {

namespace fs = std::filesystem;

std::string describe(const config::RunPlan& plan, const config::PlannedRun& r) {
  std::string coords;
  for (size_t a = 0; a < plan.axes.size(); ++a) coords += fmt::format(", {}={}", plan.axes[a], r.coordinates[a]);
  return fmt::format("run {} ({}{}, replication {}, seed {})", r.index, r.id, coords, r.replication, r.seed);
}

std::string text_of(const std::vector<trace::Attribute>& attrs, const std::string& name) {
  return trace::attribute_text(attrs, name).value_or("");
}

double number_of(const std::vector<trace::Attribute>& attrs, const std::string& name) {
  return trace::attribute_number(attrs, name).value_or(0);
}

// The rows of one run: its /summary table, one row per task, and its run columns.
void write_rows(std::ostream& csv, const std::string& dir, const config::PlannedRun& r,
                const std::vector<bool>& shown_axis) {
  const std::string file = "runs/" + r.id + ".h5";
  trace::TraceReader reader((fs::path(dir) / file).string());
  const auto root = reader.root_attributes();
  const auto totals = reader.group_attributes("summary");
  const auto run_cols = [&](CsvRow& row) {
    row.text(text_of(root, "scenario")).text(text_of(root, "soc")).text(text_of(root, "scheduler"));
    for (double v : {number_of(totals, "energy_mj"), number_of(totals, "peak_temp_c"), number_of(totals, "peak_memory_mib"),
                     number_of(totals, "storage_mib"), number_of(totals, "switches"),
                     number_of(totals, "switch_time_ns") * 1e-6, number_of(totals, "solve_time_ns") * 1e-6,
                     number_of(totals, "sim_time_ns") * 1e-9})
      row.num(v, 9);
    row.text(file);
  };
  const auto tasks = reader.lookup("tasks");
  const size_t rows = reader.rows("summary");
  std::vector<int64_t> task_ids;
  if (rows) reader.read("summary", "task", 0, rows, task_ids);
  const auto& metrics = config::summary_columns().task;
  std::vector<std::vector<double>> cols;
  for (size_t m = 3; m < metrics.size(); ++m) {  // after replication, seed, task
    std::vector<double> v(rows, 0.0);
    if (rows && reader.has_column("summary", metrics[m])) reader.read("summary", metrics[m], 0, rows, v);
    cols.push_back(std::move(v));
  }
  for (size_t i = 0; i < rows; ++i) {
    CsvRow row;
    row.integer(r.index).text(r.id);
    for (size_t a = 0; a < r.coordinates.size(); ++a)
      if (shown_axis[a]) row.text(r.coordinates[a]);
    const int64_t t = task_ids[i];
    row.integer(r.replication).integer(r.seed);
    row.text(t >= 0 && static_cast<size_t>(t) < tasks.size() ? tasks[t] : std::to_string(t));
    for (const auto& col : cols) row.num(col[i], 9);
    run_cols(row);
    csv << row.line();
  }
}

}  // namespace

FinishedRuns check_sweep(const std::string& dir, bool partial) {
  const fs::path plan_path = fs::path(dir) / "campaign.json";
  if (!fs::exists(plan_path))
    throw ConfigError({{dir, "", "not a sweep directory: no campaign.json (expected the -o DIR of socsim sweep)"}});
  FinishedRuns out{config::read_plan(plan_path.string()), {}};
  const config::RunPlan& plan = out.plan;
  const std::string manifest = (fs::path(dir) / "manifest.jsonl").string();

  std::map<std::string, size_t> finished;
  for (const auto& e : read_manifest(dir))
    if (e.exit_code == 0) ++finished[e.id];
  std::vector<Diagnostic> problems;
  std::map<std::string, size_t> planned;
  size_t missing = 0, duplicate = 0;
  for (const auto& r : plan.runs) {
    planned[r.id] = r.index;
    const auto it = finished.find(r.id);
    const bool trace = fs::exists(fs::path(dir) / "runs" / (r.id + ".h5"));
    std::string why;
    if (it == finished.end()) why = "is missing (not finished in the manifest)";
    else if (!trace) why = "is missing (finished in the manifest, but its trace runs/" + r.id + ".h5 is not there)";
    else if (it->second > 1) why = fmt::format("is present {} times (expected once)", it->second);
    if (why.empty()) {
      out.runs.push_back(static_cast<size_t>(&r - plan.runs.data()));
      continue;
    }
    const bool is_duplicate = it != finished.end() && trace;
    (is_duplicate ? duplicate : missing)++;
    if ((is_duplicate || !partial) && problems.size() < 20) problems.push_back({manifest, "", describe(plan, r) + " " + why});
  }
  for (const auto& [id, n] : finished)
    if (!planned.count(id) && problems.size() < 21)
      problems.push_back({manifest, "", fmt::format("run id {} is not a run of this campaign ({} time(s))", id, n)});
  if (!problems.empty()) {
    problems.push_back({manifest, "",
                        fmt::format("cannot merge: {} of {} runs missing, {} duplicated (socsim sweep --resume "
                                    "finishes the missing ones{})",
                                    missing, plan.runs.size(), duplicate, partial ? "" : "; merge --partial merges the rest")});
    throw ConfigError(problems);
  }
  return out;
}

std::string summary_csv(const std::string& dir, const FinishedRuns& finished) {
  const auto& cols = config::summary_columns();
  std::vector<bool> shown_axis;  // the seed axis's value is the seed column
  std::ostringstream csv;
  CsvRow header;
  header.text("run").text("run_id");
  for (const auto& a : finished.plan.axes) {
    shown_axis.push_back(a != "seed");
    if (shown_axis.back()) header.text(a);
  }
  for (const auto* group : {&cols.task, &cols.run})
    for (const auto& c : *group) header.text(c);
  csv << header.line();
  for (size_t i : finished.runs) write_rows(csv, dir, finished.plan.runs[i], shown_axis);
  return csv.str();
}

MergeResult merge_sweep(const std::string& dir, bool partial) {
  const FinishedRuns finished = check_sweep(dir, partial);
  const std::string csv = summary_csv(dir, finished);
  std::vector<trace::IndexLink> links;
  for (size_t i : finished.runs) {
    const auto& id = finished.plan.runs[i].id;
    links.push_back({id, "runs/" + id + ".h5"});
  }
  trace::publish_text((fs::path(dir) / "summary.csv").string(), csv);
  trace::write_link_index((fs::path(dir) / "index.h5").string(), links,
                          {{"schema", "socsim-sweep-index"}, {"campaign_sha256", finished.plan.campaign_sha256}});
  return {finished.runs.size(), finished.plan.runs.size()};
}

}  // namespace socsim::cli
