// Request-level dispatchers, reconstructed from Band (Jeong et al., "Band: Coordinated Multi-DNN
// Inference on Heterogeneous Mobile Processors", MobiSys 2022): per request, a processor is chosen
// among the profiled designs of one fixed model variant. This is the part they share: which
// designs a request may run, what each is expected to cost, and what the dispatcher has sent to
// each processor and not yet seen complete. The policies are round_robin.h,
// shortest_expected_latency.h, least_slack_time.h, heft.h and first_come_first_served.h.
//
// Candidates of a task. The scenario's design (tasks[i].design) fixes variant and precision —
// [choice] for a task without one (a use case naming only its dnn_task), those of its best design
// when solved alone by CARIn's per-task ranking (solver/carin_plan.h profile_isolated); a route (candidate) is every processor of the SoC with a profile of that variant and
// precision, one design per processor, in the SoC's processor order:
// - the scenario's own design on its own engine (with its threads and cluster mask);
// - [choice] another CPU: the profiled entry with the most threads (the fastest one, as Band
//   runs one CPU worker with all big cores);
// - an accelerator: its profile (threads 0).
// [choice] Every candidate's model is loaded at start (Band keeps every model resident on every
// processor that supports it); this costs memory the fixed scheduler does not spend.
//
// Expected latency of a candidate = its profile's latency_mean (what Band's profiler measures and
// a dispatcher may know) — never the engine's internals. [choice] It ignores the CPU cluster mask
// rescaling, DVFS, background load and contention; errors show up as observed latency.
//
// Outstanding work ([choice], Band's "worker waiting time"): each processor is modelled as one
// FIFO server of the requests this dispatcher sent there. Its backlog is the sum of their expected
// latencies minus the time the oldest one has been served (counted from when it was sent to an
// empty processor, or from the last completion there), never below zero for that one. Exact for
// FIFO accelerators; for the CPU, which shares its cores among concurrent inferences, it is the
// same approximation Band makes.
//
// Requests the engine drops on dispatch (their model could not be loaded) never complete. They
// are forgotten when the processor provably does not hold them: a request sent more than its
// model's load time ago must be queued or running there, so when ctx.load(p) is below the number
// of such requests, the excess (oldest first) is forgotten.
#pragma once

#include <string>
#include <vector>

#include "sim/sched/scheduler.h"

namespace socsim::solver {

// One way to serve a task's request: a profiled design of the task's variant on one processor.
struct Route {
  int32_t design = -1;
  int processor = -1;
  Duration expected;  // the profile's latency_mean
  Duration load;      // the build's load time on this engine kind (0 when not stated)
};

class Dispatcher : public sched::Scheduler {
 public:
  // Builds every task's candidates and loads their models.
  void on_start(sched::SchedulerContext& ctx) override;
  void on_arrival(sched::SchedulerContext& ctx, const Request& r) final;
  void on_completion(sched::SchedulerContext& ctx, const sched::Completion& c) final;
  void on_timer(sched::SchedulerContext& ctx, uint64_t tag) final;

 protected:
  // `name` prefixes error messages ("least_slack_time: task ...").
  explicit Dispatcher(std::string name) : name_(std::move(name)) {}

  // What the policy does; the bookkeeping is up to date when they run.
  virtual void arrived(sched::SchedulerContext& ctx, const Request& r) = 0;
  virtual void completed(sched::SchedulerContext&, const sched::Completion&) {}
  virtual void timer(sched::SchedulerContext&, uint64_t /*tag*/) {}

  const std::vector<Route>& candidates(uint32_t task) const { return routes_[task]; }
  // The candidate of the scenario's own design: where a request waits when no candidate is online.
  const Route& own(uint32_t task) const { return routes_[task][own_[task]]; }
  // Dispatches `r` to `c` and books it as outstanding there.
  void send(sched::SchedulerContext& ctx, const Request& r, const Route& c);
  // Expected remaining work of what this dispatcher sent to `processor` (see above).
  Duration backlog(int processor, Time now) const;
  // Expected time from now until `c` would finish a request sent now.
  Duration finish_in(const Route& c, Time now) const { return backlog(c.processor, now) + c.expected; }
  // Nothing this dispatcher sent to `processor` is outstanding.
  bool idle(int processor) const { return books_[static_cast<size_t>(processor)].queue.empty(); }
  // An online processor is queueing or running an inference (all of them are this dispatcher's),
  // so a completion will come.
  bool completion_expected(const sched::SchedulerContext& ctx) const;
  // The online candidate with the earliest expected finish (ties: SoC order); nullptr if none is online.
  const Route* earliest_finish(const sched::SchedulerContext& ctx, uint32_t task) const;

 private:
  struct Sent {
    uint64_t request = 0;
    Duration expected;
    Duration load;
    Time at;
  };
  struct Book {
    std::vector<Sent> queue;  // in the order sent
    Time head_since;          // since when the oldest has been served
  };

  void forget_lost(const sched::SchedulerContext& ctx);

  std::string name_;
  std::vector<std::vector<Route>> routes_;  // per task
  std::vector<size_t> own_;                         // per task, index into routes_
  std::vector<Book> books_;                         // per processor
};

// A dispatcher that keeps requests in its own queue (Band's global-queue schedulers) and sends
// one to a processor only when the processor is idle (nothing outstanding from this dispatcher)
// and is the request's target candidate (by default its earliest-finish one). Whenever a hook runs
// it repeatedly picks, among the held requests whose target processor is idle, the one of least priority key
// (ties: arrival order), sends it, and stops when none qualifies; requests the policy declares
// hopeless are dropped. Requests wait for busy processors on purpose: a completion there wakes
// the dispatcher. [choice] When requests are held and no completion is coming (nothing queued or
// running on an online processor: every candidate offline, or models still loading), it polls
// every `kRetry`. A processor going offline with no other change is noticed at the next hook.
class HoldingDispatcher : public Dispatcher {
 public:
  static constexpr Duration kRetry = Duration::ms(1);

 protected:
  using Dispatcher::Dispatcher;

  struct Priority {
    double key = 0;     // lower goes first
    bool drop = false;  // drop the request instead of holding it
  };
  // The priority of held request `r`, whose target online candidate is `best`.
  virtual Priority priority(const sched::SchedulerContext& ctx, const Request& r, const Route& best) const = 0;
  // The online candidate a held request of `task` waits for; nullptr if none is online. Default:
  // earliest_finish().
  virtual const Route* target(const sched::SchedulerContext& ctx, uint32_t task) const {
    return earliest_finish(ctx, task);
  }

 private:
  void arrived(sched::SchedulerContext& ctx, const Request& r) override;
  void completed(sched::SchedulerContext& ctx, const sched::Completion&) override { pump(ctx); }
  void timer(sched::SchedulerContext& ctx, uint64_t) override;
  void pump(sched::SchedulerContext& ctx);

  std::vector<Request> held_;  // in arrival order
  bool timer_armed_ = false;
};

}  // namespace socsim::solver
