// socsim solve SCENARIO [--top N] [--format table|csv|json] [--param key=value]...
// CARIn's offline stage on the scenario's SoC: profiles every task's design space in socsim,
// runs RASS and prints the ranked designs (metrics, optimality), the design set with the
// condition each member serves, and what the solve cost. Parameters are the `carin` scheduler's
// (the scenario's own when it names carin, overlaid with --param).
// CSV and JSON print the metrics exactly (shortest round-trip form), so analysis/optimality.py can
// recompute the optimality values from them (tests/cli/test_analysis_optimality.py).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "sim/core/csv.h"
#include "sim/config/config.h"
#include "sim/core/error.h"
#include "sim/sched/registry.h"
#include "solver/carin_scheduler.h"
#include "solver/register.h"

namespace socsim::cli {
namespace {

using solver::at;
using spec::Metric;
constexpr Metric kShown[] = {Metric::kAccuracy, Metric::kLatencyMean, Metric::kLatencyP90, Metric::kLatencySd,
                             Metric::kThroughput, Metric::kMemory, Metric::kSize, Metric::kEnergy};

std::string condition_name(const solver::DesignSetMember& m, const spec::Soc& soc) {
  using C = solver::DesignSetMember::Condition;
  const std::string p = m.processor >= 0 ? soc.processors[static_cast<size_t>(m.processor)].name : "";
  switch (m.condition) {
    case C::kDefault: return "d0";
    case C::kProcessorIssue: return "processor_issue:" + p;
    case C::kMemoryIssue: return "memory_issue";
    case C::kProcessorAndMemoryIssue: return "processor_and_memory_issue:" + p;
  }
  return "";
}

// The design-set condition of a ranked position, "" when not a member.
std::string member_of(const solver::CarinPlan& plan, size_t rank, const spec::Soc& soc) {
  std::string out;
  for (const auto& m : plan.result.design_set)
    if (m.rank == rank) {
      if (!out.empty()) out += '+';
      out += condition_name(m, soc);
    }
  return out;
}

struct View {
  const config::LoadedScenario& l;
  const solver::CarinPlan& plan;
  size_t top;
};

void print_table(const View& v) {
  const auto& r = v.plan.result;
  fmt::print("solve {} on {} | optimality {} | {} designs, {} meet the constraints\n", v.l.scenario.name,
             v.l.soc.name, v.l.scenario.optimality, r.designs, r.feasible);
  fmt::print("profiling: {} runs, {} inferences, {} events, {:.3f} s wall | RASS: {:.3f} ms wall, {} comparisons, "
             "{} fall-back scans\n\n",
             v.plan.cost.runs, v.plan.cost.inferences, v.plan.cost.events, v.plan.profiling_wall_s,
             v.plan.rass_wall_s * 1e3, r.comparisons, r.scans);
  fmt::print("{:>5} {:>11} {:<12} {:<34} {:>7} {:>9} {:>9} {:>8} {:>9} {:>8} {:>8} {:>8}  {}\n", "rank", "optimality",
             "task", "design", "acc_%", "mean_ms", "p90_ms", "sd_ms", "thru_hz", "mem_mib", "size_mib", "mJ/inf",
             "design set");
  for (size_t i = 0; i < std::min(v.top, r.ranked.size()); ++i) {
    const auto& c = v.plan.candidates[r.ranked[i]];
    for (size_t t = 0; t < c.designs.size(); ++t) {
      const auto& m = c.task_metrics[t];
      fmt::print("{:>5} {:>11} {:<12} {:<34}", t ? "" : std::to_string(i), t ? "" : fmt::format("{:.6f}", r.optimality[i]),
                 v.l.scenario.tasks[t].name, spec::to_string(c.designs[t]));
      for (Metric k : kShown) fmt::print(" {:>8.3f}", at(m, k));
      fmt::print("  {}\n", t ? "" : member_of(v.plan, i, v.l.soc));
    }
  }
  fmt::print("\ndesign set ({} members; only their models are stored on the device):\n", r.design_set.size());
  for (const auto& m : r.design_set) {
    const auto& c = v.plan.candidates[m.candidate];
    std::string designs;
    for (const auto& d : c.designs) {
      if (!designs.empty()) designs += ", ";
      designs += spec::to_string(d);
    }
    fmt::print("  {:<34} rank {:>4}  optimality {:.6f}  {}\n", condition_name(m, v.l.soc), m.rank, m.optimality, designs);
  }
  for (const auto& miss : r.missing) fmt::print("  (none) {}\n", miss);
}

void print_csv(const View& v) {
  const auto& r = v.plan.result;
  CsvRow header;
  header.text("rank").text("optimality").text("task").text("design");
  for (Metric k : kShown) header.text(spec::to_string(k));
  std::cout << header.text("design_set").line();
  for (size_t i = 0; i < std::min(v.top, r.ranked.size()); ++i) {
    const auto& c = v.plan.candidates[r.ranked[i]];
    for (size_t t = 0; t < c.designs.size(); ++t) {
      CsvRow row;
      row.integer(i).fixed(r.optimality[i], 9).text(v.l.scenario.tasks[t].name).text(spec::to_string(c.designs[t]));
      for (Metric k : kShown) row.num(at(c.task_metrics[t], k));
      std::cout << row.text(member_of(v.plan, i, v.l.soc)).line();
    }
  }
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }  // names are identifiers: no escapes

void print_json(const View& v) {
  const auto& r = v.plan.result;
  const auto candidate_json = [&](const solver::Candidate& c) {
    std::string out = "[";
    for (size_t t = 0; t < c.designs.size(); ++t) {
      out += fmt::format("{}{{\"task\": {}, \"design\": {}", t ? ", " : "", quoted(v.l.scenario.tasks[t].name),
                         quoted(spec::to_string(c.designs[t])));
      for (Metric k : kShown) out += fmt::format(", \"{}\": {}", spec::to_string(k), at(c.task_metrics[t], k));
      out += "}";
    }
    return out + "]";
  };
  fmt::print("{{\n  \"scenario\": {}, \"soc\": {}, \"optimality\": {},\n", quoted(v.l.scenario.name),
             quoted(v.l.soc.name), quoted(v.l.scenario.optimality));
  fmt::print("  \"designs\": {}, \"feasible\": {}, \"comparisons\": {}, \"scans\": {},\n", r.designs, r.feasible,
             r.comparisons, r.scans);
  fmt::print("  \"profiling\": {{\"runs\": {}, \"inferences\": {}, \"events\": {}, \"wall_s\": {:.6f}}},\n",
             v.plan.cost.runs, v.plan.cost.inferences, v.plan.cost.events, v.plan.profiling_wall_s);
  fmt::print("  \"rass_wall_s\": {:.9f},\n  \"ranked\": [", v.plan.rass_wall_s);
  for (size_t i = 0; i < std::min(v.top, r.ranked.size()); ++i)
    fmt::print("{}\n    {{\"rank\": {}, \"optimality\": {:.9f}, \"tasks\": {}}}", i ? "," : "", i, r.optimality[i],
               candidate_json(v.plan.candidates[r.ranked[i]]));
  fmt::print("\n  ],\n  \"design_set\": [");
  for (size_t i = 0; i < r.design_set.size(); ++i) {
    const auto& m = r.design_set[i];
    fmt::print("{}\n    {{\"condition\": {}, \"rank\": {}, \"optimality\": {:.9f}, \"tasks\": {}}}", i ? "," : "",
               quoted(condition_name(m, v.l.soc)), m.rank, m.optimality, candidate_json(v.plan.candidates[m.candidate]));
  }
  fmt::print("\n  ],\n  \"missing\": [");
  for (size_t i = 0; i < r.missing.size(); ++i) fmt::print("{}{}", i ? ", " : "", quoted(r.missing[i]));
  fmt::print("]\n}}\n");
}

}  // namespace

int cmd_solve(const Args& args) {
  po::options_description desc("options");
  std::string scenario, format;
  size_t top = 20;
  std::vector<std::string> params;
  desc.add_options()
      ("scenario", po::value(&scenario)->required(), "scenario file")
      ("top", po::value(&top)->default_value(20), "ranked designs to print")
      ("param", po::value(&params)->composing(), "carin parameter key=value (repeatable), e.g. top_k=3")
      ("format", po::value(&format)->default_value("table"), "output format: table, csv or json");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim solve SCENARIO [options]", desc, pos, vm)) return exit_code::kOk;
  const Format fmt = parse_format(format);

  const config::LoadedScenario l = config::load_scenario(scenario);
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  auto values = l.scenario.scheduler.name == "carin" ? l.scenario.scheduler.params : std::map<std::string, std::string>{};
  const auto given = parse_params(params);
  registry.params("carin", given, "command line (--param)");
  for (const auto& [k, val] : given) values[k] = val;
  const solver::CarinOptions opts = solver::carin_options(registry.params("carin", values, l.scenario.file));
  if (!spec::has_objectives(l.scenario))
    std::cerr << "socsim solve: warning: " << l.scenario.file
              << " states no SLO objectives: every design scores the same and the ranking is the listing order "
                 "(expected e.g. \"slo\": {\"objectives\": [{\"metric\": \"accuracy\"}]})\n";
  const solver::CarinPlan plan = solver::plan_carin(l.soc, l.models, l.scenario, opts);
  const View v{l, plan, top};
  if (fmt == Format::kTable) print_table(v);
  if (fmt == Format::kCsv) print_csv(v);
  if (fmt == Format::kJson) print_json(v);
  return exit_code::kOk;
}

}  // namespace socsim::cli
