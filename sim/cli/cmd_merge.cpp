// socsim merge DIR
// Checks that every run of the sweep in DIR (DIR/campaign.json) finished exactly once
// (DIR/manifest.jsonl, and its trace exists), then writes, each atomically:
//   DIR/summary.csv  one row per run x task: run, run_id, the axes' values, replication, seed, task
//                    and the task's summary metrics (the trace's /summary table)
//   DIR/index.h5     /runs/<run id>: an HDF5 external link to each run's trace
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/sweep.h"
#include "sim/core/error.h"
#include "sim/trace_hdf5/durable_file.h"
#include "sim/trace_hdf5/link_index.h"
#include "sim/trace_hdf5/trace_reader.h"

namespace socsim::cli {
namespace {

namespace fs = std::filesystem;

const char* const kTaskColumns[] = {"arrived",        "completed",      "dropped",        "violated",
                                    "pending",        "latency_mean_ms", "latency_p50_ms", "latency_p90_ms",
                                    "latency_p99_ms", "latency_sd_ms",  "throughput_hz",  "energy_mj",
                                    "accuracy_pct"};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string describe(const config::RunPlan& plan, const config::PlannedRun& r) {
  std::string coords;
  for (size_t a = 0; a < plan.axes.size(); ++a) coords += fmt::format(", {}={}", plan.axes[a], r.coordinates[a]);
  return fmt::format("run {} ({}{}, replication {}, seed {})", r.index, r.id, coords, r.replication, r.seed);
}

}  // namespace

int cmd_merge(const Args& args) {
  po::options_description desc("options");
  std::string dir;
  desc.add_options()("dir", po::value(&dir)->required(), "sweep directory (socsim sweep -o DIR)");
  po::positional_options_description pos;
  pos.add("dir", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim merge DIR", desc, pos, vm)) return exit_code::kOk;

  const fs::path plan_path = fs::path(dir) / "campaign.json";
  if (!fs::exists(plan_path))
    throw ConfigError({{dir, "", "not a sweep directory: no campaign.json (expected the -o DIR of socsim sweep)"}});
  const config::RunPlan plan = config::read_plan(plan_path.string());
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
    if (why.empty()) continue;
    (it != finished.end() && trace ? duplicate : missing)++;
    if (problems.size() < 20) problems.push_back({manifest, "", describe(plan, r) + " " + why});
  }
  for (const auto& [id, n] : finished)
    if (!planned.count(id) && problems.size() < 21)
      problems.push_back({manifest, "", fmt::format("run id {} is not a run of this campaign ({} time(s))", id, n)});
  if (!problems.empty()) {
    problems.push_back({manifest, "",
                        fmt::format("cannot merge: {} of {} runs missing, {} duplicated (socsim sweep --resume "
                                    "finishes the missing ones)",
                                    missing, plan.runs.size(), duplicate)});
    throw ConfigError(problems);
  }

  std::ostringstream csv;
  csv << "run,run_id";
  for (const auto& a : plan.axes) csv << "," << csv_field(a);
  csv << ",replication,seed,task";
  for (const char* c : kTaskColumns) csv << "," << c;
  csv << "\n";
  std::vector<trace::IndexLink> links;
  for (const auto& r : plan.runs) {
    const std::string file = "runs/" + r.id + ".h5";
    links.push_back({r.id, file});
    trace::TraceReader reader((fs::path(dir) / file).string());
    const auto tasks = reader.lookup("tasks");
    const size_t rows = reader.rows("summary");
    std::vector<int64_t> task_ids;
    if (rows) reader.read("summary", "task", 0, rows, task_ids);
    std::vector<std::vector<double>> cols;
    for (const char* c : kTaskColumns) {
      std::vector<double> v(rows, 0.0);
      if (rows && reader.has_column("summary", c)) reader.read("summary", c, 0, rows, v);
      cols.push_back(std::move(v));
    }
    for (size_t row = 0; row < rows; ++row) {
      csv << r.index << "," << r.id;
      for (const auto& c : r.coordinates) csv << "," << csv_field(c);
      const int64_t t = task_ids[row];
      csv << "," << r.replication << "," << r.seed << ","
          << csv_field(t >= 0 && static_cast<size_t>(t) < tasks.size() ? tasks[t] : std::to_string(t));
      for (const auto& col : cols) csv << fmt::format(",{:.9g}", col[row]);
      csv << "\n";
    }
  }
  const fs::path summary = fs::path(dir) / "summary.csv";
  {
    std::ofstream out(summary.string() + ".part", std::ios::binary | std::ios::trunc);
    out << csv.str();
    out.flush();
    if (!out) throw IoError("cannot write " + summary.string() + ".part");
  }
  trace::publish_file(summary.string() + ".part", summary.string());
  trace::write_link_index((fs::path(dir) / "index.h5").string(), links,
                          {{"schema", "socsim-sweep-index"}, {"campaign_sha256", plan.campaign_sha256}});
  std::cout << fmt::format("merged {} runs: {} and {}\n", plan.runs.size(), summary.string(),
                           (fs::path(dir) / "index.h5").string());
  return exit_code::kOk;
}

}  // namespace socsim::cli
