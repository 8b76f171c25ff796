// socsim sweep CAMPAIGN --dry-run [--format table|csv]
// socsim sweep CAMPAIGN -o DIR [-j N] [--shard K/N] [--resume] [--backend local|mpi] [--force]
// Expands a campaign into numbered runs and runs this process's share of them, each as its own
// `socsim run` child writing DIR/runs/<run id>.h5; every run that ends appends a line to
// DIR/manifest.jsonl. One code path decides what to run (cli/sweep/sweep.h); the backends only
// differ in who runs it: a local pool of -j children, or MPI ranks fed by rank 0.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/sweep/sweep.h"
#include "sim/core/csv.h"
#include "sim/core/error.h"
#include "sim/core/names.h"

namespace socsim::cli {
namespace {

// As in summary.csv, the seed axis has no column of its own: the seed column says it.
void print_plan(const Sweep& sweep, Format fmt) {
  const auto& axes = sweep.campaign.axes;
  std::vector<size_t> shown;  // the axes listed
  for (size_t a = 0; a < axes.size(); ++a)
    if (axes[a].kind != config::AxisKind::kSeed) shown.push_back(a);
  if (fmt == Format::kCsv) {
    CsvRow header;
    header.text("run").text("run_id");
    for (size_t a : shown) header.text(axes[a].name);
    std::cout << header.text("replication").text("seed").line();
    for (const auto& r : sweep.runs) {
      CsvRow row;
      row.integer(r.index).text(r.id);
      for (size_t a : shown) row.text(r.coordinates[a]);
      std::cout << row.integer(r.replication).integer(r.seed).line();
    }
    return;
  }
  std::vector<size_t> width(axes.size());
  for (size_t a : shown) {
    width[a] = axes[a].name.size();
    for (const auto& r : sweep.runs) width[a] = std::max(width[a], r.coordinates[a].size());
  }
  const auto& scenarios = sweep.campaign.scenarios;
  const std::string base = scenarios.size() == 1 ? "base " + scenarios[0] : fmt::format("{} scenarios", scenarios.size());
  std::cout << fmt::format("campaign {} | {} | {} runs ({}{})\n\n", sweep.campaign.name, base,
                           sweep.runs.size(), sweep.campaign.zip ? "zip" : "cartesian",
                           sweep.campaign.replications > 1 ? fmt::format(", {} replications", sweep.campaign.replications) : "");
  std::cout << fmt::format("{:>6}  {:<16}", "run", "run_id");
  for (size_t a : shown) std::cout << fmt::format("  {:<{}}", axes[a].name, width[a]);
  std::cout << fmt::format("  {:>11}  {:>16}\n", "replication", "seed");
  for (const auto& r : sweep.runs) {
    std::cout << fmt::format("{:>6}  {:<16}", r.index, r.id);
    for (size_t a : shown) std::cout << fmt::format("  {:<{}}", r.coordinates[a], width[a]);
    std::cout << fmt::format("  {:>11}  {:>16}\n", r.replication, r.seed);
  }
}

}  // namespace

int cmd_sweep(const Args& args) {
  po::options_description desc("options");
  std::string campaign, out_dir, shard_text, backend, format;
  int jobs = 0;
  desc.add_options()
      ("campaign", po::value(&campaign)->required(), "campaign file")
      ("dry-run", "list the runs (index, run id, coordinates, seed) and run nothing")
      ("output,o", po::value(&out_dir), "sweep directory (runs/, manifest.jsonl, ...)")
      ("jobs,j", po::value(&jobs)->default_value(0), "local backend: runs at once (0: one per core)")
      ("shard", po::value(&shard_text), "do only shard K of N (K/N): runs with index mod N = K-1")
      ("resume", "skip runs already finished in DIR; delete their partial files")
      ("backend", po::value(&backend)->default_value("local"), "local (child processes) or mpi (under mpirun)")
      ("force", "allow more runs than the campaign's max_runs")
      ("format", po::value(&format)->default_value("table"), "--dry-run listing: table or csv");
  po::positional_options_description pos;
  pos.add("campaign", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim sweep CAMPAIGN (--dry-run | -o DIR) [options]", desc, pos, vm)) return exit_code::kOk;
  const Format fmt = parse_format(format);
  if (fmt == Format::kJson) throw UsageError("--format json is not supported by sweep (expected table or csv)");
  if (backend != "local" && backend != "mpi")
    throw UsageError("--backend: " + unknown_name("backend", backend, {"local", "mpi"}));
  if (backend == "mpi" && !mpi_available())
    throw UsageError("--backend mpi: this socsim was built without MPI (install libopenmpi-dev and rebuild)");
  const Shard shard = vm.count("shard") ? parse_shard(shard_text) : Shard{};
  if (!vm.count("dry-run") && out_dir.empty()) throw UsageError("expected -o DIR (or --dry-run)");
  if (jobs <= 0) jobs = static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));

  const Sweep sweep = plan_sweep(campaign, vm.count("force") > 0);
  if (vm.count("dry-run")) {
    print_plan(sweep, fmt);
    return exit_code::kOk;
  }
  const bool resume = vm.count("resume") > 0;
  const std::string exe = self_executable();
  auto prepare = [&] {
    prepare_dir(out_dir, sweep, resume);
    const auto todo = select_runs(out_dir, sweep, shard, resume);
    write_scenarios(out_dir, sweep, todo);
    return todo;
  };

  size_t todo_count = 0, failures = 0;
  if (backend == "mpi") {
    const MpiResult r = dispatch_mpi(out_dir, sweep, exe, prepare);
    if (r.rank != 0) return exit_code::kOk;
    todo_count = r.todo;
    failures = r.failures;
  } else {
    const auto todo = prepare();
    std::vector<ChildRun> children;
    for (size_t i : todo) children.push_back(child_for(out_dir, sweep.runs[i], exe));
    Progress progress(todo.size(), "sweep");
    run_children(children, jobs, [&](size_t k, int code) {
      record_run(out_dir, sweep, todo[k], code);
      if (code != 0)
        std::cerr << fmt::format("socsim sweep: run {} ({}) failed (exit {}); log: {}\n", todo[k], sweep.runs[todo[k]].id,
                                 code, children[k].log_path);
      progress.done(code != 0);
    });
    todo_count = todo.size();
    failures = progress.failures();
  }
  std::cout << fmt::format("sweep {}: {} of {} runs done here{}, {} failed; directory {}\n", sweep.campaign.name,
                           todo_count, sweep.runs.size(),
                           shard.n > 1 ? fmt::format(" (shard {}/{})", shard.k, shard.n) : "", failures, out_dir);
  return failures > 0 ? exit_code::kRunFailed : exit_code::kOk;
}

}  // namespace socsim::cli
