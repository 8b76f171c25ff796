#include "sim/hw/dvfs_domain.h"

#include <algorithm>

namespace socsim::hw {

bool parse_governor(const std::string& s, Governor& out) {
  if (s == "performance") out = Governor::kPerformance;
  else if (s == "powersave") out = Governor::kPowersave;
  else if (s == "userspace") out = Governor::kUserspace;
  else if (s == "schedutil") out = Governor::kSchedutil;
  else return false;
  return true;
}

namespace {
// Lowest OPP whose frequency is >= mhz (the last when none is).
size_t lowest_at_least(const spec::Dvfs& d, double mhz) {
  for (size_t i = 0; i < d.opps.size(); ++i)
    if (d.opps[i].freq_mhz >= mhz) return i;
  return d.opps.size() - 1;
}
// Highest OPP whose frequency is <= mhz (the first when none is).
size_t highest_at_most(const spec::Dvfs& d, double mhz) {
  size_t best = 0;
  for (size_t i = 0; i < d.opps.size(); ++i)
    if (d.opps[i].freq_mhz <= mhz * (1 + 1e-12)) best = i;
  return best;
}
}  // namespace

DvfsDomain::DvfsDomain(const spec::Dvfs& spec, Governor g, double userspace_mhz)
    : spec_(&spec), governor_(g), cap_(spec.opps.size() - 1) {
  userspace_ = userspace_mhz > 0 ? highest_at_most(spec, userspace_mhz) : cap_;
  current_ = target(1.0);
}

size_t DvfsDomain::target(double util) const {
  size_t want = cap_;
  switch (governor_) {
    case Governor::kPerformance: want = spec_->opps.size() - 1; break;
    case Governor::kPowersave: want = 0; break;
    case Governor::kUserspace: want = userspace_; break;
    case Governor::kSchedutil: want = lowest_at_least(*spec_, 1.25 * max_freq_mhz() * std::clamp(util, 0.0, 1.0)); break;
  }
  return std::min(want, cap_);
}

void DvfsDomain::set_cap(double frac) { cap_ = highest_at_most(*spec_, frac * max_freq_mhz()); }

}  // namespace socsim::hw
