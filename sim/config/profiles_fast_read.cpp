#include "sim/config/profiles_fast_read_impl.h"

#include <simdjson.h>

#include <cmath>

#include "sim/config/json_fast_parse_impl.h"
#include "sim/config/json_read_impl.h"

namespace socsim::config {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

bool read_string(element e, std::string& out) {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS || bad_string(s)) return false;
  out.assign(s);
  return true;
}

// A number as nlohmann's value<double>() reads it; -0.0 declined, as the fast parser does.
bool read_number(element e, double& out) {
  switch (e.type()) {
    case element_type::INT64:
      out = static_cast<double>(int64_t(e));
      return true;
    case element_type::UINT64:
      out = static_cast<double>(uint64_t(e));
      return true;
    case element_type::DOUBLE:
      out = double(e);
      return !(out == 0 && std::signbit(out));
    default:
      return false;
  }
}

// A time in ms as Fields::duration reads it, when it converts without a diagnostic.
bool read_ms(element e, Duration& out, Reporter& scratch) {
  double v = 0;
  if (!read_number(e, v)) return false;
  const size_t before = scratch.errors();
  std::optional<Duration> d = to_duration(v, TimeUnit::kMs, Pointer(), scratch);
  if (!d || scratch.errors() != before) return false;
  out = *d;
  return true;
}

bool read_profile(simdjson::dom::object object, const std::string& soc, spec::Profile& p, Reporter& scratch) {
  enum : unsigned {
    kVariant = 1, kPrecision = 2, kEngine = 4, kThreads = 8, kLatency = 16, kLatencySd = 32, kBandwidth = 64,
    kSource = 128, kEstimated = 256, kMethod = 512
  };
  unsigned seen = 0;
  p.soc = soc;
  for (simdjson::dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    unsigned bit = 0;
    bool ok = false;
    if (key == "variant") {
      bit = kVariant;
      ok = read_string(field.value, p.variant);
    } else if (key == "precision") {
      bit = kPrecision;
      std::string text;
      std::optional<spec::Precision> precision;
      ok = read_string(field.value, text) && (precision = spec::parse_precision(text));
      if (ok) p.precision = *precision;
    } else if (key == "engine") {
      bit = kEngine;
      ok = read_string(field.value, p.engine);
    } else if (key == "threads") {
      bit = kThreads;
      int64_t threads = 0;
      ok = field.value.type() != element_type::DOUBLE && field.value.get_int64().get(threads) == simdjson::SUCCESS &&
           threads >= 1 && threads <= 64;
      p.threads = static_cast<int>(threads);
    } else if (key == "latency_ms") {
      bit = kLatency;
      ok = read_ms(field.value, p.latency_mean, scratch);
    } else if (key == "latency_sd_ms") {
      bit = kLatencySd;
      ok = read_ms(field.value, p.latency_sd, scratch);
    } else if (key == "bandwidth_gbps") {
      bit = kBandwidth;
      ok = read_number(field.value, p.bandwidth_gbps);
    } else if (key == "source") {
      bit = kSource;
      ok = read_string(field.value, p.source);
    } else if (key == "estimated") {
      bit = kEstimated;
      ok = field.value.get_bool().get(p.estimated) == simdjson::SUCCESS;
    } else if (key == "method") {
      bit = kMethod;
      std::string method;
      ok = read_string(field.value, method);
    }
    if (!ok || (seen & bit)) return false;  // unknown key, unexpected value or a duplicate
    seen |= bit;
  }
  constexpr unsigned kRequired = kVariant | kPrecision | kEngine | kLatency | kSource;
  if ((seen & kRequired) != kRequired) return false;
  if (p.estimated && !(seen & kMethod)) return false;
  return true;
}

std::optional<std::vector<spec::Profile>> read_padded(const char* data, size_t size, std::string_view file_stem) {
  if (may_hold_negative_zero(std::string_view(data, size))) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(data, size, false).get(root) != simdjson::SUCCESS) return std::nullopt;
  std::string soc;
  simdjson::dom::array profiles;
  bool has_soc = false, has_profiles = false, has_description = false;
  for (simdjson::dom::key_value_pair field : root) {
    bool ok = false;
    if (field.key == "soc" && !has_soc) {
      ok = has_soc = read_string(field.value, soc);
    } else if (field.key == "profiles" && !has_profiles) {
      ok = has_profiles = field.value.get_array().get(profiles) == simdjson::SUCCESS;
    } else if (field.key == "description" && !has_description) {
      std::string description;
      ok = has_description = read_string(field.value, description);
    }
    if (!ok) return std::nullopt;
  }
  if (!has_soc || !has_profiles || (!file_stem.empty() && soc != file_stem)) return std::nullopt;
  Diagnostics scratch_diagnostics;  // what to_duration would report, only to notice that it would
  Reporter scratch(scratch_diagnostics, "");
  std::vector<spec::Profile> out;
  out.reserve(profiles.size());
  for (element item : profiles) {
    simdjson::dom::object object;
    if (item.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
    if (!read_profile(object, soc, out.emplace_back(), scratch)) return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<std::vector<spec::Profile>> read_known_profiles(std::string& text, std::string_view file_stem) {
  const size_t size = text.size();
  text.append(simdjson::SIMDJSON_PADDING, '\0');  // within the spare capacity: no copy
  auto profiles = read_padded(text.data(), size, file_stem);
  text.resize(size);
  return profiles;
}

}  // namespace socsim::config
