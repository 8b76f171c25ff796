// Hand-built specs for the CARIn tests: the tiny SoC of the engine tests (a 4-core CPU and a
// GPU) and a library with one variant per DNN task ("net_a" for task_a, "net_b" for task_b),
// each profiled deterministically (no spread) on the CPU (4 threads) and on the GPU.
#pragma once

#include <string>
#include <vector>

#include "sim/sched/scheduler.h"
#include "sim/trace/trace_sink.h"
#include "tests/engine/fixtures.h"

namespace socsim::testing {

inline spec::Profile variant_profile(const std::string& variant, const std::string& engine, int threads, int64_t mean_us) {
  spec::Profile p = profile(engine, threads, mean_us);
  p.variant = variant;
  return p;
}

// cpu_us/gpu_us: latency of both variants on each engine. Memory: 30 MiB on the CPU, 40 MiB on
// the GPU (delegate buffers); loads take 10 ms.
inline spec::ModelLibrary two_task_library(int64_t cpu_us, int64_t gpu_us) {
  spec::ModelLibrary lib;
  for (const std::string name : {"net_a", "net_b"}) {
    spec::Variant v;
    v.name = name;
    v.family = "nets";
    v.task = name == "net_a" ? "task_a" : "task_b";
    spec::Build b{spec::Precision::kFp32, 70, 10, {}, {}};
    b.memory_mib = {{spec::ProcessorKind::kCpu, 30.0}, {spec::ProcessorKind::kGpu, 40.0}};
    b.load = {{spec::ProcessorKind::kCpu, Duration::ms(10)}, {spec::ProcessorKind::kGpu, Duration::ms(10)}};
    v.builds.push_back(b);
    lib.variants.push_back(v);
    lib.profiles.push_back(variant_profile(name, "cpu", 4, cpu_us));
    lib.profiles.push_back(variant_profile(name, "gpu", 0, gpu_us));
  }
  return lib;
}

inline spec::Task dnn_task(const std::string& name, const std::string& dnn, double fps) {
  spec::Task t;
  t.name = name;
  t.dnn_task = dnn;
  t.arrival = {spec::Arrival::Kind::kPeriodic, fps, Duration{}};
  t.deadline = Duration::ns(static_cast<int64_t>(1e9 / fps));
  return t;
}

inline spec::Objective minimise(spec::Metric m) { return {m, false, 1}; }

inline spec::Design design(const std::string& variant, const std::string& engine, int threads,
                           spec::Precision p = spec::Precision::kFp32) {
  return {variant, p, engine, threads, {}};
}

// A background load of `load` (fraction of each core) on the GPU from at_s for for_s seconds.
inline spec::RuntimeEvent gpu_load(double at_s, double for_s, double load) {
  spec::RuntimeEvent e;
  e.kind = spec::RuntimeEvent::Kind::kBackgroundLoad;
  e.at = Duration::ms(static_cast<int64_t>(at_s * 1000));
  e.duration = Duration::ms(static_cast<int64_t>(for_s * 1000));
  e.processor = "gpu";
  e.value = load;
  return e;
}

// Memory pressure leaving `mib` MiB to the app from at_s for for_s seconds.
inline spec::RuntimeEvent memory_pressure(double at_s, double for_s, double mib) {
  spec::RuntimeEvent e;
  e.kind = spec::RuntimeEvent::Kind::kMemoryPressure;
  e.at = Duration::ms(static_cast<int64_t>(at_s * 1000));
  e.duration = Duration::ms(static_cast<int64_t>(for_s * 1000));
  e.value = mib;
  return e;
}

// A run's /switches as read in tests.
struct Switch {
  double at_s;
  std::string reason;
  std::string to;  // design name
  double cost_ms;
};

inline std::vector<Switch> switches(const trace::MemorySink& sink) {
  std::vector<Switch> out;
  for (const auto& s : sink.switches)
    out.push_back({static_cast<double>(s.time_ns) * 1e-9, sched::switch_reason_names()[static_cast<size_t>(s.reason)],
                   sink.summary.lookups.at("designs")[static_cast<size_t>(s.to_design)],
                   static_cast<double>(s.cost_ns) * 1e-6});
  return out;
}

}  // namespace socsim::testing
