// The data of a run's report (`socsim report TRACE`), read back from the run's HDF5 trace: the
// JSON object report.js draws as the "run" page (see report_page.h).
//
// Members, all from the trace (nothing is re-simulated):
//   kind "run", source (the trace's path), provenance (every scalar root attribute: scenario, soc,
//   scheduler, seed, socsim_version, git_commit, command_line, config_sha256, status, ...);
//   totals    the /summary attributes under the names of `socsim run --format json` (energy_mj,
//             peak_temp_c, peak_memory_mib, storage_mib, switches, switch_time_ms, solve_time_ms,
//             events, sim_time_s) plus the energy split (attributed, background, idle);
//   tasks     the /summary table, one object per task, keyed like `run --format json`'s tasks;
//   latency   per task, the latency (finish - arrival) of its completed requests at the
//             percentiles `percentiles` (nearest rank over /requests, so exact, where /summary's
//             p50/p90/p99 come from a histogram with 0.1 % resolution);
//   throughput  completed requests per second per task in consecutive bins of `bin_s`;
//   power_temp  per processor over time from /samples (at most ~1500 times, evenly strided):
//             temperature (degC) and power (W, the sum over its domains);
//   energy    the /energy table; switches, events: the /switches and /events rows (at most
//             `max_rows` each, with the total count);
//   timeline  the Chrome Trace Event export (chrome_export.h) of `timeline` — the same tracks,
//             lanes, slices and markers as `socsim export --window`.
// Throws ConfigError for a trace whose content is inconsistent (ids outside their lookups).
#pragma once

#include <cstddef>
#include <string>

#include "sim/trace_hdf5/chrome_export.h"
#include "sim/trace_hdf5/trace_reader.h"

namespace socsim::cli {

struct RunReportOptions {
  trace::TimeWindow timeline{0, 2'000'000'000};  // the first 2 s
  size_t max_rows = 1000;
};

std::string run_report_data(const trace::TraceReader& trace, const RunReportOptions& opts = {});

}  // namespace socsim::cli
