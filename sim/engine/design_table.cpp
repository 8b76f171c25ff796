#include "sim/engine/design_table.h"

#include <algorithm>

#include "sim/core/error.h"
#include "sim/hw/cpu_placement.h"

namespace socsim {

int32_t DesignTable::intern(const spec::Design& d) {
  if (auto it = ids_.find(d); it != ids_.end()) return it->second;
  ResolvedDesign r;
  r.design = d;
  r.processor = soc_.find_processor(d.engine);
  if (r.processor < 0) throw RunError("design " + spec::to_string(d) + ": the SoC has no engine \"" + d.engine + "\"");
  r.profile = lib_.find_profile(soc_.name, d.variant, d.precision, d.engine, d.threads);
  if (!r.profile) throw RunError("design " + spec::to_string(d) + " has no profile on " + soc_.name);
  r.variant = lib_.find_variant(d.variant);
  r.build = r.variant ? r.variant->find_build(d.precision) : nullptr;
  if (!r.build) throw RunError("design " + spec::to_string(d) + ": the library has no such build");
  const spec::Processor& proc = soc_.processors[static_cast<size_t>(r.processor)];
  const spec::ProcessorKind kind = proc.kind;
  if (!d.clusters.empty()) {
    for (size_t k = 0; k < proc.clusters.size(); ++k)
      if (std::find(d.clusters.begin(), d.clusters.end(), proc.clusters[k].name) != d.clusters.end()) r.cluster_mask |= 1U << k;
    if (r.cluster_mask == 0) throw RunError("design " + spec::to_string(d) + ": no such cluster on " + d.engine);
    // Profiles are measured big-first over all cores; the placement model rescales them.
    const double p = r.variant->parallel_frac;
    r.placement_scale = hw::placement_time(proc, d.threads, r.cluster_mask, p) / hw::placement_time(proc, d.threads, 0, p);
  }
  r.latency = Lognormal::from_mean_sd(static_cast<double>(r.profile->latency_mean.count_ns()) * r.placement_scale,
                                     static_cast<double>(r.profile->latency_sd.count_ns()) * r.placement_scale);
  if (auto it = r.build->memory_mib.find(kind); it != r.build->memory_mib.end()) r.memory_mib = it->second;
  if (auto it = r.build->load.find(kind); it != r.build->load.end()) r.load_time = it->second;
  const auto id = static_cast<int32_t>(designs_.size());
  designs_.push_back(r);
  ids_.emplace(d, id);
  return id;
}

std::vector<std::string> DesignTable::names() const {
  std::vector<std::string> out;
  out.reserve(designs_.size());
  for (const auto& r : designs_) out.push_back(spec::to_string(r.design));
  return out;
}

}  // namespace socsim
