// `heft` (Heterogeneous Earliest Finish Time, Topcuoglu et al. 2002, for a stream of requests):
// requests wait in the dispatcher's own queue; each goes to its earliest-finish online candidate
// (expected remaining work there + its expected latency, as in shortest_expected_latency) once
// that processor is idle; when several held requests could go, the one of highest upward rank
// goes first (ties: arrival order). No parameters.
//
// Upward rank: in HEFT, a node's mean computation cost over the processors plus the largest
// rank of its successors; a request is a one-node graph (one inference, no successors), so
// [choice] its rank is the mean expected latency over all of its task's candidates (online or
// not: the rank is static, as HEFT computes it before scheduling). Long inferences go first —
// the longest job first rule of list scheduling.
//
// Reconstruction of Band's HeterogeneousEarliestFinishTimeScheduler (Jeong et al., MobiSys 2022):
// a global queue; while workers are idle, among the requests whose shortest-finish worker is idle
// it sends the one whose shortest expected latency is the largest. [choice] Here the ranking key
// is the upward rank above rather than the shortest latency including waiting, and every held
// request is considered (Band: a window of the queue). The mechanism is solver/dispatcher.h's
// HoldingDispatcher.
#pragma once

#include "solver/dispatcher.h"

namespace socsim::solver {

class HeftDispatcher final : public HoldingDispatcher {
 public:
  HeftDispatcher() : HoldingDispatcher("heft") {}

 private:
  Priority priority(const sched::SchedulerContext& ctx, const Request& r, const Route& best) const override;
};

}  // namespace socsim::solver
