#include "solver/first_come_first_served.h"

namespace socsim::solver {

const Route* FirstComeFirstServedDispatcher::target(const sched::SchedulerContext& ctx, uint32_t task) const {
  const Route* first_online = nullptr;
  for (const Route& c : candidates(task)) {
    if (!ctx.online(c.processor)) continue;
    if (idle(c.processor)) return &c;
    if (!first_online) first_online = &c;
  }
  return first_online;
}

}  // namespace socsim::solver
