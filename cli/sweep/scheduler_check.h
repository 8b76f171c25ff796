// The checks of a run's scheduler that need more than its parameters: the scheduler is created
// (name, every parameter's key, type and range) and the files it reads are loaded (the
// `transferred` baseline's origin SoC; solver/ reads no files). Shared by `run` (prepare_scenario),
// `validate` and every sweep and compare run check, so that they refuse exactly the same inputs.
#pragma once

#include <string>

#include "sim/sched/registry.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"
#include "solver/transferred.h"

namespace socsim::cli {

// Throws ConfigError naming sc.file and the /scheduler pointer. Returns the further input the
// scheduler reads, as text (the transferred baseline's origin SoC and the library's profiles on
// it, as config::to_json writes them; empty for every other scheduler): sweeps hash it into run
// ids, so that --resume reruns a run whose origin data changed.
std::string check_scheduler(const sched::Registry& registry, const spec::Scenario& sc);

// The origin SoC of the transferred baseline: its from_soc parameter, a SoC name beside the
// scenario's SoC or a file (config::soc_file). Throws ConfigError at /scheduler/params/from_soc
// when it is missing or cannot be loaded (followed by the SoC file's own diagnostics).
spec::Soc origin_soc(const solver::TransferredScheduler& t, const spec::Scenario& sc);

}  // namespace socsim::cli
