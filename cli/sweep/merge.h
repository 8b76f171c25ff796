// Merging a sweep directory (socsim merge; socsim compare after its sweep): checks that every
// planned run of DIR/campaign.json finished exactly once (DIR/manifest.jsonl, and its trace is
// there), then writes, each atomically:
//   DIR/summary.csv  one row per run x task, columns config::summary_columns(): run, run_id, the
//                    axes' labels (the seed axis's in `seed`), replication, seed, task, the task's
//                    /summary metrics, then the run's scenario, SoC, scheduler, /summary totals and
//                    trace path (relative to DIR)
//   DIR/index.h5     /runs/<run id>: an HDF5 external link to each run's trace
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cli/campaign/campaign.h"

namespace socsim::cli {

struct MergeResult {
  size_t merged = 0, planned = 0;
};

// The runs of DIR/campaign.json that finished exactly once with their trace in DIR/runs/ (indices
// into plan.runs, in plan order). Reads DIR only; writes nothing.
struct FinishedRuns {
  config::RunPlan plan;
  std::vector<size_t> runs;
};
// Throws ConfigError when DIR is not a sweep directory, and naming the missing and duplicated runs
// (and `socsim sweep --resume` as the remedy). With `partial`, missing runs are left out instead
// (summary.csv of the runs finished so far); runs the campaign does not plan, or finished twice,
// are still errors.
FinishedRuns check_sweep(const std::string& dir, bool partial);

// DIR/summary.csv's text for `finished` (reads each run's trace; throws ConfigError for a bad one).
std::string summary_csv(const std::string& dir, const FinishedRuns& finished);

// check_sweep, then writes summary.csv and index.h5.
MergeResult merge_sweep(const std::string& dir, bool partial);

}  // namespace socsim::cli
