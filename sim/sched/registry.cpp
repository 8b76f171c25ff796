#include "sim/sched/registry.h"

#include <algorithm>
#include <cstdlib>

#include "sim/core/error.h"
#include "sim/core/names.h"

namespace socsim::sched {
namespace {

bool is_number(const std::string& v) {
  char* end = nullptr;
  std::strtod(v.c_str(), &end);
  return !v.empty() && *end == '\0';
}

bool is_integer(const std::string& v) {
  char* end = nullptr;
  std::strtoll(v.c_str(), &end, 10);
  return !v.empty() && *end == '\0';
}

bool type_ok(const std::string& type, const std::string& v) {
  if (type == "number") return is_number(v);
  if (type == "integer") return is_integer(v);
  if (type == "bool") return v == "true" || v == "false";
  return true;
}

std::string number_text(double x) {
  std::string s = std::to_string(x);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string range_text(const ParamSpec& p) {
  if (p.min && p.max) return "a value from " + number_text(*p.min) + " to " + number_text(*p.max);
  if (p.min) return "a value >= " + number_text(*p.min);
  return "a value <= " + number_text(*p.max);
}

}  // namespace

double Params::number(const std::string& name) const { return std::strtod(text(name).c_str(), nullptr); }
long long Params::integer(const std::string& name) const {
  return std::strtoll(text(name).c_str(), nullptr, 10);
}
bool Params::flag(const std::string& name) const { return text(name) == "true"; }
const std::string& Params::text(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw RunError("scheduler parameter \"" + name + "\" was never declared");
  return it->second;
}

void Registry::add(SchedulerInfo info) {
  auto name = info.name;
  infos_.emplace(std::move(name), std::move(info));
}

std::unique_ptr<Scheduler> Registry::create(const std::string& name,
                                            const std::map<std::string, std::string>& params,
                                            const std::string& file) const {
  Params checked = this->params(name, params, file);  // throws for an unknown name
  return infos_.at(name).make(checked);
}

Params Registry::params(const std::string& name, const std::map<std::string, std::string>& params,
                        const std::string& file) const {
  auto it = infos_.find(name);
  if (it == infos_.end()) {
    std::vector<std::string> known;
    for (const auto& [n, _] : infos_) known.push_back(n);
    throw ConfigError({{file, "/scheduler/name",
                        unknown_name("scheduler", name, known)}});
  }
  const SchedulerInfo& info = it->second;
  std::map<std::string, std::string> values;
  for (const auto& p : info.params) values[p.name] = p.default_value;
  std::vector<Diagnostic> diags;
  std::vector<std::string> known;
  for (const auto& p : info.params) known.push_back(p.name);
  for (const auto& [key, value] : params) {
    const std::string ptr = "/scheduler/params/" + key;
    auto spec = std::find_if(info.params.begin(), info.params.end(),
                             [&](const ParamSpec& p) { return p.name == key; });
    if (spec == info.params.end()) {
      diags.push_back({file, ptr, "scheduler \"" + name + "\": " + unknown_name("parameter", key, known)});
    } else if (!type_ok(spec->type, value)) {
      diags.push_back({file, ptr, "\"" + value + "\" is not a valid " + spec->type + " (" +
                                      spec->description + ")"});
    } else if (!spec->choices.empty() &&
               std::find(spec->choices.begin(), spec->choices.end(), value) == spec->choices.end()) {
      diags.push_back({file, ptr, "scheduler \"" + name + "\": " + unknown_name("value", value, spec->choices) +
                                      " (" + spec->description + ")"});
    } else if (const double x = std::strtod(value.c_str(), nullptr);
               (spec->min && x < *spec->min) || (spec->max && x > *spec->max)) {
      diags.push_back({file, ptr, value + " is out of range (expected " + range_text(*spec) + ")"});
    } else {
      values[key] = value;
    }
  }
  if (!diags.empty()) throw ConfigError(std::move(diags));
  return Params(std::move(values));
}

}  // namespace socsim::sched
