// socsim run SCENARIO [-o trace.h5] [--seed N] [--soc S] [--scheduler X [--param k=v]...] [--duration-s X]
//            [--format table|csv|json] [--max-events N] [--max-wall-s S] [--max-trace-mib M]
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/report.h"
#include "cli/run_job.h"
#include "sim/core/error.h"
#include "sim/trace_hdf5/compression.h"

namespace socsim::cli {
namespace {

// Default trace location: results/<scenario file stem>.h5 under the working directory.
std::string default_trace_path(const std::string& scenario_path) {
  return (std::filesystem::path("results") / std::filesystem::path(scenario_path).stem()).string() + ".h5";
}

// A positive, finite limit no larger than `max` (0 is not "no limit": leave the option out).
double positive_limit(const char* option, double v, double max) {
  if (!(v > 0) || !std::isfinite(v) || v > max)
    throw UsageError(fmt::format("{} wants a number greater than 0 and at most {}, got {}", option, max, v));
  return v;
}

// Digits only: Boost's unsigned conversion would wrap "-1" around to 2^64 - 1.
uint64_t event_limit(const std::string& text) {
  uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n == 0)
    throw UsageError("--max-events wants a whole number of events from 1 to 2^64-1, got \"" + text + "\"");
  return n;
}

// stderr report of a run that stopped before its scenario's duration.
int report_stop(const RunOutcome& run, const RunRequest& req) {
  const trace::StopInfo why = stop_info(run.stopped, req.limits);
  if (run.summary.tasks.empty()) {
    fmt::print(std::cerr, "socsim: {} before the run started; nothing written\n", why.message);
    return stop_exit_code(run.stopped);
  }
  fmt::print(std::cerr, "socsim: run stopped at t={:.3f} s of {:.3f} s after {} events: {}\n",
             static_cast<double>(run.summary.sim_time_ns) * 1e-9, run.loaded.scenario.duration.to_s(),
             run.summary.events, why.message);
  if (run.trace_written.empty())
    fmt::print(std::cerr, "socsim: no trace written (--no-trace)\n");
  else
    fmt::print(std::cerr, "socsim: partial trace kept in {} (marked status=interrupted, stop_reason={}); {} was not written\n",
               run.trace_written, why.reason, req.trace_path);
  return stop_exit_code(run.stopped);
}

// --trace-compression NAME, and --trace-deflate given alone meaning deflate (as it did before
// the option existed).
trace::Compression trace_compression(const std::string& name, bool name_given, bool level_given) {
  const auto c = trace::compression_from_name(name);
  if (!c) throw UsageError("--trace-compression wants lz4, deflate or none, got '" + name + "'");
  if (!name_given && level_given) return trace::Compression::kDeflate;
  if (level_given && *c != trace::Compression::kDeflate)
    throw UsageError("--trace-deflate sets deflate's level; it does not apply to --trace-compression " + name);
  return *c;
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
  std::string compression;
  std::string max_events;
  double max_wall_s = 0, max_trace_mib = 0;
  desc.add_options()
      ("scenario", po::value(&scenario)->required(), "scenario file")
      ("output,o", po::value(&output), "HDF5 trace to write (default results/<scenario>.h5)")
      ("no-trace", "write no trace file")
      ("trace-compression", po::value(&compression)->default_value("lz4"),
       "trace chunk compression: lz4 (fastest; readers need HDF5's LZ4 filter plugin), deflate (built into "
       "every HDF5 reader) or none")
      ("trace-deflate", po::value(&deflate)->default_value(1),
       "deflate level, 0 (none) to 9; alone it implies --trace-compression deflate")
      ("seed", po::value(&seed), "override the scenario's seed")
      ("duration-s", po::value(&duration_s), "override the scenario's simulated duration, seconds")
      ("scheduler", po::value(&scheduler), "override the scenario's scheduler")
      ("param", po::value(&params)->composing(), "scheduler parameter key=value (repeatable)")
      ("soc", po::value(&soc), "run on another SoC: a SoC file, or a name beside the scenario's (e.g. tensor_g2)")
      ("format", po::value(&format)->default_value("table"), "summary format: table, csv or json")
      ("max-events", po::value(&max_events), "stop after this many events (exit 1, partial trace kept as <trace>.interrupted.h5)")
      ("max-wall-s", po::value(&max_wall_s), "stop after this many wall-clock seconds of simulation (exit 1, partial trace kept)")
      ("max-trace-mib", po::value(&max_trace_mib), "stop when the trace's uncompressed data exceeds this many MiB (exit 1, partial trace kept)");
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
  req.trace_compression = trace_compression(compression, !vm["trace-compression"].defaulted(),
                                            !vm["trace-deflate"].defaulted());
  if (vm.count("max-events")) req.limits.max_events = event_limit(max_events);
  if (vm.count("max-wall-s")) req.limits.max_wall_s = positive_limit("--max-wall-s", max_wall_s, 1e8);
  if (vm.count("max-trace-mib")) req.limits.max_trace_mib = positive_limit("--max-trace-mib", max_trace_mib, 1e9);
  req.handle_signals = true;
  if (!vm.count("no-trace")) {
    req.trace_path = output.empty() ? default_trace_path(scenario) : output;
  }
  const RunOutcome run = run_scenario(req);
  if (const std::string w = slo_warning(run.loaded.scenario); !w.empty()) std::cerr << "socsim run: warning: " << w << "\n";
  if (run.stopped != StopCause::kNone) return report_stop(run, req);
  print_summary(std::cout, run, req.trace_path, fmt);
  return exit_code::kOk;
}

}  // namespace socsim::cli
