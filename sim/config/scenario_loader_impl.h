// Private to sim/config: scenario files and the SoC and library they name.
#pragma once

#include <optional>

#include "sim/config/config.h"
#include "sim/config/json_parse_impl.h"

namespace socsim::config {

// Schema and conversion of the parsed scenario document of `r.file()`, with the SoC and models
// paths resolved relative to the file's folder. Returns the scenario whenever the schema passed
// (time values that do not convert, and thermal events of no single form, are reported); the
// semantic checks are separate. Events are in file order, so that the checks' pointers index the
// file; resolve_scenario sorts them by time once every check has passed.
std::optional<spec::Scenario> scenario_from_json(const Json& doc, Reporter& r);

// The scenario of `doc` with the SoC and library it names, all checked: each file's errors are
// reported against that file. Returns it when no file had errors.
std::optional<LoadedScenario> resolve_scenario(const Json& doc, Reporter& r, Diagnostics& d);

// The checks that need only the scenario: a positive duration and deadlines, unique task names,
// a design for every task under the fixed scheduler, no objective metric twice in one SLO.
void check_scenario_alone(const spec::Scenario& sc, Reporter& r);

// What the scenario names in its SoC and library. Each task's design: the variant, its build at
// the precision, the processor, engine/precision and threads, and a latency profile on this SoC.
// Each task's dnn_task: a task of the library, served by the design's variant. The processors of
// runtime events, and the DVFS policy (see check_dvfs_policy). Event pointers index
// sc.events as they are: the file's order before resolve_scenario sorts them, time order after.
void check_references(const spec::Scenario& sc, const spec::Soc& soc, const spec::ModelLibrary& lib, Reporter& r);

// Sets the dnn_task of each task that has none but a design to the task its variant serves.
// Call on a checked scenario.
void infer_dnn_tasks(spec::Scenario& sc, const spec::ModelLibrary& lib);

}  // namespace socsim::config
