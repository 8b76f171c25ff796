// A request: one inference a task asks for. Created by the engine at arrival, handed to the
// scheduler, then travels (as a Job) through a processor's queue.
#pragma once

#include <cstdint>

#include "sim/core/time.h"

namespace socsim {

struct Request {
  uint64_t id = 0;    // unique in the run, in arrival order
  uint32_t task = 0;  // index into the scenario's tasks
  Time arrival;
};

}  // namespace socsim
