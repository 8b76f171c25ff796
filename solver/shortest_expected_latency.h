// `shortest_expected_latency`: each request goes, at arrival, to the online candidate processor
// (solver/dispatcher.h) with the earliest expected finish: the expected remaining work this
// dispatcher already sent there plus the candidate's expected latency. No parameters.
//
// Reconstruction of Band's ShortestExpectedLatencyScheduler (Jeong et al., MobiSys 2022), which
// enqueues every request at once on the worker minimising profiled latency + worker waiting time.
// [choice] Band orders a window of simultaneous requests by their shortest latency, longest
// first; here requests are placed one by one in arrival order (the engine hands them over one at
// a time). Ties go to the first processor in the SoC's order. When every candidate is offline
// the request waits on the scenario's own design.
#pragma once

#include "solver/dispatcher.h"

namespace socsim::solver {

class ShortestExpectedLatencyDispatcher final : public Dispatcher {
 public:
  ShortestExpectedLatencyDispatcher() : Dispatcher("shortest_expected_latency") {}

 private:
  void arrived(sched::SchedulerContext& ctx, const Request& r) override;
};

}  // namespace socsim::solver
