// Loading and validating socsim's configuration files. The only module that parses JSON.
//
// Every loader validates in two layers: the JSON Schema of its kind (structure, types, ranges,
// unknown keys; valijson) and then semantic checks (references resolve, tables sorted, names
// unique, values that round to 0 ns, ...). Duplicate keys are detected while parsing. All
// problems found are collected and thrown together as one ConfigError whose diagnostics name the
// file, the JSON pointer, the bad value and what was expected. A missing or unreadable file is a
// ConfigError too (the user named a bad path), with an empty pointer.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.h"  // ConfigError, thrown by every function here
#include "sim/spec/models.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"

namespace socsim::config {

enum class Kind { kSoc, kModelFamily, kProfiles, kScenario, kCampaign };

inline constexpr Kind kAllKinds[] = {Kind::kSoc, Kind::kModelFamily, Kind::kProfiles, Kind::kScenario,
                                     Kind::kCampaign};

const char* to_string(Kind k);  // "soc", "model_family", "profiles", "scenario", "campaign"
std::optional<Kind> parse_kind(std::string_view name);
// The JSON Schema text of a kind (as printed by `socsim schema KIND`).
std::string_view schema_text(Kind k);

spec::Soc load_soc(const std::string& path);

// A SoC reference as `run --soc`, `compare --soc`, campaigns' soc axis and the transferred
// baseline's from_soc take it: a path (it contains '/' or ends in ".json") names a file; anything
// else is a SoC name, looked up as <name>.json in the folder of `beside` (a SoC file, e.g. the
// scenario's).
bool is_soc_file_ref(const std::string& ref);
std::string soc_file(const std::string& ref, const std::string& beside);
// The SoC names of a folder: the stems of its *.json files, sorted.
std::vector<std::string> soc_names_in(const std::string& dir);
// soc_file, checked: a SoC name without a file beside `beside` is a ConfigError naming `origin`
// (e.g. "--soc", or a file and `pointer` in it), listing the SoC names there with a "did you mean".
std::string find_soc(const std::string& ref, const std::string& beside, const std::string& origin,
                     const std::string& pointer = "");

// Loads every family file `<dir>/*.json` and every profile file `<dir>/profiles/*.json` (each
// named after its SoC), in sorted file-name order, and checks the library's own consistency
// (unique variant names, profiles naming known variants and builds, engine/precision
// compatibility). With `profile_socs`, only those SoCs' profile files are read (faster: a run
// needs one).
spec::ModelLibrary load_model_library(const std::string& dir, const std::vector<std::string>& profile_socs = {});

// A scenario with the SoC and model library it names (paths relative to the scenario file), and
// cross-checked: every design's variant, build, engine and thread count exist, and a profile
// exists for it on that SoC; every dnn_task is a task of the library that the design's variant
// serves; events and DVFS settings name processors (or CPU clusters) of the SoC, and userspace
// frequencies lie within their domains' operating points. Events are sorted by time (stable), and
// a task without a dnn_task but with a design gets the task its variant serves.
struct LoadedScenario {
  spec::Scenario scenario;
  spec::Soc soc;
  spec::ModelLibrary models;
};
LoadedScenario load_scenario(const std::string& path);

// Re-checks a scenario after command-line overrides (seed, duration, scheduler) were applied.
// Diagnostics about events index them in time order.
void check_scenario(const LoadedScenario& s);

// Validates one file of any kind; the kind is recognised from its top-level keys
// ("processors" -> soc, "family" -> model_family, "profiles" -> profiles, "tasks" -> scenario,
// "axes" -> campaign). A scenario is validated together with the SoC and library it names. A
// campaign is checked by `check_campaign` (called with the path; its ConfigError's diagnostics are
// reported as the file's): campaign planning lives above this layer, in cli/campaign/, whose
// config::check_campaign_file validates the base scenario and every run the campaign expands to.
// Without `check_campaign`, a campaign file is a programming error (std::logic_error).
using CampaignCheck = std::function<void(const std::string& path)>;
Kind validate_file(const std::string& path, const CampaignCheck& check_campaign = nullptr);

// The fully resolved inputs of a run, as canonical JSON text (sorted keys, defaults filled in,
// times in the file's units). Only the SoC's own profiles are included in the library document.
std::string to_json(const spec::Soc& soc);
std::string to_json(const spec::ModelLibrary& lib, const std::string& soc_name);
std::string to_json(const spec::Scenario& sc);

}  // namespace socsim::config
