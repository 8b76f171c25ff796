// Hand-built specs for engine tests: a SoC with a CPU (4 cores) and a GPU, one model with
// deterministic profiles (no spread unless asked), one or two tasks.
#pragma once

#include "sim/spec/models.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"

namespace socsim::testing {

inline spec::Soc tiny_soc() {
  spec::Soc soc;
  soc.name = "tiny";
  spec::Processor cpu;
  cpu.name = "cpu";
  cpu.kind = spec::ProcessorKind::kCpu;
  cpu.clusters.push_back({"big", "A", 4, 1024, 1.0, 10, {{{1000, 800, 100}}, 1000, Duration{}}});
  spec::Processor gpu;
  gpu.name = "gpu";
  gpu.kind = spec::ProcessorKind::kGpu;
  gpu.dvfs = spec::Dvfs{{{500, 800, 500}}, 500, Duration{}};
  soc.processors = {cpu, gpu};
  soc.memory = {50.0, 8192.0, 1000.0};
  return soc;
}

inline spec::Profile profile(const std::string& engine, int threads, int64_t mean_us, int64_t sd_us = 0) {
  spec::Profile p;
  p.soc = "tiny";
  p.variant = "net";
  p.precision = spec::Precision::kFp32;
  p.engine = engine;
  p.threads = threads;
  p.latency_mean = Duration::us(mean_us);
  p.latency_sd = Duration::us(sd_us);
  return p;
}

inline spec::ModelLibrary tiny_library(int64_t cpu_us = 10'000, int64_t gpu_us = 4'000, int64_t sd_us = 0) {
  spec::ModelLibrary lib;
  spec::Variant v;
  v.name = "net";
  v.family = "nets";
  v.task = "image_classification";
  v.builds.push_back({spec::Precision::kFp32, 70, 10, {}, {}});
  lib.variants.push_back(v);
  lib.profiles = {profile("cpu", 4, cpu_us, sd_us), profile("gpu", 0, gpu_us, sd_us)};
  return lib;
}

inline spec::Task periodic_task(const std::string& name, double fps, const std::string& engine, int threads) {
  spec::Task t;
  t.name = name;
  t.arrival = {spec::Arrival::Kind::kPeriodic, fps, Duration{}};
  t.design = spec::Design{"net", spec::Precision::kFp32, engine, threads};
  t.deadline = Duration::ns(static_cast<int64_t>(1e9 / fps));
  return t;
}

inline spec::Scenario scenario_with(std::vector<spec::Task> tasks, Duration duration, uint64_t seed = 1) {
  spec::Scenario sc;
  sc.name = "test";
  sc.seed = seed;
  sc.duration = duration;
  sc.tasks = std::move(tasks);
  return sc;
}

}  // namespace socsim::testing
