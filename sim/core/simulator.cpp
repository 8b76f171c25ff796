#include "sim/core/simulator.h"

#include "sim/core/error.h"

namespace socsim {

void Simulator::schedule(Time t, Band band, EventHandler* h, uint32_t kind, uint64_t arg) {
  if (t < now_) {
    throw RunError("event scheduled in the past: t=" + std::to_string(t.ns()) +
                   " ns < now=" + std::to_string(now_.ns()) + " ns");
  }
  queue_.push(t, band, h, kind, arg);
}

void Simulator::run_until(Time end) {
  uint64_t at_this_instant = 0;
  while (!queue_.empty() && !stop_requested_ && queue_.top().time <= end) {
    if (processed_ >= event_limit_ || (stop_flag_ && stop_flag_->load(std::memory_order_relaxed) != 0)) {
      stop_requested_ = true;
      break;
    }
    const Event e = queue_.pop();
    if (e.time != now_) {
      now_ = e.time;
      at_this_instant = 0;
    } else if (++at_this_instant > max_events_per_instant_) {
      stalled();
    }
    ++processed_;
    if (meter_ != nullptr) [[unlikely]] {
      meter_->before(e);
      e.handler->on_event(e);
      meter_->after(e);
    } else {
      e.handler->on_event(e);
    }
  }
  if (!stop_requested_ && end > now_) now_ = end;
}

void Simulator::stalled() const {
  std::string msg = "watchdog: simulation stalled at t=" + std::to_string(now_.ns()) + " ns: " +
                    std::to_string(max_events_per_instant_) +
                    " events ran without time advancing (a zero-delay event loop)";
  if (dump_) msg += "\nstate:\n" + dump_();
  throw RunError(msg);
}

}  // namespace socsim
