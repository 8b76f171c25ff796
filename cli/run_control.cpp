#include "cli/run_control.h"

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <stdexcept>

namespace socsim::cli {
namespace {

// The flags of the runs that handle signals. The handler only walks this fixed array with
// lock-free atomic operations, which is async-signal-safe.
constexpr size_t kSlots = 64;
std::atomic<std::atomic<int>*> g_flags[kSlots];
static_assert(std::atomic<std::atomic<int>*>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

std::mutex g_install_mutex;  // guards the rest; never taken in the handler
int g_users = 0;
struct sigaction g_old_int, g_old_term;

extern "C" void on_stop_signal(int sig) {
  const int cause = static_cast<int>(sig == SIGINT ? StopCause::kSigint : StopCause::kSigterm);
  for (auto& slot : g_flags) {
    std::atomic<int>* flag = slot.load();
    int none = 0;
    if (flag) flag->compare_exchange_strong(none, cause);
  }
}

void register_flag(std::atomic<int>* flag) {
  std::lock_guard lock(g_install_mutex);
  bool placed = false;
  for (auto& slot : g_flags) {
    std::atomic<int>* empty = nullptr;
    if (slot.compare_exchange_strong(empty, flag)) {
      placed = true;
      break;
    }
  }
  if (!placed) throw std::logic_error("RunControl: more than 64 runs handle signals at once");
  if (g_users++ == 0) {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    // SA_RESETHAND: the next signal of the kind gets the default action, so a second Ctrl-C
    // kills a run that does not stop in time. SA_RESTART: the writer's waits are not disturbed.
    sa.sa_flags = SA_RESTART | SA_RESETHAND;
    sigaction(SIGINT, &sa, &g_old_int);
    sigaction(SIGTERM, &sa, &g_old_term);
  }
}

void unregister_flag(std::atomic<int>* flag) {
  std::lock_guard lock(g_install_mutex);
  for (auto& slot : g_flags) {
    std::atomic<int>* mine = flag;
    slot.compare_exchange_strong(mine, nullptr);
  }
  if (--g_users == 0) {
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
  }
}

}  // namespace

const char* stop_reason(StopCause c) {
  switch (c) {
    case StopCause::kNone: return "none";
    case StopCause::kSigint: return "SIGINT";
    case StopCause::kSigterm: return "SIGTERM";
    case StopCause::kMaxWall: return "max_wall_s";
    case StopCause::kMaxTrace: return "max_trace_mib";
    case StopCause::kMaxEvents: return "max_events";
    case StopCause::kOther: return "stopped";
  }
  return "stopped";
}

trace::StopInfo stop_info(StopCause c, const RunLimits& limits) {
  std::string message;
  switch (c) {
    case StopCause::kSigint: message = "interrupted by SIGINT"; break;
    case StopCause::kSigterm: message = "interrupted by SIGTERM"; break;
    case StopCause::kMaxWall: message = fmt::format("wall-clock limit --max-wall-s {} reached", limits.max_wall_s); break;
    case StopCause::kMaxTrace: message = fmt::format("trace size limit --max-trace-mib {} reached", limits.max_trace_mib); break;
    case StopCause::kMaxEvents: message = fmt::format("event limit --max-events {} reached", limits.max_events); break;
    case StopCause::kNone:
    case StopCause::kOther: message = "the run was stopped"; break;
  }
  return {stop_reason(c), message};
}

int stop_exit_code(StopCause c) {
  return c == StopCause::kSigint || c == StopCause::kSigterm ? 130 : 1;
}

void restate_partial(trace::RunSummary& summary) {
  const double seconds = static_cast<double>(summary.sim_time_ns) * 1e-9;
  for (auto& t : summary.tasks) t.throughput_hz = seconds > 0 ? static_cast<double>(t.completed) / seconds : 0;
}

// Counts the trace's bytes for the size limit and turns the engine's end() of a run that
// stopped early into end_incomplete().
class RunControl::Sink final : public trace::TraceSink {
 public:
  Sink(RunControl& control, trace::TraceSink& inner)
      : control_(control),
        inner_(inner),
        cap_bytes_(control.limits_.max_trace_mib > 0 ? control.limits_.max_trace_mib * 1048576.0 : 0) {}

  void begin(const trace::RunInfo& info) override {
    for (const auto& [name, json] : info.config_json) count(json.size());
    inner_.begin(info);
  }
  void on_request(const trace::RequestRecord& r) override {
    count(sizeof r);
    inner_.on_request(r);
  }
  void on_execution(const trace::ExecutionRecord& r) override {
    count(sizeof r);
    inner_.on_execution(r);
  }
  void on_event(const trace::EventRecord& r) override {
    count(sizeof r);
    inner_.on_event(r);
  }
  void on_switch(const trace::SwitchRecord& r) override {
    count(sizeof r);
    inner_.on_switch(r);
  }
  void on_dvfs(const trace::DvfsRecord& r) override {
    count(sizeof r);
    inner_.on_dvfs(r);
  }
  void on_sample(const trace::SampleRecord& r) override {
    count(sizeof r);
    inner_.on_sample(r);
  }
  void end(const trace::RunSummary& summary) override {
    const StopCause cause = control_.stop_cause();
    if (cause == StopCause::kNone) return inner_.end(summary);
    trace::RunSummary partial = summary;
    restate_partial(partial);
    inner_.end_incomplete(partial, stop_info(cause, control_.limits_));
  }
  void end_incomplete(const trace::RunSummary& summary, const trace::StopInfo& why) override {
    inner_.end_incomplete(summary, why);
  }
  void abort() override { inner_.abort(); }

 private:
  void count(size_t n) {
    if (cap_bytes_ <= 0) return;
    bytes_ += static_cast<double>(n);
    if (bytes_ > cap_bytes_ && !over_) {
      over_ = true;
      control_.request(StopCause::kMaxTrace);
    }
  }

  RunControl& control_;
  trace::TraceSink& inner_;
  double cap_bytes_;
  double bytes_ = 0;
  bool over_ = false;
};

RunControl::RunControl(const RunLimits& limits, bool handle_signals) : limits_(limits), signals_(handle_signals) {
  if (signals_) register_flag(&flag_);
}

RunControl::~RunControl() {
  stop_wall_clock();
  if (signals_) unregister_flag(&flag_);
}

trace::TraceSink& RunControl::sink(trace::TraceSink& inner) {
  sink_ = std::make_unique<Sink>(*this, inner);
  return *sink_;
}

void RunControl::request(StopCause c) {
  int none = 0;
  flag_.compare_exchange_strong(none, static_cast<int>(c));
}

void RunControl::start(Simulator& sim) {
  sim_ = &sim;
  sim.set_stop_flag(&flag_);
  sim.set_event_limit(limits_.max_events);
  if (limits_.max_wall_s > 0) {
    const auto budget = std::chrono::duration<double>(limits_.max_wall_s);
    wall_thread_ = std::thread([this, budget] {
      std::unique_lock lock(wall_mutex_);
      if (!wall_cv_.wait_for(lock, budget, [this] { return wall_done_; })) request(StopCause::kMaxWall);
    });
  }
}

void RunControl::stop_wall_clock() {
  if (!wall_thread_.joinable()) return;
  {
    std::lock_guard lock(wall_mutex_);
    wall_done_ = true;
  }
  wall_cv_.notify_all();
  wall_thread_.join();
}

StopCause RunControl::stop_cause() const {
  if (!sim_ || !sim_->stop_requested()) return StopCause::kNone;
  const StopCause c = requested();
  if (c != StopCause::kNone) return c;
  if (limits_.max_events > 0 && sim_->events_processed() >= limits_.max_events) return StopCause::kMaxEvents;
  return StopCause::kOther;
}

}  // namespace socsim::cli
