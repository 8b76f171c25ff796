// Typed trace records: what the engine tells trace sinks. Plain values, no formatting; times are
// integer nanoseconds since the start of the run; ids index the lookup tables of `RunSummary`.
// Each record type is one table of the HDF5 trace (see README "Trace format").
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace socsim::trace {

inline constexpr const char* kSchemaName = "socsim-trace";
inline constexpr int kSchemaVersion = 1;

// Provenance of a run: written as attributes on the trace root, resolved inputs under /config.
struct RunInfo {
  std::string scenario;
  std::string soc;
  std::string scheduler;
  uint64_t seed = 0;
  std::string command_line;
  std::string socsim_version;
  std::string git_commit;
  std::string config_sha256;  // of the three resolved config documents, in order
  // Resolved inputs as JSON text, defaults included: "soc", "models", "scenario".
  std::map<std::string, std::string> config_json;
};

// /requests: one row per request that finished or was dropped, in that order. Requests still
// queued or running when the run ends are counted in TaskSummary::pending, not listed here.
struct RequestRecord {
  uint64_t id = 0;
  uint32_t task = 0;
  int64_t arrival_ns = 0;
  int64_t start_ns = -1;   // -1 when dropped
  int64_t finish_ns = -1;  // -1 when dropped
  int32_t processor = -1;  // -1 when dropped before dispatch
  int32_t design = -1;     // -1 when dropped before dispatch
  uint8_t dropped = 0;
  uint8_t violated = 0;  // finished after its deadline, or dropped
};

// /executions: one row per stretch of work a processor ran for a request.
struct ExecutionRecord {
  uint64_t request = 0;
  uint32_t task = 0;
  int32_t processor = 0;
  int32_t design = 0;
  int32_t threads = 0;
  int64_t start_ns = 0;
  int64_t finish_ns = 0;
  double energy_mj = 0;  // dynamic energy attributed to this inference
};

// /events: runtime events as they take effect: scripted ones (and their end) and the app's model
// loads, kills by the low-memory killer and failed loads.
struct EventRecord {
  int64_t time_ns = 0;
  int32_t kind = 0;        // index into lookup "event_kinds"
  int32_t processor = -1;  // -1 when not processor-specific
  int32_t task = -1;       // -1 when not task-specific
  double value = 0;        // kind-specific (load fraction, MiB, degC, ...)
};

// /switches: a task's design changed at run time.
struct SwitchRecord {
  int64_t time_ns = 0;
  uint32_t task = 0;
  int32_t from_design = -1;
  int32_t to_design = -1;
  int32_t reason = 0;  // index into lookup "switch_reasons"
  int64_t cost_ns = 0;
};

// /dvfs: a frequency domain changed frequency.
struct DvfsRecord {
  int64_t time_ns = 0;
  int32_t processor = 0;
  int32_t domain = 0;  // cluster index for CPUs, 0 for accelerators
  double freq_mhz = 0;
};

// /samples: periodic per-processor observations.
struct SampleRecord {
  int64_t time_ns = 0;
  int32_t processor = 0;
  int32_t domain = 0;  // cluster index for CPUs, 0 for accelerators
  double utilisation = 0;
  double freq_mhz = 0;
  double power_mw = 0;
  double temp_c = 0;
  int32_t queue_length = 0;
};

// Per-task outcome of a run: the /summary table.
struct TaskSummary {
  uint32_t task = 0;
  uint64_t arrived = 0;
  uint64_t completed = 0;
  uint64_t dropped = 0;
  uint64_t violated = 0;
  uint64_t pending = 0;  // arrived but neither finished nor dropped when the run ended
  double latency_mean_ms = 0;
  double latency_p50_ms = 0;
  double latency_p90_ms = 0;
  double latency_p99_ms = 0;
  double latency_sd_ms = 0;
  double throughput_hz = 0;
  double energy_mj = 0;  // mean dynamic energy per completed inference
  double accuracy_pct = 0;  // mean accuracy of the builds that served the completed inferences
  // The warm-up (sim/engine/task_stats.h): latency statistics above leave out the requests that
  // arrived before warmup_end_ms; cold_start_ms is the first completed request's latency.
  double cold_start_ms = 0;
  uint64_t warmup_completed = 0;
  double warmup_end_ms = 0;
};

// Per-processor energy of a run: the /energy table.
struct ProcessorEnergy {
  int32_t processor = 0;
  double energy_mj = 0;       // idle included
  double idle_energy_mj = 0;
};

struct RunSummary {
  std::vector<TaskSummary> tasks;
  std::vector<ProcessorEnergy> processors;
  uint64_t events = 0;
  int64_t sim_time_ns = 0;
  double energy_mj = 0;             // integral of the SoC's power
  double attributed_energy_mj = 0;  // to inferences
  double background_energy_mj = 0;  // to scripted background load
  double idle_energy_mj = 0;
  double peak_temp_c = 0;           // 0 when the SoC has no thermal model
  double peak_memory_mib = 0;       // largest resident footprint of the app's models
  double storage_mib = 0;           // model files the scheduler keeps on the device
  double served_size_mib = 0;       // model files whose inferences finished (distinct variant, precision)
  uint64_t switches = 0;            // run-time design switches (the initial deployment excluded)
  int64_t switch_time_ns = 0;       // sum of the switches' costs (model loads)
  int64_t solve_time_ns = 0;        // modelled run-time solver time (0 for offline solvers)
  // Lookup tables, written under /lookup/<name>: "tasks", "processors", "designs", ...
  std::map<std::string, std::vector<std::string>> lookups;
};

}  // namespace socsim::trace
