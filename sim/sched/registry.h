// Schedulers by name, with typed, documented parameters.
//
// Registration is an explicit call (solver/register.h). create() checks the name and every
// parameter key before building anything: an unknown name or key is a ConfigError that lists
// what is known, a badly typed value one that says what was expected.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/sched/scheduler.h"

namespace socsim::sched {

struct ParamSpec {
  std::string name;
  std::string type;  // "number", "integer", "bool" or "string"
  std::string default_value;
  std::string description;
  std::optional<double> min = std::nullopt, max = std::nullopt;  // inclusive bounds of a number or integer
  std::vector<std::string> choices = {};                          // a string's allowed values; empty: any
};

// Parameter values after checking: the defaults overlaid with the user's values.
class Params {
 public:
  explicit Params(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  double number(const std::string& name) const;
  long long integer(const std::string& name) const;
  bool flag(const std::string& name) const;
  const std::string& text(const std::string& name) const;

 private:
  std::map<std::string, std::string> values_;
};

struct SchedulerInfo {
  std::string name;
  std::string description;
  std::vector<ParamSpec> params;
  std::function<std::unique_ptr<Scheduler>(const Params&)> make;
  // It picks designs by the scenario's SLO objectives (CARIn's planners and baselines): without
  // any, its choice means nothing, and socsim warns.
  bool plans_with_slo = false;
};

class Registry {
 public:
  void add(SchedulerInfo info);
  // `file` names where the choice came from, for error messages (pointer /scheduler/...).
  std::unique_ptr<Scheduler> create(const std::string& name,
                                    const std::map<std::string, std::string>& params,
                                    const std::string& file) const;
  // The checked parameters of scheduler `name` (defaults overlaid with `params`), as create()
  // would pass them; the same errors.
  Params params(const std::string& name, const std::map<std::string, std::string>& params,
                const std::string& file) const;
  const std::map<std::string, SchedulerInfo>& all() const { return infos_; }

 private:
  std::map<std::string, SchedulerInfo> infos_;
};

}  // namespace socsim::sched
