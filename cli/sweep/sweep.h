// The pieces of `socsim sweep` that every backend shares: expanding and checking a campaign,
// preparing the sweep directory, deciding which runs this process does (shard, resume), the
// child command of a run, manifest lines and the progress lines.
//
// A sweep directory DIR holds:
//   campaign.json        the campaign and its expanded run list (written at sweep start)
//   scenarios/<id>.json  each run's resolved scenario (SoC and model paths absolute)
//   runs/<id>.h5         each run's trace, written through a temporary runs/<id>.h5.part-XXXXXXXXXXXX
//                        and renamed when complete (sim/trace_hdf5/durable_file.h)
//   logs/<id>.log        each run's stdout and stderr (likewise, renamed when the run ends)
//   manifest.jsonl       one line per run that ended (index, id, coordinates, seed, exit code,
//                        trace), appended with one write(2) on an O_APPEND descriptor, so
//                        processes sharing DIR (shards) never interleave lines
//   summary.csv, index.h5  written by socsim merge
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "cli/campaign/campaign.h"
#include "cli/sweep/process_pool.h"

namespace socsim::cli {

// Loads the campaign and expands it; each run's scheduler and parameters are checked too.
struct Sweep {
  config::Campaign campaign;
  std::vector<config::CampaignRun> runs;
};
Sweep plan_sweep(const std::string& campaign_path, bool force);

struct Shard {
  size_t k = 1, n = 1;  // shard k of n, 1-based
};
Shard parse_shard(const std::string& text);  // "K/N"; throws UsageError

// Creates DIR's folders and writes DIR/campaign.json, or checks that the one there lists the
// same runs. Else ConfigError: DIR belongs to another campaign; or to this campaign with runs whose
// ids changed (their SoC, model or profile data, or the socsim build, changed: see run ids in
// sim/config/campaign.h) — with `resume`, those runs' manifest lines and files are dropped and
// the new run list recorded, so they run again (every shard sharing DIR must see the same data).
void prepare_dir(const std::string& dir, const Sweep& sweep, bool resume);

// Indices of the runs this process does: those of its shard (run i belongs to shard i mod N + 1).
// With `resume`, runs listed as finished (exit 0) whose trace exists are skipped; so are runs whose
// complete trace runs/<id>.h5 exists without a manifest line (a sweep killed while its children
// finished: the line is appended now, exit code 0); temporaries that killed writers left in runs/,
// logs/ and scenarios/ and the interrupted traces of the remaining runs are deleted. Without it, a run of the shard that
// the manifest already lists as finished is an error (ConfigError: pass --resume or use another
// DIR), so that no run is recorded twice.
std::vector<size_t> select_runs(const std::string& dir, const Sweep& sweep, const Shard& shard, bool resume);

// Writes DIR/scenarios/<id>.json of each run in `todo` (atomically: temporary file, rename).
void write_scenarios(const std::string& dir, const Sweep& sweep, const std::vector<size_t>& todo);

// The `socsim run` child of a run. It runs in DIR with paths relative to it, so its trace (whose
// root attribute command_line records them) does not depend on where DIR is.
ChildRun child_for(const std::string& dir, const config::CampaignRun& run, const std::string& exe);

// Appends the run's manifest line to DIR/manifest.jsonl (one write on an O_APPEND descriptor).
void record_run(const std::string& dir, const Sweep& sweep, size_t index, int exit_code);

// The finished runs listed in DIR/manifest.jsonl (lines that do not parse are skipped).
std::vector<config::ManifestEntry> read_manifest(const std::string& dir);

// Progress of a sweep's runs on stderr (never stdout): "sweep: 12/40 runs done, 0 failed, elapsed
// 0m31s, ETA 1m12s". On a terminal one line redrawn in place after every run; otherwise (a log
// file, CI) a plain line at most every kPlainPeriod, and always one when the last run ends.
class Progress {
 public:
  static constexpr std::chrono::seconds kPlainPeriod{10};
  Progress(size_t total, const std::string& what);
  void done(bool failed);
  size_t failures() const { return failed_; }

 private:
  size_t total_, done_ = 0, failed_ = 0;
  std::string what_;
  bool tty_;
  std::chrono::steady_clock::time_point start_, last_line_;
};

// The MPI backend (cli/sweep/mpi/sweep_mpi.cpp; only when socsim was built with MPI). Initialises
// MPI; rank 0 calls `prepare` (which prepares DIR and returns the runs to do; an exception there
// stops every rank), then hands the runs out one at a time to the other ranks, which run them as
// children, and records each as it ends. With one rank, rank 0 runs them itself. Returns the
// failed runs on rank 0 (0 on the others), and writes the rank to `rank`.
bool mpi_available();
struct MpiResult {
  int rank = 0;
  size_t todo = 0, failures = 0;
};
MpiResult dispatch_mpi(const std::string& dir, const Sweep& sweep, const std::string& exe,
                       const std::function<std::vector<size_t>()>& prepare);

}  // namespace socsim::cli
