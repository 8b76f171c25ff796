// `least_slack_time` (SLO-aware): requests wait in the dispatcher's own queue; whenever a processor
// is idle (nothing this dispatcher sent there is outstanding) it gets the held request with the
// least slack among those whose earliest-finish candidate it is (solver/dispatcher.h,
// HoldingDispatcher), where
//   slack = deadline - now - expected finish on its earliest-finish online candidate
// (deadline = arrival + the task's deadline; for an idle processor the expected finish is just the
// candidate's expected latency). Tasks without a deadline have infinite slack: they go after
// every request with a deadline, in arrival order.
//
// Parameters: drop_hopeless (bool, default true): drop a held request as soon as its slack is
// negative, i.e. even its earliest expected finish misses the deadline; it frees the processor
// for requests that can still make theirs (the drop counts as a violation).
//
// Reconstruction of Band's LeastSlackFirstScheduler (Jeong et al., MobiSys 2022): a global queue
// sorted by slack (deadline - now - shortest expected latency including the worker's waiting
// time); each request goes to its shortest-latency worker if that worker is idle, otherwise it
// stays queued; a request whose shortest expected latency already exceeds its SLO is marked an
// SLO violation and taken off the queue. [choice] Band looks at a window of the queue
// (window_size); here every held request (at most the tasks' max_queue) is considered.
// [choice] A request waits for its earliest-finish processor even while a slower one is idle (as
// Band does): running on the slower one would be expected to finish later.
#pragma once

#include "solver/dispatcher.h"

namespace socsim::solver {

class LeastSlackTimeDispatcher final : public HoldingDispatcher {
 public:
  explicit LeastSlackTimeDispatcher(bool drop_hopeless)
      : HoldingDispatcher("least_slack_time"), drop_hopeless_(drop_hopeless) {}

 private:
  Priority priority(const sched::SchedulerContext& ctx, const Request& r, const Route& best) const override;

  bool drop_hopeless_;
};

}  // namespace socsim::solver
