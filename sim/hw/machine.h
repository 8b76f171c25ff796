// The SoC at run time: processors, DVFS domains, shared DRAM, power and temperature.
// Mechanism only — what runs where is decided by the scheduler; the Machine runs it.
//
// Progress is rate-based (SimGrid style). Each running inference has remaining work, measured in
// nanoseconds of its uncontended latency at reference frequency, and a current rate:
//   rate = 1 / ((1 - m) * S_c + m * S_m)
// where m is its memory-bound fraction, S_c the compute slowdown (frequency below reference,
// cores or accelerator time shared with other work, the straggler thread of a CPU inference) and
// S_m the memory slowdown (its DRAM bandwidth demand over its max-min fair share). Whenever
// anything changes — a start, a finish, a frequency, a background load, a processor going
// offline — all rates are re-solved and the completions whose rate changed are re-scheduled
// (stale completion events are skipped by a generation counter).
//
// Contract:
// - CPU inferences start at once and share the cores (processor sharing when runnable threads,
//   background load included, exceed the cores); accelerators serve one inference at a time,
//   FIFO and non-preemptive (or all at once, time-sliced, when configured).
// - The listener hears every start, finish and frequency change, in simulated-time order.
// - Energy: each inference is attributed the dynamic power of the core/unit time it received;
//   background load gets the rest of the dynamic power; idle power is not attributed. Their sum
//   equals the integral of the SoC's power over the run.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "sim/core/simulator.h"
#include "sim/hw/dvfs_domain.h"
#include "sim/hw/job.h"
#include "sim/hw/thermal_model.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"

namespace socsim::hw {

class MachineListener {
 public:
  virtual ~MachineListener() = default;
  virtual void on_job_started(int processor, const Job& job, Time start) = 0;
  virtual void on_job_finished(int processor, const Job& job, Time start, Time finish, double energy_mj) = 0;
  virtual void on_frequency(int processor, int domain, double freq_mhz) = 0;
};

struct DomainSample {
  int processor = 0;
  int domain = 0;          // cluster index for CPUs, 0 for accelerators
  double utilisation = 0;  // busy fraction of its cores since the previous sample
  double freq_mhz = 0;
  double power_mw = 0;     // average since the previous sample, idle included
};

struct EnergyReport {
  std::vector<double> processor_mj;       // per processor, idle included
  std::vector<double> processor_idle_mj;  // per processor
  double total_mj = 0;                    // integral of SoC power
  double attributed_mj = 0;               // to inferences (finished or running)
  double background_mj = 0;
  double idle_mj = 0;
  double peak_temp_c = 0;
};

class Machine final : public EventHandler {
 public:
  Machine(const spec::Soc& soc, const spec::DvfsPolicy& dvfs, bool time_slice_accelerators, Simulator& sim,
          MachineListener& listener);
  ~Machine() override;

  // Reports every domain's initial frequency and arms the periodic governor and thermal ticks.
  // Call once, at time zero, before the run.
  void start();

  void submit(int processor, const Job& job);
  size_t waiting(int processor) const;
  size_t running(int processor) const;

  void set_background_load(int processor, double frac);
  double background_load(int processor) const;
  void set_online(int processor, bool online);
  bool online(int processor) const;
  void set_ambient(double celsius);
  void set_forced_cap(int processor, double frac);  // 1 lifts it

  // Per-domain observations since the previous call. The vector is the Machine's own, reused by
  // the next call: read it before calling sample() again.
  const std::vector<DomainSample>& sample();
  double temperature_c();  // now (integrates the thermal model up to now)
  EnergyReport energy();

  void on_event(const Event& e) override;
  const char* event_name(uint32_t kind) const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace socsim::hw
