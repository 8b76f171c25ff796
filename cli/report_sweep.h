// The data of a sweep's or a compare's report (`socsim report DIR`): the JSON object report.js
// draws as the "sweep" or "compare" page (see report_page.h).
//
// DIR must be a complete sweep (merge.h's check_sweep: every planned run finished exactly once);
// its per-run x task numbers are those `socsim merge` writes to summary.csv, computed afresh from
// the traces (a stale or missing summary.csv does not matter). Members:
//   kind "sweep" or "compare", source (DIR), campaign (its file and SHA-256), runs (how many),
//   axes (the campaign's axis names but seed), metrics ({name, label} of the columns summarised);
//   groups    one per combination of axis values x task, in campaign order: coords (the axes'
//             values), task, n (replications / seeds) and per metric {mean, ci95} (Student t,
//             compare_stats.h's estimate(); violation_rate = violated / arrived per run);
//   compare   (kind "compare" only) DIR/compare.csv as written by socsim compare: columns
//             ({name, description}), rows ({scenario, soc, scheduler, runs, optimality_function,
//             reference, metrics: {name: {mean, ci95}}}).
// Throws ConfigError naming DIR (or the file) when it is not a complete sweep, or a compare
// directory without compare.csv (compare did not finish).
#pragma once

#include <string>

namespace socsim::cli {

std::string sweep_report_data(const std::string& dir, bool compare);

}  // namespace socsim::cli
