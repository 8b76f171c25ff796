// A hand-built SoC for hardware-model tests: a big.LITTLE CPU (4 big cores at DNN speed 1, 4
// little at 0.25; two operating points each), a GPU (two operating points), 40 GB/s of DRAM and
// a lumped thermal model. Numbers are chosen so expected results are easy closed forms.
#pragma once

#include <vector>

#include "sim/hw/machine.h"

namespace socsim::testing {

inline spec::Dvfs dvfs(double lo_mhz, double lo_mw, double hi_mhz, double hi_mw) {
  return spec::Dvfs{{{lo_mhz, 0, lo_mw}, {hi_mhz, 0, hi_mw}}, hi_mhz, Duration{}};
}

inline spec::Soc machine_soc() {
  spec::Soc soc;
  soc.name = "bench";
  spec::Processor cpu;
  cpu.name = "cpu";
  cpu.kind = spec::ProcessorKind::kCpu;
  cpu.clusters = {{"big", "B", 4, 1024, 1.0, 20, dvfs(500, 100, 1000, 300)},
                  {"little", "L", 4, 256, 0.25, 10, dvfs(500, 20, 1000, 50)}};
  spec::Processor gpu;
  gpu.name = "gpu";
  gpu.kind = spec::ProcessorKind::kGpu;
  gpu.dvfs = dvfs(250, 200, 500, 500);
  gpu.idle_power_mw = 30;
  soc.processors = {cpu, gpu};
  soc.memory = {40.0, 8192.0, 1000.0};
  soc.thermal = spec::Thermal{25.0, 10.0, 2.0, {}};  // tau = R*C = 20 s
  return soc;
}

struct Finished {
  uint64_t id;
  int64_t start_ns, finish_ns;
  double energy_mj;
};

struct Recorder : hw::MachineListener {
  void on_job_started(int, const hw::Job&, Time) override {}
  void on_job_finished(int, const hw::Job& j, Time s, Time f, double e) override {
    done.push_back({j.request.id, s.ns(), f.ns(), e});
  }
  void on_frequency(int p, int d, double mhz) override { freqs.push_back({p, d, mhz}); }
  const Finished& of(uint64_t id) const {
    for (const auto& f : done)
      if (f.id == id) return f;
    throw std::runtime_error("job never finished");
  }
  std::vector<Finished> done;
  struct Freq {
    int processor, domain;
    double mhz;
  };
  std::vector<Freq> freqs;
};

inline hw::Job job(uint64_t id, int64_t work_ms, int threads = 0, double p = 1.0, double m = 0.0, double bw = 0.0) {
  hw::Job j{Request{id, 0, Time{}}, 0, threads, Duration::ms(work_ms)};
  j.parallel_frac = p;
  j.memory_bound_frac = m;
  j.bandwidth_gbps = bw;
  return j;
}

}  // namespace socsim::testing
