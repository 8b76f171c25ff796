// One run from a scenario file to a summary (and optionally an HDF5 trace): the path every
// subcommand that simulates goes through (run now; compare and sweep later).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "cli/run_control.h"
#include "sim/config/config.h"
#include "sim/trace/records.h"
#include "sim/trace_hdf5/compression.h"

namespace socsim::cli {

struct RunRequest {
  std::string scenario_path;
  // Overrides the scenario's SoC: a SoC file, or a name resolved as <name>.json beside the
  // scenario's own SoC file (e.g. "tensor_g2" for socs/tensor_g2.json).
  std::optional<std::string> soc;
  std::optional<uint64_t> seed;         // overrides the scenario's
  std::optional<double> duration_s;     // overrides the scenario's
  std::optional<std::string> scheduler; // overrides the scenario's (its params are then reset)
  std::map<std::string, std::string> params;  // overlaid on the scheduler's params
  std::string trace_path;               // empty: no trace file
  trace::Compression trace_compression = trace::Compression::kLz4;
  int trace_deflate = 1;                // with kDeflate: 0 (none) .. 9 (smallest)
  RunLimits limits;                     // max_trace_mib applies only when a trace is written
  bool handle_signals = false;          // SIGINT/SIGTERM stop the run (socsim run; not in-process callers)
};

struct RunOutcome {
  config::LoadedScenario loaded;
  trace::RunSummary summary;
  double wall_s = 0;
  // Why the run stopped before the scenario's duration; kNone when it completed. A stop that came
  // before the run started leaves `summary` empty and writes nothing.
  StopCause stopped = StopCause::kNone;
  std::string trace_written;  // the file written: trace_path, its .interrupted.h5 name, or empty
};

// Loads the scenario, applies the request's overrides and checks everything a run would check
// (the scheduler's name and parameters included, and the files a scheduler reads: transferred's
// from_soc) without running. Throws ConfigError. `socsim validate` checks a scenario this way.
config::LoadedScenario prepare_scenario(const RunRequest& req);

// When the scenario's scheduler plans with SLO objectives (SchedulerInfo::plans_with_slo) and the
// scenario states none, the warning to print (every design would score the same, so its choice
// means nothing); else empty.
std::string slo_warning(const spec::Scenario& sc);

// Loads and checks everything, then runs. Throws ConfigError for bad input (nothing written),
// IoError when the trace cannot be written, RunError when the run fails or breaks one of the
// run invariants (trace::InvariantSink; nothing written). A run stopped early by a signal or a
// limit returns normally with `stopped` set and its partial trace under the interrupted name.
RunOutcome run_scenario(const RunRequest& req);

}  // namespace socsim::cli
