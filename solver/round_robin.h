// `round_robin`: each task's requests go to its candidate processors in turn (solver/dispatcher.h
// for the candidates), skipping offline ones. No parameters.
//
// Reconstruction of Band's RoundRobinScheduler (Jeong et al., MobiSys 2022). [choice] Band pulls:
// each idle worker takes the first queued request it can run. Here the rotation is per task and
// decided at arrival, so it spreads a task evenly over its processors whatever they cost — the
// load-unaware baseline the other dispatchers are measured against. When every candidate is
// offline the request waits on the scenario's own design.
#pragma once

#include <vector>

#include "solver/dispatcher.h"

namespace socsim::solver {

class RoundRobinDispatcher final : public Dispatcher {
 public:
  RoundRobinDispatcher() : Dispatcher("round_robin") {}
  void on_start(sched::SchedulerContext& ctx) override;

 private:
  void arrived(sched::SchedulerContext& ctx, const Request& r) override;

  std::vector<size_t> next_;  // per task: the candidate whose turn it is
};

}  // namespace socsim::solver
