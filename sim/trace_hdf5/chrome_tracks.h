// The process/thread layout of an exported timeline (the pid/tid part of chrome_export.h's
// mapping) and the metadata events that name and order them.
//
// Contract: pids are processor id + 1 for processors and N + 1 for the app; tids are unique across
// processes and numbered from N + 2 in display order: the app's "events" thread, one thread per
// task, then per processor its "events" thread and its lanes, by task id then lane ("task",
// "task #2", ...). Only (processor, task) pairs listed in `lanes` get lanes. Ids passed to the
// accessors must be in range (callers check them against the lookups).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/trace_hdf5/json_writer.h"

namespace socsim::trace {

class ChromeTracks {
 public:
  // lanes[{processor, task}]: how many lanes the task needs on that processor (>= 1).
  ChromeTracks(const std::vector<std::string>& processors, const std::vector<std::string>& tasks,
               const std::map<std::pair<int32_t, int32_t>, uint32_t>& lanes);

  int64_t app_pid() const { return static_cast<int64_t>(processor_events_tid_.size()) + 1; }
  int64_t processor_pid(int32_t processor) const { return int64_t{processor} + 1; }
  int64_t app_events_tid() const { return app_events_tid_; }
  int64_t app_task_tid(int32_t task) const { return app_events_tid_ + 1 + task; }
  int64_t processor_events_tid(int32_t processor) const { return processor_events_tid_[processor]; }
  int64_t lane_tid(int32_t processor, int32_t task, uint32_t lane) const {
    return first_lane_tid_.at({processor, task}) + lane;
  }

  // Writes process_name, process_sort_index, thread_name and thread_sort_index events (array
  // elements of traceEvents); returns how many.
  size_t write_metadata(JsonWriter& w) const;

 private:
  struct Process {
    int64_t pid;
    std::string name;
  };
  struct Thread {
    int64_t pid;
    int64_t tid;
    std::string name;
  };
  void add_thread(int64_t pid, std::string name) { threads_.push_back({pid, next_tid_++, std::move(name)}); }

  std::vector<Process> processes_;  // in display order
  std::vector<Thread> threads_;     // in tid order
  int64_t next_tid_ = 0;
  int64_t app_events_tid_ = 0;
  std::vector<int64_t> processor_events_tid_;
  std::map<std::pair<int32_t, int32_t>, int64_t> first_lane_tid_;
};

}  // namespace socsim::trace
