// When a task's requests arrive: periodic (a camera at N fps) or Poisson (independent events at a
// mean rate). For a closed loop only the first arrival (at the offset) comes from here. Each source draws from its own named RNG stream, so tasks never perturb each other.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/core/rng.h"
#include "sim/spec/scenario.h"

namespace socsim {

class ArrivalSource {
 public:
  ArrivalSource(const spec::Arrival& arrival, uint64_t run_seed, std::string_view stream_name);

  // The time of the next arrival (non-decreasing across calls).
  Time next();

 private:
  spec::Arrival arrival_;
  RngStream rng_;
  uint64_t count_ = 0;
  Time last_;
};

}  // namespace socsim
