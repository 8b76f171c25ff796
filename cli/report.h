// Prints a run's summary on stdout as a table, CSV or JSON: the same numbers in each.
#pragma once

#include <ostream>
#include <string>

#include "cli/options.h"
#include "cli/run_job.h"

namespace socsim::cli {

void print_summary(std::ostream& out, const RunOutcome& run, const std::string& trace_path, Format f);

}  // namespace socsim::cli
