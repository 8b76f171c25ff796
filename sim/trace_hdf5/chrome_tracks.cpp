#include "sim/trace_hdf5/chrome_tracks.h"

namespace socsim::trace {

ChromeTracks::ChromeTracks(const std::vector<std::string>& processors, const std::vector<std::string>& tasks,
                           const std::map<std::pair<int32_t, int32_t>, uint32_t>& lanes)
    : processor_events_tid_(processors.size()) {
  const int64_t app = app_pid();
  next_tid_ = app + 1;  // tids never coincide with a pid
  processes_.push_back({app, "app"});
  app_events_tid_ = next_tid_;
  add_thread(app, "events");
  for (const std::string& task : tasks) add_thread(app, task);

  for (size_t p = 0; p < processors.size(); ++p) {
    const auto processor = static_cast<int32_t>(p);
    const int64_t pid = processor_pid(processor);
    processes_.push_back({pid, processors[p]});
    processor_events_tid_[p] = next_tid_;
    add_thread(pid, "events");
    for (auto it = lanes.lower_bound({processor, 0}); it != lanes.end() && it->first.first == processor; ++it) {
      const int32_t task = it->first.second;
      first_lane_tid_[it->first] = next_tid_;
      for (uint32_t lane = 0; lane < it->second; ++lane)
        add_thread(pid, tasks[task] + (lane == 0 ? "" : " #" + std::to_string(lane + 1)));
    }
  }
}

size_t ChromeTracks::write_metadata(JsonWriter& w) const {
  size_t events = 0;
  const auto meta = [&](const char* name, int64_t pid, int64_t tid, const char* key, auto value) {
    w.begin_object().member("name", name).member("ph", "M").member("pid", pid).member("tid", tid);
    w.key("args").begin_object().member(key, value).end_object();
    w.end_object();
    ++events;
  };
  // Metadata events carry a tid too: the process's first thread.
  const auto first_tid = [&](int64_t pid) {
    for (const Thread& t : threads_)
      if (t.pid == pid) return t.tid;
    return int64_t{0};
  };
  for (size_t i = 0; i < processes_.size(); ++i) {
    const Process& p = processes_[i];
    meta("process_name", p.pid, first_tid(p.pid), "name", p.name);
    meta("process_sort_index", p.pid, first_tid(p.pid), "sort_index", static_cast<int64_t>(i));
  }
  int64_t pid = -1, index = 0;
  for (const Thread& t : threads_) {
    index = t.pid == pid ? index + 1 : 0;
    pid = t.pid;
    meta("thread_name", t.pid, t.tid, "name", t.name);
    meta("thread_sort_index", t.pid, t.tid, "sort_index", index);
  }
  return events;
}

}  // namespace socsim::trace
