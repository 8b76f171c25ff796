// Private to sim/config: reading values out of documents that passed their schema.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/config/json_parse_impl.h"
#include "sim/core/time.h"

namespace socsim::config {

enum class TimeUnit { kUs, kMs, kS };

// A time value of a file, in `unit`, as a Duration rounded to the nearest ns. Reports (at `at`)
// and returns nullopt for a value that is positive but rounds to 0 ns or does not fit in int64 ns.
std::optional<Duration> to_duration(double value, TimeUnit unit, const Pointer& at, Reporter& r);

// Typed reads of one JSON object that passed its schema: types are right and required keys are
// present, so only optional keys need fallbacks. Knows its pointer for diagnostics.
class Fields {
 public:
  Fields(const Json& object, Pointer at, Reporter& r) : obj_(&object), at_(std::move(at)), r_(&r) {}

  bool has(const char* key) const { return obj_->contains(key); }
  double number(const char* key, double fallback = 0) const { return obj_->value(key, fallback); }
  int integer(const char* key, int fallback = 0) const { return obj_->value(key, fallback); }
  bool flag(const char* key) const { return obj_->value(key, false); }
  std::string text(const char* key, const std::string& fallback = {}) const { return obj_->value(key, fallback); }
  std::vector<std::string> texts(const char* key) const { return obj_->value(key, std::vector<std::string>()); }
  const Json& raw(const char* key) const { return obj_->at(key); }

  // The time value `key` in `unit`; nullopt when absent or not representable (reported).
  std::optional<Duration> duration(const char* key, TimeUnit unit) const;

  Fields object(const char* key) const { return Fields(obj_->at(key), at_ / key, *r_); }
  // The elements of the array of objects `key`; empty when absent.
  std::vector<Fields> items(const char* key) const;

  const Pointer& at() const { return at_; }
  Reporter& reporter() const { return *r_; }

 private:
  const Json* obj_;
  Pointer at_;
  Reporter* r_;
};

}  // namespace socsim::config
