// Registers every scheduler socsim ships. Adding a scheduler: implement sched::Scheduler in a
// file pair under solver/, then add one registry.add(...) call in register.cpp.
#pragma once

#include "sim/sched/registry.h"

namespace socsim::solver {

void register_builtin_schedulers(sched::Registry& registry);

}  // namespace socsim::solver
