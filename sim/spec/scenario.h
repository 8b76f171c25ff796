// Immutable scenario, as loaded from scenarios/*.json by sim/config. The SoC and model library it
// names are loaded beside it (see config::LoadedScenario).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/spec/models.h"

namespace socsim::spec {

struct Arrival {
  // kClosedLoop: the next request arrives `think` after the previous one finished or was dropped
  // (a benchmark loop; how solvers profile designs). rate_hz is unused then.
  enum class Kind { kPeriodic, kPoisson, kClosedLoop };
  Kind kind = Kind::kPeriodic;
  double rate_hz = 0;  // fps for periodic
  Duration offset;     // first arrival not before this
  Duration think = Duration{};  // closed loop only
};

// One way to run a task: (model variant, precision, engine, CPU threads).
struct Design {
  std::string variant;
  Precision precision = Precision::kFp32;
  std::string engine;
  int threads = 0;  // CPU threads; 0 for accelerators
  // CPU only: clusters the threads may use (an affinity mask), in the SoC's order; empty = all.
  std::vector<std::string> clusters = {};

  auto operator<=>(const Design&) const = default;
};

std::string to_string(const Design& d);  // "mobilenet_v2/fp32@cpu:4t"

// Service-level objectives (CARIN.md §1): metrics to optimise and bounds to respect.
// Units: accuracy %, latency ms, throughput Hz, memory MiB, size MiB, energy mJ per inference,
// deadline_miss a fraction in [0, 1] of a task's requests that miss their deadline (late or dropped).
enum class Metric { kAccuracy, kLatencyMean, kLatencyP50, kLatencyP90, kLatencyP99, kLatencySd, kThroughput, kMemory, kSize, kEnergy,
                    kDeadlineMiss };

const char* to_string(Metric m);  // "accuracy", "latency_mean", ..., "energy", "deadline_miss"

struct Objective {
  Metric metric = Metric::kAccuracy;
  bool maximise = true;
  double weight = 1;  // exponent in ratio optimalities, coefficient in weighted sums
};

struct Constraint {
  enum class Op { kLe, kLt, kGe, kGt };
  Metric metric = Metric::kLatencyMean;
  Op op = Op::kLe;
  double bound = 0;

  bool holds(double value) const {
    switch (op) {
      case Op::kLe: return value <= bound;
      case Op::kLt: return value < bound;
      case Op::kGe: return value >= bound;
      case Op::kGt: return value > bound;
    }
    return false;
  }
};

struct Slo {
  std::vector<Objective> objectives;
  std::vector<Constraint> constraints;
  bool empty() const { return objectives.empty() && constraints.empty(); }
};

// A scripted change of conditions at a point in time. With a duration the change reverts after it.
struct RuntimeEvent {
  enum class Kind {
    kBackgroundLoad,    // processor, value = load fraction [0, 1] of each of its cores
    kProcessorOffline,  // processor
    kProcessorOnline,   // processor
    kMemoryPressure,    // value = app memory still available, MiB
    kAmbient,           // value = ambient temperature, degC
    kFrequencyCap,      // processor, value = max frequency as a fraction of its maximum
  };
  Kind kind = Kind::kBackgroundLoad;
  Duration at;
  std::optional<Duration> duration;
  std::string processor;  // empty when not processor-specific
  double value = 0;
};

const char* to_string(RuntimeEvent::Kind k);  // "background_load", ..., "frequency_cap"

// DVFS governors per domain: "performance", "powersave", "userspace", "schedutil".
struct DvfsPolicy {
  std::string governor = "performance";                  // default for every processor
  std::map<std::string, std::string> governors;          // per processor name
  std::map<std::string, double> userspace_freq_mhz;      // per processor (or "cpu.<cluster>")
  Duration period = Duration::ms(10);                    // schedutil evaluation period
};

struct TraceOptions {
  Duration sample_period = Duration::ms(100);  // /samples period
};

// How an inference's latency (its work at reference frequency) is drawn around its profile's mean.
// kLognormal: lognormal with the profile's mean and SD (the default; SD 0 gives the mean exactly).
// kDeterministic: the mean exactly, the profile's SD ignored (the D of an M/D/1 queue).
// kExponential: exponential with the profile's mean, its SD ignored (the M of an M/M/c queue).
enum class LatencyDistribution { kLognormal, kDeterministic, kExponential };

const char* to_string(LatencyDistribution d);  // "lognormal", "deterministic", "exponential"

struct Task {
  std::string name;
  std::string dnn_task;  // model-library task whose variants form the design space
  Slo slo;               // per-task SLO (design-level solvers)
  Arrival arrival;
  std::optional<Design> design;  // what the fixed scheduler runs
  std::optional<Duration> deadline;
  int max_queue = 16;
  LatencyDistribution latency_distribution = LatencyDistribution::kLognormal;
};

struct SchedulerChoice {
  std::string name = "fixed";
  std::map<std::string, std::string> params;  // values as text; the scheduler parses them
};

struct Scenario {
  std::string name;
  std::string description;
  std::string soc_path;     // resolved (relative to the scenario file)
  std::string models_path;  // resolved
  uint64_t seed = 1;
  Duration duration;
  // Warm-up window (warmup_s): requests arriving before it ends are left out of the latency
  // statistics (sim/engine/task_stats.h). nullopt: for each task, until its first request completed
  // (the initial deploy: model load and first inference).
  std::optional<Duration> warmup;
  SchedulerChoice scheduler;
  std::vector<Task> tasks;
  Slo slo;                                   // app-wide SLO
  std::string optimality = "ratio_product";  // see solver/optimality.h
  std::vector<RuntimeEvent> events;          // sorted by time
  DvfsPolicy dvfs;
  TraceOptions trace;
  // Accelerators serialise inferences FIFO, non-preemptive ("fifo"), or share equally ("time_slice").
  std::string accelerator_sharing = "fifo";

  std::string file;
};

// Whether the app or any of its tasks states an SLO objective: what optimality scores and what
// the planners (SchedulerInfo::plans_with_slo) pick designs by.
inline bool has_objectives(const Scenario& sc) {
  if (!sc.slo.objectives.empty()) return true;
  for (const auto& t : sc.tasks)
    if (!t.slo.objectives.empty()) return true;
  return false;
}

}  // namespace socsim::spec
