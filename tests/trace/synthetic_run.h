// Test helper: a deterministic synthetic run (every record type, lookups, provenance) that can be
// replayed into any TraceSink, e.g. an Hdf5Sink and a MemorySink.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/trace/trace_sink.h"

namespace socsim::trace::testing {

struct SyntheticRun {
  RunInfo info;
  std::vector<RequestRecord> requests;
  std::vector<ExecutionRecord> executions;
  std::vector<EventRecord> events;
  std::vector<SwitchRecord> switches;
  std::vector<DvfsRecord> dvfs;
  std::vector<SampleRecord> samples;
  RunSummary summary;

  // Calls begin(), every record in a fixed interleaving, then end().
  void replay(TraceSink& sink) const {
    sink.begin(info);
    for (size_t i = 0; i < requests.size(); ++i) {
      sink.on_request(requests[i]);
      if (i < executions.size()) sink.on_execution(executions[i]);
      if (i < samples.size()) sink.on_sample(samples[i]);
      if (i < dvfs.size()) sink.on_dvfs(dvfs[i]);
      if (i < events.size()) sink.on_event(events[i]);
      if (i < switches.size()) sink.on_switch(switches[i]);
    }
    sink.end(summary);
  }
};

// `variant` perturbs the values (not the sizes): different variants give different traces.
inline SyntheticRun make_run(size_t n_requests, int64_t variant = 0) {
  SyntheticRun run;
  run.info.scenario = "scenarios/synthetic.json";
  run.info.soc = "snapdragon865";
  run.info.scheduler = "rass";
  run.info.seed = 0xFEEDFACECAFEBEEFull;  // above 2^63: checks the unsigned type
  run.info.command_line = "socsim run scenarios/synthetic.json -o t.h5";
  run.info.socsim_version = "0.1.0";
  run.info.git_commit = "0123456789abcdef";
  run.info.config_sha256 = std::string(64, 'a');
  run.info.config_json = {{"soc", R"({"name": "snapdragon865"})"},
                          {"models", R"({"mobilenet": {"variants": []}})"},
                          {"scenario", R"({"duration_s": 10, "note": "héllo ✓"})"}};
  for (size_t i = 0; i < n_requests; ++i) {
    const auto k = static_cast<int64_t>(i);
    const bool dropped = i % 17 == 0;
    run.requests.push_back({.id = i + 1,
                            .task = static_cast<uint32_t>(i % 3),
                            .arrival_ns = 1000 * k + variant,
                            .start_ns = dropped ? -1 : 1000 * k + 10,
                            .finish_ns = dropped ? -1 : 1000 * k + 900 + (k % 7),
                            .processor = dropped ? -1 : static_cast<int32_t>(i % 4),
                            .design = dropped ? -1 : static_cast<int32_t>(i % 5),
                            .dropped = static_cast<uint8_t>(dropped),
                            .violated = static_cast<uint8_t>(dropped || i % 11 == 0)});
  }
  for (size_t i = 0; i < n_requests / 2; ++i) {
    const auto k = static_cast<int64_t>(i);
    run.executions.push_back({.request = i + 1,
                              .task = static_cast<uint32_t>(i % 3),
                              .processor = static_cast<int32_t>(i % 4),
                              .design = static_cast<int32_t>(i % 5),
                              .threads = static_cast<int32_t>(1 + i % 4),
                              .start_ns = 2000 * k,
                              .finish_ns = 2000 * k + 1500});
  }
  for (size_t i = 0; i < 3; ++i) {
    run.events.push_back({.time_ns = 5000 * static_cast<int64_t>(i),
                          .kind = static_cast<int32_t>(i % 2),
                          .processor = i == 0 ? -1 : 1,
                          .value = 0.25 * static_cast<double>(i)});
  }
  for (size_t i = 0; i < 40; ++i) {
    run.dvfs.push_back({.time_ns = 100 * static_cast<int64_t>(i),
                        .processor = static_cast<int32_t>(i % 4),
                        .domain = static_cast<int32_t>(i % 2),
                        .freq_mhz = 500.0 + 100.0 * static_cast<double>(i % 8)});
  }
  for (size_t i = 0; i < n_requests / 4; ++i) {
    const double x = static_cast<double>(i);
    run.samples.push_back({.time_ns = 10000 * static_cast<int64_t>(i),
                           .processor = static_cast<int32_t>(i % 4),
                           .utilisation = (i % 10) / 10.0,
                           .freq_mhz = 1800.0,
                           .power_mw = 1000.0 + x,
                           .temp_c = 40.0 + x / 1000.0,
                           .queue_length = static_cast<int32_t>(i % 6)});
  }
  // No switches: an empty table must still be written with its schema.
  for (uint32_t t = 0; t < 3; ++t) {
    run.summary.tasks.push_back({.task = t,
                                 .arrived = 100 + t,
                                 .completed = 90 + t,
                                 .dropped = 5,
                                 .violated = 7,
                                 .latency_mean_ms = 12.5 + t,
                                 .latency_p50_ms = 11.0,
                                 .latency_p90_ms = 20.0,
                                 .latency_p99_ms = 30.0,
                                 .latency_sd_ms = 4.0,
                                 .throughput_hz = 29.5});
  }
  run.summary.events = 4 * n_requests + 123;
  run.summary.sim_time_ns = 1000 * static_cast<int64_t>(n_requests) + variant;
  run.summary.lookups = {{"tasks", {"detect", "classify", "segment"}},
                         {"processors", {"cpu_big", "cpu_little", "gpu", "npu"}},
                         {"designs", {"d0", "d1", "d2", "d3", "d4"}},
                         {"event_kinds", {"background_load", "memory_pressure"}},
                         {"switch_reasons", {}}};
  return run;
}

}  // namespace socsim::trace::testing
