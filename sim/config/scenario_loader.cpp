#include <fmt/format.h>

#include <filesystem>

#include "sim/config/json_read_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/model_loader_impl.h"
#include "sim/config/scenario_loader_impl.h"
#include "sim/config/scenario_parts_impl.h"
#include "sim/config/schema_check_impl.h"
#include "sim/config/soc_loader_impl.h"

namespace socsim::config {
namespace {

namespace fs = std::filesystem;
using ArrivalKind = spec::Arrival::Kind;

spec::Arrival read_arrival(const Fields& f) {
  spec::Arrival a;
  const std::string kind = f.text("kind");
  a.kind = kind == "periodic" ? ArrivalKind::kPeriodic : kind == "poisson" ? ArrivalKind::kPoisson : ArrivalKind::kClosedLoop;
  if (a.kind != ArrivalKind::kClosedLoop) a.rate_hz = f.number(a.kind == ArrivalKind::kPeriodic ? "fps" : "rate_hz");
  a.offset = f.duration("offset_ms", TimeUnit::kMs).value_or(Duration());
  a.think = f.duration("think_ms", TimeUnit::kMs).value_or(Duration());
  return a;
}

spec::Design read_design(const Fields& f) {
  spec::Design d;
  d.variant = f.text("variant");
  d.precision = spec::parse_precision(f.text("precision")).value();  // the schema allows only known ones
  d.engine = f.text("engine");
  d.threads = f.integer("threads");
  d.clusters = f.texts("clusters");
  return d;
}

// The deadline as given, else the period of a periodic arrival, else none.
std::optional<Duration> read_deadline(const Fields& f, const spec::Arrival& a) {
  if (f.has("deadline_ms")) return f.duration("deadline_ms", TimeUnit::kMs);
  if (a.kind != ArrivalKind::kPeriodic) return std::nullopt;
  return to_duration(1.0 / a.rate_hz, TimeUnit::kS, f.at() / "arrival" / "fps", f.reporter());
}

spec::Task read_task(const Fields& f) {
  spec::Task t;
  t.name = f.text("name");
  t.dnn_task = f.text("dnn_task");
  if (f.has("slo")) t.slo = read_slo(f.object("slo"));
  t.arrival = read_arrival(f.object("arrival"));
  if (f.has("design")) t.design = read_design(f.object("design"));
  t.deadline = read_deadline(f, t.arrival);
  t.max_queue = f.integer("max_queue", t.max_queue);
  const std::string dist = f.text("latency_distribution", "lognormal");  // the schema allows only these
  t.latency_distribution = dist == "exponential"     ? spec::LatencyDistribution::kExponential
                           : dist == "deterministic" ? spec::LatencyDistribution::kDeterministic
                                                     : spec::LatencyDistribution::kLognormal;
  return t;
}

// Parameter values as text: strings as they are, numbers and booleans as JSON writes them.
spec::SchedulerChoice read_scheduler(const Fields& f) {
  spec::SchedulerChoice s;
  s.name = f.text("name");
  if (!f.has("params")) return s;
  for (const auto& [key, value] : f.raw("params").items())
    s.params[key] = value.is_string() ? value.get<std::string>() : value.dump();
  return s;
}

spec::TraceOptions read_trace(const Fields& f) {
  spec::TraceOptions t;
  t.sample_period = f.duration("sample_period_ms", TimeUnit::kMs).value_or(t.sample_period);
  return t;
}

// The run's conditions and the solvers' inputs beside the tasks.
void read_options(const Fields& f, spec::Scenario& sc) {
  if (f.has("slo")) sc.slo = read_slo(f.object("slo"));
  sc.optimality = f.text("optimality", sc.optimality);
  sc.accelerator_sharing = f.text("accelerator_sharing", sc.accelerator_sharing);
  sc.events = read_events(f);
  if (f.has("dvfs")) sc.dvfs = read_dvfs_policy(f.object("dvfs"));
  if (f.has("trace")) sc.trace = read_trace(f.object("trace"));
}

spec::Scenario read_scenario(const Fields& f) {
  spec::Scenario sc;
  const std::string& file = f.reporter().file();
  const fs::path dir = fs::path(file).parent_path();
  sc.name = f.text("name");
  sc.description = f.text("description");
  sc.soc_path = (dir / f.text("soc")).lexically_normal().string();
  sc.models_path = (dir / f.text("models")).lexically_normal().string();
  if (f.has("seed")) sc.seed = f.raw("seed").get<uint64_t>();
  sc.duration = f.duration("duration_s", TimeUnit::kS).value_or(Duration());
  sc.warmup = f.duration("warmup_s", TimeUnit::kS);
  if (f.has("scheduler")) sc.scheduler = read_scheduler(f.object("scheduler"));
  for (const Fields& t : f.items("tasks")) sc.tasks.push_back(read_task(t));
  read_options(f, sc);
  sc.file = file;
  return sc;
}

std::optional<spec::Soc> referenced_soc(const spec::Scenario& sc, Reporter& r, Diagnostics& d) {
  std::error_code ec;
  if (!fs::exists(sc.soc_path, ec)) {
    r.error(Pointer() / "soc", fmt::format("SoC file {} does not exist (expected a path relative to the "
                                           "scenario's folder)",
                                           quote(sc.soc_path)));
    return std::nullopt;
  }
  Reporter soc_reporter(d, sc.soc_path);
  return read_soc(soc_reporter);
}

std::optional<spec::ModelLibrary> referenced_library(const spec::Scenario& sc, const spec::Soc* soc, Reporter& r,
                                                     Diagnostics& d) {
  std::error_code ec;
  if (!fs::is_directory(sc.models_path, ec)) {
    r.error(Pointer() / "models", fmt::format("model library folder {} does not exist (expected a folder relative "
                                              "to the scenario's folder)",
                                              quote(sc.models_path)));
    return std::nullopt;
  }
  // Only the SoC's own profiles: the other SoCs' files (~0.5 MB of JSON each) would dominate the
  // start-up of every run.
  return read_library(sc.models_path, LibraryScope{soc, true, soc ? std::vector<std::string>{soc->name} : std::vector<std::string>{}}, d);
}

}  // namespace

std::optional<spec::Scenario> scenario_from_json(const Json& doc, Reporter& r) {
  if (!check_schema(Kind::kScenario, doc, r)) return std::nullopt;
  return read_scenario(Fields(doc, Pointer(), r));
}

std::optional<LoadedScenario> resolve_scenario(const Json& doc, Reporter& r, Diagnostics& d) {
  std::optional<spec::Scenario> sc = scenario_from_json(doc, r);
  if (!sc) return std::nullopt;
  check_scenario_alone(*sc, r);
  std::optional<spec::Soc> soc = referenced_soc(*sc, r, d);
  std::optional<spec::ModelLibrary> lib = referenced_library(*sc, soc ? &*soc : nullptr, r, d);
  if (!soc || !lib) return std::nullopt;
  check_references(*sc, *soc, *lib, r);
  if (r.errors() > 0) return std::nullopt;
  sort_events(sc->events);
  infer_dnn_tasks(*sc, *lib);
  return LoadedScenario{std::move(*sc), std::move(*soc), std::move(*lib)};
}

LoadedScenario load_scenario(const std::string& path) {
  Diagnostics diags;
  Reporter r(diags, path);
  std::optional<Json> doc = parse_file(r);
  std::optional<LoadedScenario> loaded = doc ? resolve_scenario(*doc, r, diags) : std::nullopt;
  diags.throw_if_any();
  return std::move(*loaded);
}

void check_scenario(const LoadedScenario& s) {
  Diagnostics diags;
  Reporter r(diags, s.scenario.file);
  check_scenario_alone(s.scenario, r);
  check_references(s.scenario, s.soc, s.models, r);
  diags.throw_if_any();
}

}  // namespace socsim::config
