#include <string>

#include "sim/spec/models.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"

namespace socsim::spec {

const char* to_string(ProcessorKind k) {
  switch (k) {
    case ProcessorKind::kCpu: return "cpu";
    case ProcessorKind::kGpu: return "gpu";
    case ProcessorKind::kNpu: return "npu";
    case ProcessorKind::kDsp: return "dsp";
  }
  return "?";
}

const char* to_string(Precision p) {
  switch (p) {
    case Precision::kFp32: return "fp32";
    case Precision::kFp16: return "fp16";
    case Precision::kDr8: return "dr8";
    case Precision::kFx8: return "fx8";
    case Precision::kFfx8: return "ffx8";
  }
  return "?";
}

std::optional<Precision> parse_precision(const std::string& s) {
  for (auto p : {Precision::kFp32, Precision::kFp16, Precision::kDr8, Precision::kFx8, Precision::kFfx8})
    if (s == to_string(p)) return p;
  return std::nullopt;
}

const char* to_string(Metric m) {
  switch (m) {
    case Metric::kAccuracy: return "accuracy";
    case Metric::kLatencyMean: return "latency_mean";
    case Metric::kLatencyP50: return "latency_p50";
    case Metric::kLatencyP90: return "latency_p90";
    case Metric::kLatencyP99: return "latency_p99";
    case Metric::kLatencySd: return "latency_sd";
    case Metric::kThroughput: return "throughput";
    case Metric::kMemory: return "memory";
    case Metric::kSize: return "size";
    case Metric::kEnergy: return "energy";
  }
  return "?";
}

const char* to_string(RuntimeEvent::Kind k) {
  switch (k) {
    case RuntimeEvent::Kind::kBackgroundLoad: return "background_load";
    case RuntimeEvent::Kind::kProcessorOffline: return "processor_offline";
    case RuntimeEvent::Kind::kProcessorOnline: return "processor_online";
    case RuntimeEvent::Kind::kMemoryPressure: return "memory_pressure";
    case RuntimeEvent::Kind::kAmbient: return "ambient";
    case RuntimeEvent::Kind::kFrequencyCap: return "frequency_cap";
  }
  return "?";
}

const char* to_string(LatencyDistribution d) {
  switch (d) {
    case LatencyDistribution::kLognormal: return "lognormal";
    case LatencyDistribution::kDeterministic: return "deterministic";
    case LatencyDistribution::kExponential: return "exponential";
  }
  return "?";
}

std::string to_string(const Design& d) {
  std::string s = d.variant + "/" + to_string(d.precision) + "@" + d.engine;
  if (d.threads > 0) s += ":" + std::to_string(d.threads) + "t";
  for (size_t i = 0; i < d.clusters.size(); ++i) s += (i ? "+" : "[") + d.clusters[i] + (i + 1 == d.clusters.size() ? "]" : "");
  return s;
}

}  // namespace socsim::spec
