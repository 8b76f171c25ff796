#include "sim/core/event_queue.h"

namespace socsim {

void EventQueue::push(Time t, Band band, EventHandler* h, uint32_t kind, uint64_t arg) {
  heap_.push(Event{t, band, next_seq_++, h, kind, arg});
}

Event EventQueue::pop() {
  Event e = heap_.top();
  heap_.pop();
  return e;
}

}  // namespace socsim
