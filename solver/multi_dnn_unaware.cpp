#include "solver/multi_dnn_unaware.h"

#include <cmath>

#include "solver/carin_plan.h"

namespace socsim::solver {

sched::SchedulerInfo MultiDnnUnawareScheduler::info() {
  return {"multi_dnn_unaware",
          "Multi-DNN-unaware baseline (reconstruction, CARIN.md §5): each task solved alone by RASS on isolated "
          "profiles, the designs combined and deployed statically",
          {
              {"profile_inferences", "integer", "100", "measured inferences per profiled design (after 2 warm-up ones)",
               1, 100000},
              {"profile_think_ms", "number", "0", "idle gap between profiled inferences, ms", 0, 60000},
          },
          [](const sched::Params& p) {
            ProfileOptions o;
            o.inferences = static_cast<int>(p.integer("profile_inferences"));
            o.think = Duration::ns(static_cast<int64_t>(std::nearbyint(p.number("profile_think_ms") * 1e6)));
            return std::make_unique<MultiDnnUnawareScheduler>(o);
          }};
}

std::vector<spec::Design> MultiDnnUnawareScheduler::choose(sched::SchedulerContext& ctx) {
  Profiler profiler(ctx.soc(), ctx.models(), ctx.scenario(), profile_);
  return profile_isolated(profiler, ctx.soc(), ctx.models(), ctx.scenario(), CarinOptions{}).best;
}

}  // namespace socsim::solver
