#include "solver/single_model.h"

#include <optional>

#include "sim/core/error.h"
#include "solver/carin_scheduler.h"
#include "solver/design_space.h"

namespace socsim::solver {

std::vector<std::string> split_variants(const std::string& param) {
  std::vector<std::string> out;
  if (param.empty()) return out;
  size_t start = 0;
  while (true) {
    const size_t comma = param.find(',', start);
    out.push_back(param.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

CarinPlan plan_single_model(const spec::Soc& soc, const spec::ModelLibrary& lib, const spec::Scenario& app,
                            const CarinOptions& opts, const std::vector<std::string>& variants,
                            std::vector<std::string>* chosen) {
  const auto bad_param = [&](const std::string& message) {
    return ConfigError({{app.file, "/scheduler/params/variant", "single_model: " + message}});
  };
  if (!variants.empty() && variants.size() != app.tasks.size())
    throw bad_param("names " + std::to_string(variants.size()) + " variant(s) but the app has " +
                    std::to_string(app.tasks.size()) + " task(s) (give one per task, comma-separated)");
  Profiler profiler(soc, lib, app, opts.profile);
  std::optional<CarinPlan> unrestricted;  // rule 3, computed at most once
  std::vector<std::string> pick(app.tasks.size());
  for (size_t t = 0; t < app.tasks.size(); ++t) {
    const spec::Task& task = app.tasks[t];
    if (t < variants.size() && !variants[t].empty()) {
      pick[t] = variants[t];
      const spec::Variant* v = lib.find_variant(pick[t]);
      const std::string dnn_task = dnn_task_of(lib, task);
      if (!v) throw bad_param("task \"" + task.name + "\": unknown variant \"" + pick[t] + "\"");
      if (v->task != dnn_task)
        throw bad_param("task \"" + task.name + "\": variant \"" + pick[t] + "\" serves " + v->task + ", not " +
                        dnn_task);
    } else if (task.design) {
      pick[t] = task.design->variant;
    } else {
      if (!unrestricted) {
        CarinOptions all = opts;
        all.keep = nullptr;
        unrestricted = plan_carin(profiler, soc, lib, app, all);
      }
      pick[t] = unrestricted->candidates[unrestricted->result.design_set.front().candidate].designs[t].variant;
    }
  }
  CarinOptions restricted = opts;
  restricted.keep = [pick, outer = opts.keep](size_t task, const spec::Design& d) {
    return d.variant == pick[task] && (!outer || outer(task, d));
  };
  if (chosen) *chosen = pick;
  return plan_carin(profiler, soc, lib, app, restricted);
}

sched::SchedulerInfo single_model_info() {
  auto params = carin_plan_params();
  for (auto& p : runtime_manager_params()) params.push_back(std::move(p));
  params.insert(params.begin(),
                {"variant",
                 "string",
                 "",
                 "the one model variant per task (comma-separated, one per task, for multi-DNN apps); empty: the "
                 "variant of the task's scenario design, else of CARIn's d0",
                 {},
                 {}});
  return {"single_model",
          "Single-model baseline (reconstruction, CARIN.md §5): each task's design space restricted to one model "
          "variant, then CARIn's RASS and Runtime Manager",
          params, [](const sched::Params& p) {
            const std::vector<std::string> variants = split_variants(p.text("variant"));
            CarinScheduler::Planner planner = [variants](sched::SchedulerContext& ctx, const CarinOptions& o) {
              return plan_single_model(ctx.soc(), ctx.models(), ctx.scenario(), o, variants);
            };
            return std::make_unique<CarinScheduler>(carin_options(p), rm_options(p), std::move(planner));
          }};
}

}  // namespace socsim::solver
