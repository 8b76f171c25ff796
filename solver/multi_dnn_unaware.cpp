#include "solver/multi_dnn_unaware.h"

#include "solver/carin_plan.h"

namespace socsim::solver {

sched::SchedulerInfo MultiDnnUnawareScheduler::info() {
  return {"multi_dnn_unaware",
          "Multi-DNN-unaware baseline (reconstruction, CARIN.md §5): each task solved alone by RASS on isolated "
          "profiles, the designs combined and deployed statically",
          profile_params(),
          [](const sched::Params& p) { return std::make_unique<MultiDnnUnawareScheduler>(profile_options(p)); }};
}

std::vector<spec::Design> MultiDnnUnawareScheduler::choose(sched::SchedulerContext& ctx) {
  Profiler profiler(ctx.soc(), ctx.models(), ctx.scenario(), profile_);
  return profile_isolated(profiler, ctx.soc(), ctx.models(), ctx.scenario(), CarinOptions{}).best;
}

}  // namespace socsim::solver
