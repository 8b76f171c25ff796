// Immutable description of one SoC, as loaded and validated from socs/*.json by sim/config.
// Units are in the field names; times are already converted to Duration.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"

namespace socsim::spec {

enum class ProcessorKind { kCpu, kGpu, kNpu, kDsp };

const char* to_string(ProcessorKind k);

struct OperatingPoint {
  double freq_mhz = 0;
  double voltage_mv = 0;  // 0 when not stated
  double power_mw = 0;    // dynamic power at full utilisation: per core (CPU) or per unit
};

struct Dvfs {
  std::vector<OperatingPoint> opps;  // ascending frequency, non-empty
  double ref_freq_mhz = 0;           // profiles are stated at this frequency (default: max OPP)
  Duration transition;               // time one frequency change takes

  double max_freq_mhz() const { return opps.back().freq_mhz; }
};

struct Cluster {
  std::string name;
  std::string core_type;
  int cores = 0;
  double capacity = 0;  // Linux capacity scale: fastest core type at max frequency = 1024
  // Per-core throughput on DNN kernels at max frequency relative to the SoC's fastest core (0, 1].
  // Differs from capacity (a DMIPS measure): LITTLE cores have fewer SIMD pipes. Default
  // capacity / 1024 when the file does not calibrate it.
  double dnn_speed = 0;
  double idle_power_mw = 0;
  Dvfs dvfs;
};

struct Processor {
  std::string name;  // the engine name designs and profiles use ("cpu", "gpu", ...)
  ProcessorKind kind = ProcessorKind::kCpu;
  std::string model;
  std::vector<Cluster> clusters;  // CPU only, fastest first
  std::optional<Dvfs> dvfs;       // accelerators only
  double idle_power_mw = 0;

  int total_cores() const {
    int n = 0;
    for (const auto& c : clusters) n += c.cores;
    return kind == ProcessorKind::kCpu ? n : 1;
  }
};

struct Memory {
  double dram_bw_gbps = 0;
  double total_mib = 0;
  double app_memory_mib = 0;
};

struct ThermalTrip {
  std::string name;
  double temp_c = 0;
  double hysteresis_c = 0;
  double max_freq_frac = 1;
  std::vector<std::string> processors;  // empty: all
};

struct Thermal {
  double ambient_c = 25;
  double resistance_c_per_w = 0;
  double capacitance_j_per_c = 0;
  std::vector<ThermalTrip> trips;
};

struct Soc {
  std::string name;
  std::string display_name;
  std::vector<std::string> devices;
  std::vector<Processor> processors;
  Memory memory;
  std::optional<Thermal> thermal;

  std::string file;  // where it was loaded from

  // Index of the processor with this name, or -1.
  int find_processor(const std::string& n) const {
    for (size_t i = 0; i < processors.size(); ++i)
      if (processors[i].name == n) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace socsim::spec
