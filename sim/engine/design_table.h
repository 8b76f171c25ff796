// Designs interned to small integer ids, each resolved once to its profile and processor.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/core/rng.h"
#include "sim/spec/models.h"
#include "sim/spec/scenario.h"
#include "sim/spec/soc.h"

namespace socsim {

struct ResolvedDesign {
  spec::Design design;
  const spec::Profile* profile = nullptr;
  const spec::Variant* variant = nullptr;
  const spec::Build* build = nullptr;
  int processor = -1;
  uint32_t cluster_mask = 0;     // CPU affinity mask (bit k = cluster k); 0 = all
  double placement_scale = 1.0;  // latency of the masked placement over the profiled big-first one
  Lognormal latency;  // ns: the profile's mean and SD times placement_scale, as a lognormal's parameters
  double memory_mib = 0;  // resident while loaded on this engine kind
  Duration load_time;     // load + delegate initialisation on this engine kind
};

class DesignTable {
 public:
  DesignTable(const spec::Soc& soc, const spec::ModelLibrary& lib) : soc_(soc), lib_(lib) {}

  // Interns `d`; throws RunError when the SoC has no such engine or no profile for it.
  int32_t intern(const spec::Design& d);
  const ResolvedDesign& at(int32_t id) const { return designs_[static_cast<size_t>(id)]; }
  std::vector<std::string> names() const;

 private:
  const spec::Soc& soc_;
  const spec::ModelLibrary& lib_;
  std::map<spec::Design, int32_t> ids_;
  std::vector<ResolvedDesign> designs_;
};

}  // namespace socsim
