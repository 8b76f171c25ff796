// socsim run SCENARIO [-o trace.h5] [--seed N] [--soc S] [--scheduler X [--param k=v]...] [--duration-s X]
//            [--format table|csv|json]
#include <filesystem>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/report.h"
#include "sim/cli/run_job.h"
#include "sim/core/error.h"

namespace socsim::cli {
namespace {

// Default trace location: results/<scenario file stem>.h5 under the working directory.
std::string default_trace_path(const std::string& scenario_path) {
  return (std::filesystem::path("results") / std::filesystem::path(scenario_path).stem()).string() + ".h5";
}

}  // namespace

int cmd_run(const Args& args) {
  po::options_description desc("options");
  std::string scenario, output, format;
  uint64_t seed = 0;
  double duration_s = 0;
  std::string scheduler, soc;
  std::vector<std::string> params;
  int deflate = 1;
  desc.add_options()
      ("scenario", po::value(&scenario)->required(), "scenario file")
      ("output,o", po::value(&output), "HDF5 trace to write (default results/<scenario>.h5)")
      ("no-trace", "write no trace file")
      ("trace-deflate", po::value(&deflate)->default_value(1), "trace compression level, 0 (none, fastest) to 9")
      ("seed", po::value(&seed), "override the scenario's seed")
      ("soc", po::value(&soc), "run on another SoC: a SoC file, or a name beside the scenario's (e.g. tensor_g2)")
      ("duration-s", po::value(&duration_s), "override the scenario's simulated duration, seconds")
      ("scheduler", po::value(&scheduler), "override the scenario's scheduler")
      ("param", po::value(&params)->composing(), "scheduler parameter key=value (repeatable)")
      ("format", po::value(&format)->default_value("table"), "summary format: table, csv or json");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim run SCENARIO [options]", desc, pos, vm)) return exit_code::kOk;

  const Format fmt = parse_format(format);
  RunRequest req;
  req.scenario_path = scenario;
  if (vm.count("seed")) req.seed = seed;
  if (vm.count("soc")) req.soc = soc;
  if (vm.count("duration-s")) req.duration_s = duration_s;
  if (vm.count("scheduler")) req.scheduler = scheduler;
  req.params = parse_params(params);
  if (deflate < 0 || deflate > 9) throw UsageError("--trace-deflate wants a level from 0 to 9, got " + std::to_string(deflate));
  req.trace_deflate = deflate;
  if (!vm.count("no-trace")) {
    req.trace_path = output.empty() ? default_trace_path(scenario) : output;
    const auto dir = std::filesystem::path(req.trace_path).parent_path();
    std::error_code ec;
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    if (ec) throw IoError("cannot create directory " + dir.string() + ": " + ec.message());
  }
  const RunOutcome run = run_scenario(req);
  print_summary(std::cout, run, req.trace_path, fmt);
  return exit_code::kOk;
}

}  // namespace socsim::cli
