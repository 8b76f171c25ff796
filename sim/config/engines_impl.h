// Private to sim/config: what each kind of engine can run.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/diagnostics_impl.h"
#include "sim/spec/models.h"
#include "sim/spec/soc.h"

namespace socsim::config {

std::optional<spec::ProcessorKind> parse_processor_kind(std::string_view name);

// The names of the SoC's processors, in file order.
std::vector<std::string> processor_names(const spec::Soc& soc);

// One use of an engine by a profile or a task's design. `kind` and `cores` describe the processor
// when known (`cores` 0: unknown).
struct EngineUse {
  std::string engine;
  std::optional<spec::ProcessorKind> kind;
  int cores = 0;
  spec::Precision precision = spec::Precision::kFp32;
  int threads = 0;  // 0: not given
};

// Checks that the engine kind runs the precision (CPU: any; GPU: fp32, fp16; NPU: fx8, ffx8,
// fp16; DSP: fx8, ffx8) and that threads are given exactly for CPU engines, at most their cores.
// Reports under `at`, the object holding "engine", "precision" and "threads". Checks nothing
// kind-dependent when the kind is unknown.
void check_engine_use(const EngineUse& use, const Pointer& at, Reporter& r);

}  // namespace socsim::config
