// `single_model`: CARIn's "single-model designs" baseline (CARIN.md §5).
//
// [known] CARIn compares against designs restricted to one model, and beats them.
// [choice] our reconstruction: each task's design space is restricted to ONE model architecture
// (variant); precision, engine and threads are still optimised, by exactly CARIn's machinery —
// RASS over the restricted space and the Runtime Manager switching within its design set
// (solver/carin_scheduler.h, reused with a planner that sets CarinOptions::keep).
//
// Which variant [choice], per task:
//   1. the `variant` parameter: one variant name for a single-task app, or a comma-separated list
//      with one entry per task for a multi-DNN app (an empty entry falls through to rule 2);
//   2. else the variant of the task's `design` in the scenario, when it names one;
//   3. else the variant of the task's design in CARIn's d0 (RASS over the unrestricted space) —
//      the model CARIn would pick first, now frozen.
// A named variant must exist and serve the task's dnn_task; otherwise the run fails with a
// ConfigError on /scheduler/params/variant.
#pragma once

#include <string>
#include <vector>

#include "sim/sched/registry.h"
#include "solver/carin_plan.h"

namespace socsim::solver {

// The single-model plan: each task's variant chosen by the rules above (`variants[t]` empty:
// rules 2-3; `variants` may be empty), then plan_carin over the restricted spaces.
// `chosen` (optional) receives the variant of each task.
CarinPlan plan_single_model(const spec::Soc& soc, const spec::ModelLibrary& lib, const spec::Scenario& app,
                            const CarinOptions& opts, const std::vector<std::string>& variants,
                            std::vector<std::string>* chosen = nullptr);

// Splits the `variant` parameter: "" -> {}, "a" -> {"a"}, "a,,c" -> {"a", "", "c"}.
std::vector<std::string> split_variants(const std::string& param);

sched::SchedulerInfo single_model_info();

}  // namespace socsim::solver
