#include "solver/dispatcher.h"

#include <algorithm>
#include <optional>

#include "sim/core/error.h"
#include "solver/carin_plan.h"

namespace socsim::solver {
namespace {

// The design of `proc` a task with scenario design `own` may run there, if any is profiled.
std::optional<spec::Design> design_on(const spec::Processor& proc, const spec::Design& own, const spec::Soc& soc,
                                      const spec::ModelLibrary& lib) {
  if (proc.name == own.engine) return own;
  if (proc.kind != spec::ProcessorKind::kCpu) {
    if (!lib.find_profile(soc.name, own.variant, own.precision, proc.name, 0)) return std::nullopt;
    return spec::Design{own.variant, own.precision, proc.name, 0, {}};
  }
  int threads = 0;
  for (const auto& p : lib.profiles)
    if (p.soc == soc.name && p.variant == own.variant && p.precision == own.precision && p.engine == proc.name)
      threads = std::max(threads, p.threads);
  if (threads == 0) return std::nullopt;
  return spec::Design{own.variant, own.precision, proc.name, threads, {}};
}

}  // namespace

void Dispatcher::on_start(sched::SchedulerContext& ctx) {
  const spec::Soc& soc = ctx.soc();
  const spec::ModelLibrary& lib = ctx.models();
  books_.assign(soc.processors.size(), Book{});
  const auto& tasks = ctx.scenario().tasks;
  // [choice] A task without a design runs the variant and precision of its best design when solved
  // alone (CARIn's per-task ranking of its isolated profiles under the SLO): Band fixes the model.
  std::optional<IsolatedSpace> alone;
  for (const auto& task : tasks) {
    if (task.design || alone) continue;
    Profiler profiler(soc, lib, ctx.scenario());
    alone = profile_isolated(profiler, soc, lib, ctx.scenario(), CarinOptions{});
  }
  for (uint32_t t = 0; t < tasks.size(); ++t) {
    const spec::Design& own = tasks[t].design ? *tasks[t].design : alone->best[t];
    const spec::Variant* variant = lib.find_variant(own.variant);
    const spec::Build* build = variant ? variant->find_build(own.precision) : nullptr;
    std::vector<Route> cands;
    size_t own_index = 0;
    for (size_t p = 0; p < soc.processors.size(); ++p) {
      const spec::Processor& proc = soc.processors[p];
      const auto d = design_on(proc, own, soc, lib);
      if (!d) continue;
      const int32_t id = ctx.design_id(*d);  // throws when the scenario's own design has no profile
      const spec::Profile* profile = lib.find_profile(soc.name, d->variant, d->precision, d->engine, d->threads);
      Route c{id, static_cast<int>(p), profile->latency_mean, Duration{}};
      if (build)
        if (auto it = build->load.find(proc.kind); it != build->load.end()) c.load = it->second;
      if (proc.name == own.engine) own_index = cands.size();
      cands.push_back(c);
      ctx.load_model(t, id);  // at app start
    }
    routes_.push_back(std::move(cands));
    own_.push_back(own_index);
  }
}

void Dispatcher::on_arrival(sched::SchedulerContext& ctx, const Request& r) {
  forget_lost(ctx);
  arrived(ctx, r);
}

void Dispatcher::on_completion(sched::SchedulerContext& ctx, const sched::Completion& c) {
  Book& b = books_[static_cast<size_t>(c.processor)];
  const auto it =
      std::find_if(b.queue.begin(), b.queue.end(), [&](const Sent& s) { return s.request == c.request.id; });
  if (it != b.queue.end()) {
    b.queue.erase(it);
    b.head_since = ctx.now();
  }
  forget_lost(ctx);
  completed(ctx, c);
}

void Dispatcher::on_timer(sched::SchedulerContext& ctx, uint64_t tag) {
  forget_lost(ctx);
  timer(ctx, tag);
}

void Dispatcher::send(sched::SchedulerContext& ctx, const Request& r, const Route& c) {
  Book& b = books_[static_cast<size_t>(c.processor)];
  if (b.queue.empty()) b.head_since = ctx.now();
  b.queue.push_back({r.id, c.expected, c.load, ctx.now()});
  ctx.dispatch(r, c.design);
}

Duration Dispatcher::backlog(int processor, Time now) const {
  const Book& b = books_[static_cast<size_t>(processor)];
  if (b.queue.empty()) return Duration{};
  Duration total = std::max(Duration{}, b.queue.front().expected - (now - b.head_since));
  for (size_t i = 1; i < b.queue.size(); ++i) total += b.queue[i].expected;
  return total;
}

bool Dispatcher::completion_expected(const sched::SchedulerContext& ctx) const {
  for (size_t p = 0; p < books_.size(); ++p)
    if (ctx.online(static_cast<int>(p)) && ctx.load(static_cast<int>(p)) > 0) return true;
  return false;
}

const Route* Dispatcher::earliest_finish(const sched::SchedulerContext& ctx, uint32_t task) const {
  const Route* best = nullptr;
  Duration best_finish;
  for (const Route& c : routes_[task]) {
    if (!ctx.online(c.processor)) continue;
    const Duration f = finish_in(c, ctx.now());
    if (!best || f < best_finish) {
      best = &c;
      best_finish = f;
    }
  }
  return best;
}

void Dispatcher::forget_lost(const sched::SchedulerContext& ctx) {
  const Time now = ctx.now();
  auto settled = [now](const Sent& s) { return now - s.at > s.load; };
  for (size_t p = 0; p < books_.size(); ++p) {
    Book& b = books_[p];
    const auto n = static_cast<size_t>(std::count_if(b.queue.begin(), b.queue.end(), settled));
    const size_t there = ctx.load(static_cast<int>(p));
    if (n <= there) continue;
    size_t excess = n - there;
    const uint64_t head = b.queue.front().request;
    for (auto it = b.queue.begin(); it != b.queue.end() && excess > 0;) {
      if (settled(*it)) {
        it = b.queue.erase(it);
        --excess;
      } else {
        ++it;
      }
    }
    if (!b.queue.empty() && b.queue.front().request != head) b.head_since = now;
  }
}

void HoldingDispatcher::arrived(sched::SchedulerContext& ctx, const Request& r) {
  held_.push_back(r);
  pump(ctx);
}

void HoldingDispatcher::timer(sched::SchedulerContext& ctx, uint64_t) {
  timer_armed_ = false;
  pump(ctx);
}

void HoldingDispatcher::pump(sched::SchedulerContext& ctx) {
  for (;;) {
    std::optional<size_t> pick;
    double pick_key = 0;
    const Route* pick_to = nullptr;
    for (size_t i = 0; i < held_.size();) {
      const Request r = held_[i];
      const Route* best = target(ctx, r.task);
      if (!best) {  // every candidate offline: keep it
        ++i;
        continue;
      }
      const Priority prio = priority(ctx, r, *best);
      if (prio.drop) {
        held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(i));
        ctx.drop(r);
        continue;
      }
      if (idle(best->processor) && (!pick || prio.key < pick_key)) {
        pick = i;
        pick_key = prio.key;
        pick_to = best;
      }
      ++i;
    }
    if (!pick) break;
    const Request r = held_[*pick];
    held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(*pick));
    send(ctx, r, *pick_to);
  }
  if (!held_.empty() && !timer_armed_ && !completion_expected(ctx)) {
    ctx.wake_at(ctx.now() + kRetry, 0);
    timer_armed_ = true;
  }
}

}  // namespace socsim::solver
