// The design space of a task on a SoC (CARIN.md §1): every (variant, precision, engine, threads)
// that serves the task's DNN task and that this SoC has a profile for. A missing profile means an
// infeasible combination (an int8 graph on a GPU, an NPU the SoC lacks), exactly as a real
// profiling campaign would leave it out.
#pragma once

#include <string>
#include <vector>

#include "sim/spec/models.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"

namespace socsim::solver {

// The library task a scenario task draws its variants from: its dnn_task, else its design's
// variant's task. Throws RunError when neither names one.
std::string dnn_task_of(const spec::ModelLibrary& lib, const spec::Task& task);

// The task's designs on `soc`, in a canonical order (spec::Design's ordering), without
// duplicates. Empty when the library has no variant or no profile for the task on this SoC.
std::vector<spec::Design> enumerate_designs(const spec::Soc& soc, const spec::ModelLibrary& lib,
                                            const spec::Task& task);

}  // namespace socsim::solver
