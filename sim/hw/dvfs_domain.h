// One frequency domain (a CPU cluster or an accelerator): its operating points, the governor's
// request, the thermal/forced cap, and the frequency in force. Pure state; the Machine decides
// when a change takes effect (after the domain's transition latency).
#pragma once

#include <cstddef>
#include <string>

#include "sim/spec/soc.h"

namespace socsim::hw {

enum class Governor { kPerformance, kPowersave, kUserspace, kSchedutil };

// Parses "performance", "powersave", "userspace", "schedutil".
bool parse_governor(const std::string& s, Governor& out);

class DvfsDomain {
 public:
  DvfsDomain(const spec::Dvfs& spec, Governor g, double userspace_mhz);

  double freq_mhz() const { return spec_->opps[current_].freq_mhz; }
  double max_freq_mhz() const { return spec_->max_freq_mhz(); }
  // Frequency relative to the one profiles are stated at: compute-bound work runs at this speed.
  double speed() const { return freq_mhz() / spec_->ref_freq_mhz; }
  // Dynamic power of one fully busy core (CPU) or of the busy unit (accelerator), mW.
  double busy_power_mw() const { return spec_->opps[current_].power_mw; }
  Duration transition() const { return spec_->transition; }
  Governor governor() const { return governor_; }

  // The operating point the governor wants for a frequency-invariant utilisation in [0, 1],
  // clamped by the cap. Linux schedutil: f = 1.25 * f_max * util, the lowest OPP at or above it.
  size_t target(double util) const;
  // Caps the frequency at frac * f_max (the highest OPP not above it; never below the lowest).
  void set_cap(double frac);
  size_t current() const { return current_; }
  void set_current(size_t opp) { current_ = opp; }

 private:
  const spec::Dvfs* spec_;
  Governor governor_;
  size_t userspace_ = 0;
  size_t cap_ = 0;
  size_t current_ = 0;
};

}  // namespace socsim::hw
