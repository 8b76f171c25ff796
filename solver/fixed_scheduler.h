// `fixed`: every request of a task runs the design the scenario names for that task
// (tasks[i].design). No adaptation; the baseline every other policy is compared with.
#pragma once

#include <vector>

#include "sim/sched/scheduler.h"

namespace socsim::solver {

class FixedScheduler final : public sched::Scheduler {
 public:
  void on_start(sched::SchedulerContext& ctx) override;
  void on_arrival(sched::SchedulerContext& ctx, const Request& r) override;

 private:
  std::vector<int32_t> design_of_task_;
};

}  // namespace socsim::solver
