#include "sim/sched/scheduler.h"

namespace socsim::sched {

const std::vector<std::string>& switch_reason_names() {
  static const std::vector<std::string> names = {"deploy",      "processor_issue", "memory_issue",
                                                 "processor_and_memory_issue", "issue_cleared", "resolve"};
  return names;
}

}  // namespace socsim::sched
