#include "solver/round_robin.h"

namespace socsim::solver {

void RoundRobinDispatcher::on_start(sched::SchedulerContext& ctx) {
  Dispatcher::on_start(ctx);
  next_.assign(ctx.scenario().tasks.size(), 0);
}

void RoundRobinDispatcher::arrived(sched::SchedulerContext& ctx, const Request& r) {
  const auto& cands = candidates(r.task);
  for (size_t k = 0; k < cands.size(); ++k) {
    const size_t i = (next_[r.task] + k) % cands.size();
    if (!ctx.online(cands[i].processor)) continue;
    next_[r.task] = (i + 1) % cands.size();
    send(ctx, r, cands[i]);
    return;
  }
  send(ctx, r, own(r.task));
}

}  // namespace socsim::solver
