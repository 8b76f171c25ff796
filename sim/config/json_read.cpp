#include <fmt/format.h>

#include <cmath>

#include "sim/config/json_read_impl.h"
#include "sim/config/messages_impl.h"

namespace socsim::config {
namespace {

// 2^63: the first nanosecond count that does not fit in int64.
constexpr double kNsLimit = 9223372036854775808.0;

double ns_per(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kUs:
      return 1e3;
    case TimeUnit::kMs:
      return 1e6;
    case TimeUnit::kS:
      return 1e9;
  }
  return 1;
}

const char* symbol(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kUs:
      return "us";
    case TimeUnit::kMs:
      return "ms";
    case TimeUnit::kS:
      return "s";
  }
  return "?";
}

}  // namespace

std::optional<Duration> to_duration(double value, TimeUnit unit, const Pointer& at, Reporter& r) {
  const double ns = value * ns_per(unit);
  if (!(std::fabs(ns) < kNsLimit)) {
    r.error(at, fmt::format("{} {} does not fit in 64-bit nanoseconds (expected at most {} {})", number_text(value),
                            symbol(unit), number_text(kNsLimit / ns_per(unit)), symbol(unit)));
    return std::nullopt;
  }
  const auto count = static_cast<int64_t>(std::llround(ns));
  if (value > 0 && count == 0) {
    r.error(at, fmt::format("{} {} rounds to 0 ns (expected 0 or at least {} {}, which is 1 ns)", number_text(value),
                            symbol(unit), number_text(1 / ns_per(unit)), symbol(unit)));
    return std::nullopt;
  }
  return Duration::ns(count);
}

std::optional<Duration> Fields::duration(const char* key, TimeUnit unit) const {
  if (!has(key)) return std::nullopt;
  return to_duration(number(key), unit, at_ / key, *r_);
}

std::vector<Fields> Fields::items(const char* key) const {
  std::vector<Fields> out;
  if (!has(key)) return out;
  const Json& array = obj_->at(key);
  for (size_t i = 0; i < array.size(); ++i) out.emplace_back(array[i], at_ / key / i, *r_);
  return out;
}

}  // namespace socsim::config
