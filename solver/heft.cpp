#include "solver/heft.h"

namespace socsim::solver {

HoldingDispatcher::Priority HeftDispatcher::priority(const sched::SchedulerContext&, const Request& r,
                                                     const Route&) const {
  const auto& cands = candidates(r.task);
  double sum_ns = 0;
  for (const Route& c : cands) sum_ns += static_cast<double>(c.expected.count_ns());
  return {-sum_ns / static_cast<double>(cands.size()), false};  // highest rank first
}

}  // namespace socsim::solver
