#include <fmt/format.h>

#include <algorithm>

#include "sim/config/engines_impl.h"
#include "sim/config/messages_impl.h"

namespace socsim::config {
namespace {

using spec::Precision;
using spec::ProcessorKind;

std::vector<Precision> precisions_run_by(ProcessorKind kind) {
  switch (kind) {
    case ProcessorKind::kCpu:
      return {Precision::kFp32, Precision::kFp16, Precision::kDr8, Precision::kFx8, Precision::kFfx8};
    case ProcessorKind::kGpu:
      return {Precision::kFp32, Precision::kFp16};
    case ProcessorKind::kNpu:
      return {Precision::kFx8, Precision::kFfx8, Precision::kFp16};
    case ProcessorKind::kDsp:
      return {Precision::kFx8, Precision::kFfx8};
  }
  return {};
}

void check_precision(const EngineUse& use, ProcessorKind kind, const Pointer& at, Reporter& r) {
  std::vector<Precision> runs = precisions_run_by(kind);
  if (std::find(runs.begin(), runs.end(), use.precision) != runs.end()) return;
  std::vector<std::string> names;
  for (Precision p : runs) names.push_back(spec::to_string(p));
  r.error(at / "precision", fmt::format("{} engine {} does not run {} (expected one of: {})", spec::to_string(kind),
                                        quote(use.engine), spec::to_string(use.precision), join(names)));
}

void check_threads(const EngineUse& use, ProcessorKind kind, const Pointer& at, Reporter& r) {
  const std::string range = use.cores > 0 ? fmt::format(" (expected 1..{} threads)", use.cores) : "";
  if (kind != ProcessorKind::kCpu) {
    if (use.threads > 0)
      r.error(at / "threads", fmt::format("threads given for {} engine {} (expected no \"threads\": only cpu "
                                          "engines take them)",
                                          spec::to_string(kind), quote(use.engine)));
  } else if (use.threads == 0) {
    r.error(at, fmt::format("missing key \"threads\" for cpu engine {}{}", quote(use.engine), range));
  } else if (use.cores > 0 && use.threads > use.cores) {
    r.error(at / "threads", fmt::format("{} threads exceed the {} cores of processor {}{}", use.threads, use.cores,
                                        quote(use.engine), range));
  }
}

}  // namespace

std::optional<ProcessorKind> parse_processor_kind(std::string_view name) {
  for (auto k : {ProcessorKind::kCpu, ProcessorKind::kGpu, ProcessorKind::kNpu, ProcessorKind::kDsp})
    if (name == spec::to_string(k)) return k;
  return std::nullopt;
}

std::vector<std::string> processor_names(const spec::Soc& soc) {
  std::vector<std::string> names;
  for (const auto& p : soc.processors) names.push_back(p.name);
  return names;
}

void check_engine_use(const EngineUse& use, const Pointer& at, Reporter& r) {
  if (!use.kind) return;
  check_precision(use, *use.kind, at, r);
  check_threads(use, *use.kind, at, r);
}

}  // namespace socsim::config
