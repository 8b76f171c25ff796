// Private to sim/config: scenario files and the SoC and library they name.
#pragma once

#include <optional>

#include "sim/config/config.h"
#include "sim/config/json_parse_impl.h"

namespace socsim::config {

// Schema and conversion of the parsed scenario document of `r.file()`, with the SoC and models
// paths resolved relative to the file's folder. Returns the scenario whenever the schema passed
// (time values that do not convert are reported); the semantic checks are separate.
std::optional<spec::Scenario> scenario_from_json(const Json& doc, Reporter& r);

// The scenario of `doc` with the SoC and library it names, all checked: each file's errors are
// reported against that file. Returns it when no file had errors.
std::optional<LoadedScenario> resolve_scenario(const Json& doc, Reporter& r, Diagnostics& d);

// The checks that need only the scenario: a positive duration and deadlines, unique task names,
// a design for every task under the fixed scheduler.
void check_scenario_alone(const spec::Scenario& sc, Reporter& r);

// Each task's design against the SoC and library: the variant, its build at the precision, the
// processor, engine/precision and threads, and a latency profile on this SoC.
void check_designs(const spec::Scenario& sc, const spec::Soc& soc, const spec::ModelLibrary& lib, Reporter& r);

}  // namespace socsim::config
