#include "solver/register.h"

#include "solver/carin_scheduler.h"
#include "solver/first_come_first_served.h"
#include "solver/fixed_scheduler.h"
#include "solver/heft.h"
#include "solver/least_slack_time.h"
#include "solver/round_robin.h"
#include "solver/shortest_expected_latency.h"
#include "solver/multi_dnn_unaware.h"
#include "solver/oodin_scheduler.h"
#include "solver/oracle_scheduler.h"
#include "solver/single_model.h"
#include "solver/transferred.h"

namespace socsim::solver {
namespace {

sched::SchedulerInfo planner(sched::SchedulerInfo info) {
  info.plans_with_slo = true;
  return info;
}

}  // namespace

void register_builtin_schedulers(sched::Registry& registry) {
  registry.add({"fixed", "Runs each task's design as named in the scenario (tasks[i].design); no adaptation.", {},
                [](const sched::Params&) { return std::make_unique<FixedScheduler>(); }});
  registry.add(planner(CarinScheduler::info()));

  // Request-level dispatchers after Band (MobiSys 2022): each request of a task runs its design's
  // variant and precision on a processor chosen per request (solver/dispatcher.h).
  registry.add({"round_robin",
                "Per request, the next of the task's profiled processors in turn (the scenario design's variant "
                "and precision on every engine that has a profile of it); load-unaware.",
                {},
                [](const sched::Params&) { return std::make_unique<RoundRobinDispatcher>(); }});
  registry.add({"shortest_expected_latency",
                "Per request, at arrival, the profiled processor with the earliest expected finish (profiled "
                "latency + expected work already sent there).",
                {},
                [](const sched::Params&) { return std::make_unique<ShortestExpectedLatencyDispatcher>(); }});
  registry.add(
      {"least_slack_time",
       "SLO-aware: holds requests and gives each idle processor the held request with the least slack "
       "(deadline - now - expected finish) among those it would finish first.",
       {{"drop_hopeless", "bool", "true",
         "drop a held request once even its earliest expected finish misses its deadline"}},
       [](const sched::Params& p) { return std::make_unique<LeastSlackTimeDispatcher>(p.flag("drop_hopeless")); }});
  registry.add({"heft",
                "Heterogeneous Earliest Finish Time: holds requests, sends each to its earliest-finish processor "
                "once idle, highest upward rank (mean expected latency over processors) first.",
                {},
                [](const sched::Params&) { return std::make_unique<HeftDispatcher>(); }});
  registry.add({"fcfs",
                "First come, first served, work-conserving: one queue per task shared by its profiled processors; "
                "the oldest held request goes to the first idle one (SoC order). With c identical processors: M/G/c.",
                {},
                [](const sched::Params&) { return std::make_unique<FirstComeFirstServedDispatcher>(); }});
  registry.add(planner(OodinScheduler::info()));
  registry.add(planner(single_model_info()));
  registry.add(planner(TransferredScheduler::info()));
  registry.add(planner(MultiDnnUnawareScheduler::info()));
  registry.add(planner(OracleScheduler::info()));
}

}  // namespace socsim::solver
