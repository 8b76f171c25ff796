// `fcfs` (first come, first served, work-conserving): requests wait in one queue shared by all of
// the task's candidate processors (solver/dispatcher.h, HoldingDispatcher); whenever a candidate is
// idle (nothing this dispatcher sent there is outstanding) the oldest held request that may run
// there is sent to it — to the first idle online candidate in the SoC's processor order. A request
// waits only while every candidate of its task is busy (or offline). No parameters.
//
// With c identical processors (same kind, same profile) this is the textbook M/G/c queue: one FIFO
// queue, c servers, no server idles while a request waits — the discipline Erlang's C formula
// assumes (tests/validation). Unlike earliest-finish dispatch (least_slack_time, heft), it never
// holds a request for a faster busy processor while a slower one is idle, and it uses no latency
// estimate: the profiles only decide which processors are candidates.
#pragma once

#include "solver/dispatcher.h"

namespace socsim::solver {

class FirstComeFirstServedDispatcher final : public HoldingDispatcher {
 public:
  FirstComeFirstServedDispatcher() : HoldingDispatcher("fcfs") {}

 private:
  // Every held request has the same key, so the oldest goes first.
  Priority priority(const sched::SchedulerContext&, const Request&, const Route&) const override { return {}; }
  // The first idle online candidate, else the first online one (where the request waits).
  const Route* target(const sched::SchedulerContext& ctx, uint32_t task) const override;
};

}  // namespace socsim::solver
