#include "solver/least_slack_time.h"

#include <limits>

namespace socsim::solver {

HoldingDispatcher::Priority LeastSlackTimeDispatcher::priority(const sched::SchedulerContext& ctx, const Request& r,
                                                               const Route& best) const {
  const auto& deadline = ctx.scenario().tasks[r.task].deadline;
  if (!deadline) return {std::numeric_limits<double>::infinity(), false};
  const Duration slack = (r.arrival + *deadline) - (ctx.now() + finish_in(best, ctx.now()));
  return {static_cast<double>(slack.count_ns()), drop_hopeless_ && slack < Duration{}};
}

}  // namespace socsim::solver
