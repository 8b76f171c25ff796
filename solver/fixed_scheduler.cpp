#include "solver/fixed_scheduler.h"

#include "sim/core/error.h"

namespace socsim::solver {

void FixedScheduler::on_start(sched::SchedulerContext& ctx) {
  for (const auto& task : ctx.scenario().tasks) {
    if (!task.design) throw RunError("fixed scheduler: task \"" + task.name + "\" names no design");
    design_of_task_.push_back(ctx.design_id(*task.design));
    ctx.load_model(static_cast<uint32_t>(design_of_task_.size() - 1), design_of_task_.back());  // at app start
  }
}

void FixedScheduler::on_arrival(sched::SchedulerContext& ctx, const Request& r) {
  ctx.dispatch(r, design_of_task_[r.task]);
}

}  // namespace socsim::solver
