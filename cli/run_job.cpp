#include "cli/run_job.h"

#include <chrono>
#include <filesystem>
#include <cmath>
#include <memory>

#include "cli/commands.h"
#include "cli/sweep/scheduler_check.h"
#include "sim/core/error.h"
#include "sim/core/sha256.h"
#include "sim/core/version.h"
#include "sim/engine/engine.h"
#include "sim/sched/registry.h"
#include "sim/trace/invariant_sink.h"
#include "sim/trace_hdf5/hdf5_sink.h"
#include "solver/register.h"
#include "solver/transferred.h"

namespace socsim::cli {
namespace {

void apply_overrides(const RunRequest& req, spec::Scenario& sc) {
  if (req.seed) sc.seed = *req.seed;
  if (req.duration_s) {
    const double ns = std::nearbyint(*req.duration_s * 1e9);
    if (!(ns >= 1) || ns > 864000e9)
      throw ConfigError({{"--duration-s", "", "must be between 1 ns and 864000 s, got " + std::to_string(*req.duration_s)}});
    sc.duration = Duration::ns(static_cast<int64_t>(ns));
  }
  if (req.scheduler) sc.scheduler = {*req.scheduler, {}};
  for (const auto& [k, v] : req.params) sc.scheduler.params[k] = v;
}

// The run's provenance; the resolved configuration (/config, ~0.4 MB of JSON) and its hash only
// `with_config`: a run without a trace file discards them.
trace::RunInfo provenance(const config::LoadedScenario& l, bool with_config) {
  trace::RunInfo info;
  info.scenario = l.scenario.name;
  info.soc = l.soc.name;
  info.scheduler = l.scenario.scheduler.name;
  info.seed = l.scenario.seed;
  info.command_line = command_line();
  info.socsim_version = version();
  info.git_commit = git_commit();
  if (!with_config) return info;
  info.config_json["soc"] = config::to_json(l.soc);
  info.config_json["models"] = config::to_json(l.models, l.soc.name);
  info.config_json["scenario"] = config::to_json(l.scenario);
  info.config_sha256 =
      Sha256().update(info.config_json["soc"]).update(info.config_json["models"]).update(info.config_json["scenario"]).hex();
  return info;
}

// What a scheduler needs from files: the `transferred` baseline's origin SoC.
void provide_files(sched::Scheduler& scheduler, config::LoadedScenario& loaded) {
  if (auto* t = dynamic_cast<solver::TransferredScheduler*>(&scheduler)) {
    spec::Soc origin = origin_soc(*t, loaded.scenario);
    // The scenario loaded only its SoC's profiles; CARIn's plan on the origin needs the origin's.
    loaded.models = config::load_model_library(loaded.scenario.models_path, {loaded.soc.name, origin.name});
    t->set_origin(std::move(origin));
  }
}

// Processors that run one inference at a time without preemption: accelerators under "fifo"
// sharing (hw::Machine serialises them).
std::vector<bool> exclusive_processors(const config::LoadedScenario& l) {
  std::vector<bool> out;
  for (const auto& p : l.soc.processors)
    out.push_back(p.kind != spec::ProcessorKind::kCpu && l.scenario.accelerator_sharing == "fifo");
  return out;
}

}  // namespace

config::LoadedScenario prepare_scenario(const RunRequest& req) {
  config::LoadedScenario loaded = config::load_scenario(req.scenario_path);
  if (req.soc) {
    loaded.scenario.soc_path = config::find_soc(*req.soc, loaded.scenario.soc_path, "--soc");
    loaded.soc = config::load_soc(loaded.scenario.soc_path);
    loaded.models = config::load_model_library(loaded.scenario.models_path, {loaded.soc.name});  // its profiles
  }
  apply_overrides(req, loaded.scenario);
  config::check_scenario(loaded);
  // Errors name where the bad value came from: the command line or the scenario file.
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  const auto& choice = loaded.scenario.scheduler;
  registry.params(choice.name, {}, req.scheduler ? "command line (--scheduler)" : loaded.scenario.file);
  if (!req.params.empty()) registry.params(choice.name, req.params, "command line (--param)");
  check_scheduler(registry, loaded.scenario);
  return loaded;
}

std::string slo_warning(const spec::Scenario& sc) {
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  const auto it = registry.all().find(sc.scheduler.name);
  if (it == registry.all().end() || !it->second.plans_with_slo || spec::has_objectives(sc)) return {};
  return "scheduler " + sc.scheduler.name + " picks designs by the SLO's objectives, but " + sc.file +
         " states none (no /slo/objectives, no task slo): every design scores the same and its choice is arbitrary "
         "(expected e.g. \"slo\": {\"objectives\": [{\"metric\": \"accuracy\"}, {\"metric\": \"latency_mean\"}]})";
}

RunOutcome run_scenario(const RunRequest& req) {
  RunLimits limits = req.limits;
  if (req.trace_path.empty()) limits.max_trace_mib = 0;
  RunControl control(limits, req.handle_signals);

  RunOutcome out{prepare_scenario(req), {}, 0, StopCause::kNone, ""};
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  const auto& choice = out.loaded.scenario.scheduler;
  auto scheduler = registry.create(choice.name, choice.params, out.loaded.scenario.file);
  provide_files(*scheduler, out.loaded);

  // Interrupted while loading: nothing was written yet, nothing will be.
  if (control.requested() == StopCause::kSigint || control.requested() == StopCause::kSigterm) {
    out.stopped = control.requested();
    return out;
  }

  // engine -> run control (limits, early stop) -> invariant checks -> the trace file (or nothing)
  std::unique_ptr<trace::TraceSink> file;
  if (req.trace_path.empty()) {
    file = std::make_unique<trace::NullSink>();
  } else {
    // Only now, with every input checked: invalid input creates nothing, not even the folder.
    const auto dir = std::filesystem::path(req.trace_path).parent_path();
    std::error_code ec;
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    if (ec) throw IoError("cannot create directory " + dir.string() + ": " + ec.message());
    trace::Hdf5SinkOptions opts;
    opts.compression = req.trace_compression;
    opts.deflate_level = req.trace_deflate;
    file = trace::make_hdf5_sink(req.trace_path, opts);
  }
  trace::InvariantSink checked(*file, exclusive_processors(out.loaded));
  trace::TraceSink& sink = control.sink(checked);

  const auto wall_start = std::chrono::steady_clock::now();
  Engine engine(out.loaded.soc, out.loaded.models, out.loaded.scenario, *scheduler, sink);
  control.start(engine.simulator());
  out.summary = engine.run(provenance(out.loaded, !req.trace_path.empty()));
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  out.stopped = control.stop_cause();
  if (out.stopped != StopCause::kNone) restate_partial(out.summary);
  if (!req.trace_path.empty())
    out.trace_written = out.stopped == StopCause::kNone ? req.trace_path : trace::interrupted_trace_path(req.trace_path);
  return out;
}

}  // namespace socsim::cli
