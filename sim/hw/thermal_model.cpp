#include "sim/hw/thermal_model.h"

#include <algorithm>
#include <cmath>

namespace socsim::hw {

ThermalModel::ThermalModel(const spec::Thermal& spec)
    : spec_(&spec), temp_c_(spec.ambient_c), ambient_c_(spec.ambient_c), active_(spec.trips.size(), false) {}

void ThermalModel::advance(double power_w, Duration dt) {
  const double steady = ambient_c_ + power_w * spec_->resistance_c_per_w;
  const double tau_s = spec_->resistance_c_per_w * spec_->capacitance_j_per_c;
  temp_c_ = steady + (temp_c_ - steady) * std::exp(-dt.to_s() / tau_s);
}

bool ThermalModel::update_trips() {
  bool changed = false;
  for (size_t i = 0; i < active_.size(); ++i) {
    const auto& trip = spec_->trips[i];
    const bool now = active_[i] ? temp_c_ > trip.temp_c - trip.hysteresis_c : temp_c_ >= trip.temp_c;
    changed |= now != active_[i];
    active_[i] = now;
  }
  return changed;
}

double ThermalModel::cap_for(const std::string& processor) const {
  double cap = 1.0;
  for (size_t i = 0; i < active_.size(); ++i) {
    if (!active_[i]) continue;
    const auto& procs = spec_->trips[i].processors;
    if (procs.empty() || std::find(procs.begin(), procs.end(), processor) != procs.end())
      cap = std::min(cap, spec_->trips[i].max_freq_frac);
  }
  return cap;
}

}  // namespace socsim::hw
