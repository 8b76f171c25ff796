#include "solver/shortest_expected_latency.h"

namespace socsim::solver {

void ShortestExpectedLatencyDispatcher::arrived(sched::SchedulerContext& ctx, const Request& r) {
  const Route* best = earliest_finish(ctx, r.task);
  send(ctx, r, best ? *best : own(r.task));
}

}  // namespace socsim::solver
