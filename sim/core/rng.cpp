#include "sim/core/rng.h"

#include <cmath>

namespace socsim {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return h;
}

RngStream::RngStream(uint64_t run_seed, std::string_view name) {
  uint64_t state = run_seed ^ fnv1a64(name);
  for (auto& word : s_) word = splitmix64(state);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t RngStream::next_u64() {  // xoshiro256**
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RngStream::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double RngStream::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double RngStream::exponential(double rate) { return -std::log1p(-uniform()) / rate; }

double RngStream::normal(double mean, double sd) {
  if (has_spare_) {
    has_spare_ = false;
    return mean + sd * spare_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double f = std::sqrt(-2.0 * std::log(s) / s);
  spare_ = v * f;
  has_spare_ = true;
  return mean + sd * (u * f);
}

Lognormal Lognormal::from_mean_sd(double mean, double sd) {
  if (sd <= 0.0) return {mean, 0.0, 0.0};
  const double var_ratio = (sd * sd) / (mean * mean);
  const double sigma2 = std::log1p(var_ratio);
  return {mean, std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2)};
}

double RngStream::lognormal(const Lognormal& p) {
  return p.sigma > 0.0 ? std::exp(normal(p.mu, p.sigma)) : p.mean;
}

double RngStream::lognormal_mean_sd(double mean, double sd) { return lognormal(Lognormal::from_mean_sd(mean, sd)); }

}  // namespace socsim
