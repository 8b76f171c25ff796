// Campaign files: base scenarios and axes that expand into numbered runs (socsim sweep), and the
// small JSON files a sweep keeps beside its runs (the run plan and the manifest lines).
//
// A campaign names one "base" scenario, or a "scenario" axis whose values are scenario files (so
// one campaign can sweep several apps, and, in zip mode, give each its own scheduler choices).
//
// Expansion order is canonical: in cartesian mode the first axis varies slowest and the last
// fastest; in zip mode the i-th values of every axis go together; replications are innermost.
// Run i of a campaign is the same run whoever expands it (any shard, any MPI rank).
//
// Seeds: a seed axis gives them. Otherwise replication r of every combination runs with
//   seed(r) = base                                                    for r = 0
//   seed(r) = splitmix64(base XOR fnv1a64("replication/" + r)) mod 2^53  for r > 0
// where base is the campaign's "seed", else the run's base scenario's. Every combination of one
// replication uses the same seed (common random numbers: compared runs see the same arrivals),
// and a one-replication campaign reproduces `socsim run` of each variant.
//
// Run ids: the first 16 hex digits of the SHA-256 of the run's identity: a canonical JSON text
// (sorted keys, no spaces) of the resolved scenario with the SoC and model paths made relative to
// the campaign file's folder, the SHA-256 of the resolved SoC and model library it runs on (the
// SoC, model families and that SoC's profiles as loaded: an edit to any of them that changes a
// value changes the id) and socsim's version and git commit. So a run id names one result: after
// a data edit or with another socsim build, `--resume` runs it again instead of reusing a stale
// trace. Identical resolved scenarios are an error (two runs would be one).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/error.h"
#include "sim/spec/scenario.h"

namespace socsim::config {

enum class AxisKind { kPointer, kSoc, kScheduler, kSeed, kScenario };

struct CampaignAxis {
  std::string name;
  AxisKind kind = AxisKind::kPointer;
  std::string pointer;              // kPointer only
  std::vector<std::string> values;  // each value as compact JSON text
  std::vector<std::string> labels;  // each value as shown (see label rules in the schema)
  std::vector<size_t> scenario;     // kScenario only: each value's index in Campaign::scenarios
};

struct Campaign {
  std::string file;       // as the user named it
  std::string name;       // "name", else the file's stem
  // The base scenarios' paths (relative to the working directory): the "base", or the distinct
  // files of the scenario axis in order of first appearance.
  std::vector<std::string> scenarios;
  bool zip = false;
  int replications = 1;
  std::optional<uint64_t> seed;
  size_t max_runs = 10000;
  std::vector<std::pair<std::string, std::string>> set;  // pointer, compact JSON value
  std::vector<CampaignAxis> axes;
  std::string text;       // the campaign file's content
};

struct CampaignRun {
  size_t index = 0;
  std::string id;                   // 16 hex digits
  std::vector<size_t> value_index;  // per axis
  size_t replication = 0;
  uint64_t seed = 0;
  std::vector<std::string> coordinates;  // per axis, the value's label
  std::string scenario_json;        // the resolved scenario, SoC and model paths absolute
};

// Reads and checks a campaign file: schema, then semantics (a base scenario or a scenario axis,
// not both; every base scenario loads; axis names unique and not reserved; special axes have no
// pointer and values of their type; every pointer names a place in every base scenario; zip axes
// equally long; replications not with a seed axis).
// Throws ConfigError with every problem found, each naming the campaign file and a pointer in it.
Campaign load_campaign(const std::string& path);

// What `socsim validate` checks of a campaign file: it loads and every run it expands to is valid.
// The check config::validate_file takes for campaign files. Throws ConfigError.
void check_campaign_file(const std::string& path);

// Runs the campaign expands to, before any is checked.
size_t campaign_size(const Campaign& c);

struct ExpandOptions {
  bool force = false;  // allow more than max_runs runs
  // Further checks of each run's resolved scenario (e.g. its scheduler's name and parameters);
  // throws ConfigError. Called once per distinct scheduler choice (name, parameters, SoC file).
  // Returns the text of any further input the run reads (e.g. the transferred baseline's origin
  // SoC and its profiles), hashed into the run id so --resume reruns a run when it changes;
  // empty when there is none.
  std::function<std::string(const spec::Scenario&)> check;
};

// Expands the campaign and re-validates every run's scenario. A value that makes the scenario
// invalid is reported at the axis value (/axes/<i>/values/<j>) with the scenario's own diagnostic;
// a combination that is invalid though each value alone is not, at /axes with the run's
// coordinates. More runs than max_runs without `force` is an error. Throws ConfigError.
std::vector<CampaignRun> expand_campaign(const Campaign& c, const ExpandOptions& opts = {});

// The seed of replication r (see the top of this file).
uint64_t replication_seed(uint64_t base, size_t replication);

// ---- Writing campaigns: socsim compare writes the zip campaign of its matrix.
struct ZipRun {
  std::string scenario;                        // path relative to the campaign's folder (or absolute)
  std::optional<std::string> soc;              // a SoC name or file; nullopt: the scenario's own
  std::string scheduler;                       // the scheduler's name, label and params
  std::string scheduler_label;
  std::map<std::string, std::string> params;   // values as text, as on the command line
  uint64_t seed = 0;
};
// A zip campaign of `runs` in order: axes scenario, soc (when the runs give one), scheduler, seed;
// `set` (pointer, JSON text) applies to every run. Every run's soc is given, or none.
std::string zip_campaign_text(const std::string& name, const std::string& description, const std::vector<ZipRun>& runs,
                              const std::vector<std::pair<std::string, std::string>>& set);

// ---- The files of a sweep directory.

// DIR/campaign.json: the campaign file's text, its path and the expanded run list, so that merge
// and resume know what is expected without re-reading the scenario files.
struct PlannedRun {
  size_t index = 0;
  std::string id;
  std::vector<std::string> coordinates;
  size_t replication = 0;
  uint64_t seed = 0;
};
struct RunPlan {
  std::string campaign_file;
  std::string campaign_sha256;
  std::vector<std::string> axes;  // axis names
  std::vector<PlannedRun> runs;
};
std::string plan_json(const Campaign& c, const std::vector<CampaignRun>& runs);
RunPlan read_plan(const std::string& path);  // throws ConfigError

// The columns of DIR/summary.csv (socsim merge) besides the axes', in order: `lead` before the axes,
// `task` after them (one row per run x task: the trace's /summary table), and `run` last (the
// run's provenance and /summary attributes, repeated on each of its rows). No axis but the special
// ones may take one of these names; the seed axis has no column of its own (`seed` says it).
struct SummaryColumns {
  std::vector<std::string> lead, task, run;
};
const SummaryColumns& summary_columns();

// One line of DIR/manifest.jsonl (no newline inside): a run that ended.
struct ManifestEntry {
  size_t index = 0;
  std::string id;
  std::map<std::string, std::string> coordinates;
  uint64_t seed = 0;
  int exit_code = 0;
  std::string trace;  // relative to DIR
};
std::string manifest_line(const ManifestEntry& e);  // ends with '\n'
// nullopt for a line that is not a complete manifest entry.
std::optional<ManifestEntry> parse_manifest_line(const std::string& line);

}  // namespace socsim::config
