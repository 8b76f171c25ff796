// Lumped thermal RC model of the SoC: C dT/dt = P - (T - T_amb) / R, integrated exactly over
// intervals of constant power, with trip points that cap frequencies and release with hysteresis.
#pragma once

#include <vector>

#include "sim/core/time.h"
#include "sim/spec/soc.h"

namespace socsim::hw {

class ThermalModel {
 public:
  explicit ThermalModel(const spec::Thermal& spec);

  double temperature_c() const { return temp_c_; }
  void set_ambient(double c) { ambient_c_ = c; }
  // Advances the temperature by dt under constant power.
  void advance(double power_w, Duration dt);
  // Updates which trips are active (trip at temp_c, release below temp_c - hysteresis_c).
  // Returns true when the set changed.
  bool update_trips();
  // The frequency cap (fraction of max) the active trips impose on a processor; 1 when none.
  double cap_for(const std::string& processor) const;

 private:
  const spec::Thermal* spec_;
  double temp_c_;
  double ambient_c_;
  std::vector<bool> active_;
};

}  // namespace socsim::hw
