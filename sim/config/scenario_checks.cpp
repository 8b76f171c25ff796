#include <fmt/format.h>

#include <algorithm>

#include "sim/config/engines_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/model_loader_impl.h"
#include "sim/config/scenario_loader_impl.h"
#include "sim/config/scenario_parts_impl.h"

namespace socsim::config {
namespace {

// The scheduler that runs each task's own design (the default).
constexpr const char* kFixedScheduler = "fixed";

// The engines (with threads) that do have a profile of the design's build on this SoC.
std::vector<std::string> profiled_engines(const spec::Design& d, const std::string& soc,
                                          const spec::ModelLibrary& lib) {
  std::vector<std::string> engines;
  for (const auto& p : lib.profiles)
    if (p.soc == soc && p.variant == d.variant && p.precision == d.precision)
      engines.push_back(p.threads > 0 ? fmt::format("{}:{}t", p.engine, p.threads) : p.engine);
  return engines;
}

void check_profile_exists(const spec::Design& d, const spec::Soc& soc, const spec::ModelLibrary& lib, const Pointer& at,
                          Reporter& r) {
  if (lib.find_profile(soc.name, d.variant, d.precision, d.engine, d.threads) != nullptr) return;
  std::vector<std::string> engines = profiled_engines(d, soc.name, lib);
  std::string head = fmt::format("no latency profile for {} on SoC {}", spec::to_string(d), quote(soc.name));
  if (engines.empty())
    r.error(at,
            fmt::format("{} (no engine has a profile of {}/{} there)", head, d.variant, spec::to_string(d.precision)));
  else
    r.error(at, fmt::format("{} (expected one of the profiled engines: {})", head, join(engines)));
}

// Reports what does not resolve; true when the design resolves and is usable, so its profile can be looked up.
// A cluster mask names clusters of a CPU engine only.
void check_cluster_mask(const spec::Design& d, const spec::Processor& p, const Pointer& at, Reporter& r) {
  if (d.clusters.empty()) return;
  if (p.kind != spec::ProcessorKind::kCpu) {
    r.error(at / "clusters", "a cluster mask applies to CPU engines only, not to \"" + d.engine + "\"");
    return;
  }
  std::vector<std::string> known;
  for (const auto& c : p.clusters) known.push_back(c.name);
  for (size_t i = 0; i < d.clusters.size(); ++i)
    if (std::find(known.begin(), known.end(), d.clusters[i]) == known.end())
      r.error(at / "clusters" / i, unknown_name("cluster", d.clusters[i], known));
}

bool check_design_parts(const spec::Design& d, const spec::Soc& soc, const spec::ModelLibrary& lib, const Pointer& at,
                        Reporter& r) {
  const size_t before = r.errors();
  const spec::Variant* v = lib.find_variant(d.variant);
  if (v == nullptr)
    r.error(at / "variant", unknown_name("variant", d.variant, variant_names(lib)));
  else if (v->find_build(d.precision) == nullptr)
    r.error(at / "precision", missing_build(*v, d.precision));
  const int index = soc.find_processor(d.engine);
  if (index < 0) {
    r.error(at / "engine", unknown_name("processor", d.engine, processor_names(soc)));
  } else {
    const spec::Processor& p = soc.processors[static_cast<size_t>(index)];
    check_engine_use(EngineUse{d.engine, p.kind, p.total_cores(), d.precision, d.threads}, at, r);
    check_cluster_mask(d, p, at, r);
  }
  return r.errors() == before;
}

// The model-library tasks the variants serve.
std::vector<std::string> dnn_tasks(const spec::ModelLibrary& lib) {
  std::vector<std::string> tasks;
  for (const auto& v : lib.variants) tasks.push_back(v.task);
  return tasks;
}

// A given dnn_task is a task of the library, and the design's variant (when known) serves it.
void check_dnn_task(const spec::Task& t, const spec::ModelLibrary& lib, const Pointer& at, Reporter& r) {
  if (t.dnn_task.empty()) return;
  const std::vector<std::string> known = dnn_tasks(lib);
  if (std::find(known.begin(), known.end(), t.dnn_task) == known.end()) {
    r.error(at / "dnn_task", unknown_name("dnn_task", t.dnn_task, known));
    return;
  }
  const spec::Variant* v = t.design ? lib.find_variant(t.design->variant) : nullptr;
  if (v != nullptr && v->task != t.dnn_task)
    r.error(at / "design" / "variant",
            fmt::format("variant {} serves {}, not the task's dnn_task {} (expected a variant that serves {})",
                        quote(v->name), quote(v->task), quote(t.dnn_task), quote(t.dnn_task)));
}

void check_designs(const spec::Scenario& sc, const spec::Soc& soc, const spec::ModelLibrary& lib, Reporter& r) {
  for (size_t i = 0; i < sc.tasks.size(); ++i) {
    const Pointer at = Pointer() / "tasks" / i;
    check_dnn_task(sc.tasks[i], lib, at, r);
    if (!sc.tasks[i].design) continue;
    if (check_design_parts(*sc.tasks[i].design, soc, lib, at / "design", r))
      check_profile_exists(*sc.tasks[i].design, soc, lib, at / "design", r);
  }
}

}  // namespace

void check_scenario_alone(const spec::Scenario& sc, Reporter& r) {
  if (sc.duration <= Duration())
    r.error(Pointer() / "duration_s",
            fmt::format("{} s is not positive (expected a duration > 0)", number_text(sc.duration.to_s())));
  if (sc.warmup && *sc.warmup >= sc.duration)
    r.error(Pointer() / "warmup_s", fmt::format("{} s is not shorter than the run ({} s; expected a warm-up < duration_s)",
                                                number_text(sc.warmup->to_s()), number_text(sc.duration.to_s())));
  std::vector<NamedAt> names;
  for (size_t i = 0; i < sc.tasks.size(); ++i) {
    const spec::Task& t = sc.tasks[i];
    const Pointer at = Pointer() / "tasks" / i;
    names.push_back({t.name, at / "name"});
    check_slo(t.slo, at / "slo", r);
    if (t.deadline && *t.deadline <= Duration())
      r.error(at / "deadline_ms",
              fmt::format("{} ms is not positive (expected a deadline > 0)", number_text(t.deadline->to_ms())));
    if (sc.scheduler.name == kFixedScheduler && !t.design)
      r.error(at,
              "the fixed scheduler needs a design for every task (expected a \"design\" here, or another "
              "scheduler)");
  }
  report_duplicates(names, "task name", r);
  check_slo(sc.slo, Pointer() / "slo", r);
}

void check_references(const spec::Scenario& sc, const spec::Soc& soc, const spec::ModelLibrary& lib, Reporter& r) {
  check_designs(sc, soc, lib, r);
  check_events(sc.events, soc, r);
  check_dvfs_policy(sc.dvfs, soc, r);
}

void infer_dnn_tasks(spec::Scenario& sc, const spec::ModelLibrary& lib) {
  for (spec::Task& t : sc.tasks) {
    const spec::Variant* v = t.dnn_task.empty() && t.design ? lib.find_variant(t.design->variant) : nullptr;
    if (v != nullptr) t.dnn_task = v->task;
  }
}

}  // namespace socsim::config
