#include <array>
#include <string_view>

#include "sim/config/scenario_parts_impl.h"

namespace socsim::config {
namespace {

using spec::Constraint;
using spec::Metric;

constexpr std::array kMetrics = {Metric::kAccuracy,   Metric::kLatencyMean, Metric::kLatencyP50, Metric::kLatencyP90,
                                 Metric::kLatencyP99, Metric::kLatencySd,   Metric::kThroughput, Metric::kMemory,
                                 Metric::kSize,       Metric::kEnergy,      Metric::kDeadlineMiss};
constexpr std::array kOps = {Constraint::Op::kLe, Constraint::Op::kLt, Constraint::Op::kGe, Constraint::Op::kGt};

// The schema allows only known names, so both parses find one.
Metric parse_metric(std::string_view name) {
  for (Metric m : kMetrics)
    if (name == spec::to_string(m)) return m;
  return Metric::kAccuracy;
}

Constraint::Op parse_op(std::string_view text) {
  for (Constraint::Op op : kOps)
    if (text == to_string(op)) return op;
  return Constraint::Op::kLe;
}

spec::Objective read_objective(const Fields& f) {
  spec::Objective o;
  o.metric = parse_metric(f.text("metric"));
  o.maximise = f.has("goal") ? f.text("goal") == "max" : maximised_by_default(o.metric);
  o.weight = f.number("weight", o.weight);
  return o;
}

Constraint read_constraint(const Fields& f) {
  Constraint c;
  c.metric = parse_metric(f.text("metric"));
  c.op = parse_op(f.text("op"));
  c.bound = f.number("bound");
  return c;
}

}  // namespace

bool maximised_by_default(Metric m) { return m == Metric::kAccuracy || m == Metric::kThroughput; }

const char* to_string(Constraint::Op op) {
  switch (op) {
    case Constraint::Op::kLe:
      return "<=";
    case Constraint::Op::kLt:
      return "<";
    case Constraint::Op::kGe:
      return ">=";
    case Constraint::Op::kGt:
      return ">";
  }
  return "?";
}

spec::Slo read_slo(const Fields& f) {
  spec::Slo slo;
  for (const Fields& o : f.items("objectives")) slo.objectives.push_back(read_objective(o));
  for (const Fields& c : f.items("constraints")) slo.constraints.push_back(read_constraint(c));
  return slo;
}

void check_slo(const spec::Slo& slo, const Pointer& at, Reporter& r) {
  std::vector<NamedAt> metrics;
  for (size_t k = 0; k < slo.objectives.size(); ++k)
    metrics.push_back({spec::to_string(slo.objectives[k].metric), at / "objectives" / k / "metric"});
  report_duplicates(metrics, "objective metric", r);
}

}  // namespace socsim::config
