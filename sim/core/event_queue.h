// The pending-event set: a 4-ary heap (Boost.Heap) with a total order.
//
// Order: (time, priority band, insertion sequence). Two events at the same instant and band pop
// in the order they were pushed, so runs are reproducible whatever the heap's internal layout.
// Events are small values: a handler pointer plus two integer words; no allocation per event.
#pragma once

#include <boost/heap/d_ary_heap.hpp>
#include <cstdint>

#include "sim/core/time.h"

namespace socsim {

// Same-instant order. State changes sit before the decisions that read them: a processor that
// frees at t is free for a request that arrives at t; a runtime event at t is seen by a scheduler
// tick at t. Sampling comes last so a sample at t sees everything that happened at t.
enum class Band : uint8_t {
  kHardware = 0,   // completions, DVFS transitions, thermal steps: the machine's state moves first
  kScript = 1,     // scripted runtime events (background load, memory pressure, ...)
  kArrival = 2,    // new requests enter after the machine's state at t is settled
  kScheduler = 3,  // scheduler timers and Runtime Manager samples decide on the settled state
  kSample = 4,     // trace sampling observes the outcome of everything at t
};

class EventHandler;

struct Event {
  Time time;
  Band band = Band::kHardware;
  uint64_t seq = 0;
  EventHandler* handler = nullptr;
  uint32_t kind = 0;  // handler-defined
  uint64_t arg = 0;   // handler-defined (an id or a generation counter)
};

// Receives the events it scheduled. Handlers outlive the events that point to them.
class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void on_event(const Event& e) = 0;
  // A short name for an event kind this handler schedules (for event meters and reports); never
  // called on the run's hot path.
  virtual const char* event_name(uint32_t /*kind*/) const { return "event"; }
};

class EventQueue {
 public:
  // Pushes an event; assigns its insertion sequence number.
  void push(Time t, Band band, EventHandler* h, uint32_t kind = 0, uint64_t arg = 0);
  // Removes and returns the earliest event. Precondition: !empty().
  Event pop();
  const Event& top() const { return heap_.top(); }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  uint64_t pushed() const { return next_seq_; }

 private:
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      if (a.time != b.time) return a.time > b.time;
      if (a.band != b.band) return a.band > b.band;
      return a.seq > b.seq;
    }
  };
  boost::heap::d_ary_heap<Event, boost::heap::arity<4>, boost::heap::compare<Later>> heap_;
  uint64_t next_seq_ = 0;
};

}  // namespace socsim
