// Named random streams and in-house distributions.
//
// Every random draw in a run comes from a stream named after what it drives ("arrivals/task0",
// "latency/task0"). A stream's state is derived from (run seed, stream name) with SplitMix64, so
// adding a stream never shifts another's values. The generator is xoshiro256**; distributions are
// implemented here (the standard library's differ between implementations) and their first values
// for a fixed seed are pinned by tests/core/rng_test.cpp.
#pragma once

#include <cstdint>
#include <string_view>

namespace socsim {

// SplitMix64 step: advances `state` and returns the next output.
uint64_t splitmix64(uint64_t& state);

// FNV-1a 64-bit hash of a name (stable across platforms).
uint64_t fnv1a64(std::string_view s);

// A lognormal's parameters: the mean and SD of its log (sigma 0: the mean itself, exactly).
struct Lognormal {
  double mean = 0;   // of the variable
  double mu = 0;     // of its log
  double sigma = 0;  // of its log
  // From the mean and SD of the variable itself. Precondition: mean > 0 or sd <= 0.
  static Lognormal from_mean_sd(double mean, double sd);
};

class RngStream {
 public:
  RngStream(uint64_t run_seed, std::string_view name);

  uint64_t next_u64();
  // Uniform on [0, 1) with 53 bits of resolution.
  double uniform();
  // Uniform on [lo, hi).
  double uniform(double lo, double hi);
  // Exponential with the given rate (mean 1/rate). Precondition: rate > 0.
  double exponential(double rate);
  // Normal(mean, sd) by the Marsaglia polar method (one spare value cached).
  double normal(double mean, double sd);
  // Lognormal parameterised by the mean and SD of the variable itself (not of its log).
  // sd == 0 returns mean exactly.
  double lognormal_mean_sd(double mean, double sd);
  // The same draw from parameters computed once (a design's latency: no log per draw).
  double lognormal(const Lognormal& p);

 private:
  uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace socsim
