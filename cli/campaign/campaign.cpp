#include "cli/campaign/campaign.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/config/json_parse_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/scenario_loader_impl.h"
#include "sim/config/schema_check_impl.h"
#include "sim/core/rng.h"
#include "sim/core/sha256.h"
#include "sim/core/version.h"

namespace socsim::config {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMaxSeed = 9007199254740991ull;  // 2^53 - 1: what scenario files accept
constexpr size_t kHardLimit = 1000000;              // runs, even with --force

std::string label_of(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string absolute_path(const fs::path& p) { return fs::absolute(p).lexically_normal().string(); }

// Sets the value at `ptr` (RFC 6901) in `doc`. Missing objects on the way are created (the
// schema check of the result catches nonsense); array elements must exist. Returns an empty
// string, or why the pointer names no place in `doc`.
std::string place(Json& doc, const std::string& ptr, const Json& value) {
  Json::json_pointer jp;
  try {
    jp = Json::json_pointer(ptr);
  } catch (const std::exception&) {
    return "not a valid JSON pointer (a \"~\" must be followed by 0 or 1)";
  }
  std::vector<std::string> tokens;
  for (Json::json_pointer p = jp; !p.empty(); p.pop_back()) tokens.insert(tokens.begin(), p.back());
  Json* at = &doc;
  std::string where;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    const bool last = i + 1 == tokens.size();
    if (at->is_array()) {
      size_t index = 0;
      const bool numeric = !t.empty() && t.find_first_not_of("0123456789") == std::string::npos && t.size() < 10;
      if (numeric) index = std::stoul(t);
      if (!numeric || index >= at->size())
        return fmt::format("{} is an array of {} element(s), so it has no element {}", where.empty() ? "the scenario" : where,
                           at->size(), quote(t));
      at = &(*at)[index];
    } else if (at->is_object()) {
      if (!last && !at->contains(t)) (*at)[t] = Json::object();
      at = &(*at)[t];
    } else {
      return fmt::format("{} is a {}, not an object or array", where, at->type_name());
    }
    where += "/" + t;
  }
  *at = value;
  return {};
}

// The label of a scheduler axis value: a name as is; an object's "label", else its name followed
// by "-key-value" for each parameter in key order (e.g. "transferred-from_soc-snapdragon865").
std::string scheduler_label(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.contains("label")) return v["label"].get<std::string>();
  std::string out = v.value("name", std::string());
  if (v.contains("params"))
    for (const auto& [k, p] : v["params"].items()) out += "-" + k + "-" + label_of(p);
  return out;
}

struct Base {
  std::string path;         // as in Campaign::scenarios
  Json doc;
  std::string soc_path;     // absolute
  std::string models_path;  // absolute
  uint64_t seed = 0;        // the scenario's seed (or its default)
};

struct Context {
  const Campaign& c;
  std::vector<Base> bases;                // per Campaign::scenarios
  std::vector<std::vector<Json>> values;  // per axis; SoC files absolute, SoC names as given
  std::vector<std::pair<std::string, Json>> set;
};

// The base scenario of a choice: the scenario axis's value, else the first.
const Base& base_of(const Context& ctx, const std::vector<std::optional<size_t>>& choice) {
  for (size_t a = 0; a < ctx.c.axes.size(); ++a)
    if (choice[a] && ctx.c.axes[a].kind == AxisKind::kScenario) return ctx.bases[ctx.c.axes[a].scenario[*choice[a]]];
  return ctx.bases.front();
}

// The resolved scenario of one choice of values (nullopt entries leave an axis out), with
// absolute SoC and model paths. A SoC name is looked up beside the base scenario's SoC file.
Json resolve(const Context& ctx, const std::vector<std::optional<size_t>>& choice, std::optional<uint64_t> seed) {
  const Base& base = base_of(ctx, choice);
  Json doc = base.doc;
  doc["soc"] = base.soc_path;
  doc["models"] = base.models_path;
  if (seed) doc["seed"] = *seed;
  for (size_t a = 0; a < ctx.c.axes.size(); ++a) {
    if (!choice[a]) continue;
    const Json& v = ctx.values[a][*choice[a]];
    switch (ctx.c.axes[a].kind) {
      case AxisKind::kSoc: {
        const std::string s = v.get<std::string>();
        doc["soc"] = is_soc_file_ref(s) ? s : absolute_path(soc_file(s, base.soc_path));
        break;
      }
      case AxisKind::kScheduler:
        doc["scheduler"] = v.is_string() ? Json{{"name", v}} : Json{{"name", v["name"]}, {"params", v.value("params", Json::object())}};
        break;
      case AxisKind::kSeed:
        doc["seed"] = v;
        break;
      case AxisKind::kPointer:
      case AxisKind::kScenario:
        break;
    }
  }
  for (const auto& [ptr, v] : ctx.set) place(doc, ptr, v);
  for (size_t a = 0; a < ctx.c.axes.size(); ++a)
    if (choice[a] && ctx.c.axes[a].kind == AxisKind::kPointer) place(doc, ctx.c.axes[a].pointer, ctx.values[a][*choice[a]]);
  return doc;
}

std::string identity(const Context& ctx, Json doc) {
  const fs::path dir = fs::absolute(fs::path(ctx.c.file)).lexically_normal().parent_path();
  doc["soc"] = fs::path(doc["soc"].get<std::string>()).lexically_relative(dir).generic_string();
  doc["models"] = fs::path(doc["models"].get<std::string>()).lexically_relative(dir).generic_string();
  return doc.dump();
}

// Validates a resolved scenario; returns its diagnostics (empty when valid). Caches the SoC and
// library of each (SoC, models) pair: loading them is what costs.
class Validator {
 public:
  Validator(const Context& ctx, const ExpandOptions& opts) : ctx_(ctx), opts_(opts) {}

  struct Outcome {
    std::vector<Diagnostic> diags;  // empty when valid
    std::string data;               // further input the run reads (ExpandOptions::check)
  };

  // `file` names the base scenario in diagnostics.
  Outcome check(const Json& doc, const std::string& file) {
    Diagnostics d;
    Reporter r(d, file);
    const std::string key = doc["soc"].get<std::string>() + "\n" + doc["models"].get<std::string>();
    auto it = cache_.find(key);
    std::optional<spec::Scenario> sc;
    if (it == cache_.end()) {
      std::optional<LoadedScenario> loaded = resolve_scenario(doc, r, d);
      if (!loaded) return {collect(d), {}};
      sc = loaded->scenario;
      cache_.emplace(key, std::move(*loaded));
    } else {
      sc = scenario_from_json(doc, r);
      if (!sc) return {collect(d), {}};
      check_scenario_alone(*sc, r);
      check_references(*sc, it->second.soc, it->second.models, r);
      if (r.errors() > 0) return {collect(d), {}};
    }
    if (opts_.check) {
      std::string choice = sc->scheduler.name + "\n@" + sc->soc_path;  // from_soc is resolved beside the SoC
      for (const auto& [k, v] : sc->scheduler.params) choice += "\n" + k + "=" + v;
      auto done = checked_.find(choice);
      if (done == checked_.end()) {
        Outcome found;
        try {
          found.data = opts_.check(*sc);
        } catch (const ConfigError& e) {
          found.diags = e.diagnostics();
        }
        done = checked_.emplace(choice, std::move(found)).first;
      }
      return done->second;
    }
    return {};
  }

  // The SHA-256 of the resolved SoC and model library (its profiles on that SoC) a valid `doc`
  // runs on, as socsim run records them (config_json); `check(doc)` must have passed.
  const std::string& data_hash(const Json& doc) {
    const std::string key = doc["soc"].get<std::string>() + "\n" + doc["models"].get<std::string>();
    auto it = hashes_.find(key);
    if (it == hashes_.end()) {
      const LoadedScenario& l = cache_.at(key);
      it = hashes_.emplace(key, sha256_hex(to_json(l.soc) + to_json(l.models, l.soc.name))).first;
    }
    return it->second;
  }

 private:
  static std::vector<Diagnostic> collect(const Diagnostics& d) {
    try {
      d.throw_if_any();
    } catch (const ConfigError& e) {
      return e.diagnostics();
    }
    return {};
  }
  const Context& ctx_;
  const ExpandOptions& opts_;
  std::map<std::string, LoadedScenario> cache_;
  std::map<std::string, Outcome> checked_;
  std::map<std::string, std::string> hashes_;
};

std::string summary_of(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (size_t i = 0; i < diags.size() && i < 3; ++i) {
    const auto& d = diags[i];
    out += (i ? "; " : "") + (d.pointer.empty() ? "" : d.pointer + ": ") + d.message;
  }
  if (diags.size() > 3) out += fmt::format(" (and {} more)", diags.size() - 3);
  return out;
}

Context context_of(const Campaign& c) {
  Context ctx{c, {}, {}, {}};
  for (const auto& path : c.scenarios) {
    Diagnostics d;
    Reporter r(d, path);
    std::optional<Json> doc = parse_file(r);
    if (!doc || !doc->is_object()) d.throw_all();
    const fs::path dir = fs::path(path).parent_path();
    Base b{path, *doc, absolute_path(dir / doc->value("soc", std::string())),
           absolute_path(dir / doc->value("models", std::string())), spec::Scenario{}.seed};
    if (doc->contains("seed") && (*doc)["seed"].is_number_unsigned()) b.seed = (*doc)["seed"].get<uint64_t>();
    ctx.bases.push_back(std::move(b));
  }
  const fs::path campaign_dir = fs::path(c.file).parent_path();
  for (const auto& axis : c.axes) {
    std::vector<Json> vs;
    for (const auto& text : axis.values) {
      Json v = Json::parse(text);
      if (axis.kind == AxisKind::kSoc && is_soc_file_ref(v.get<std::string>()))
        v = absolute_path(campaign_dir / v.get<std::string>());
      vs.push_back(std::move(v));
    }
    ctx.values.push_back(std::move(vs));
  }
  for (const auto& [ptr, text] : c.set) ctx.set.emplace_back(ptr, Json::parse(text));
  return ctx;
}

}  // namespace

const SummaryColumns& summary_columns() {
  static const SummaryColumns cols{
      {"run", "run_id"},
      {"replication", "seed", "task", "arrived", "completed", "dropped", "violated", "pending", "latency_mean_ms",
       "latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "latency_sd_ms", "throughput_hz", "energy_mj",
       "accuracy_pct", "cold_start_ms", "warmup_completed", "warmup_end_ms"},
      {"run_scenario", "run_soc", "run_scheduler", "run_energy_mj", "run_peak_temp_c", "run_peak_memory_mib",
       "run_storage_mib", "run_switches", "run_switch_time_ms", "run_solve_time_ms", "run_sim_time_s", "trace"}};
  return cols;
}

uint64_t replication_seed(uint64_t base, size_t replication) {
  if (replication == 0) return base;
  uint64_t state = base ^ fnv1a64("replication/" + std::to_string(replication));
  return splitmix64(state) & kMaxSeed;
}

Campaign load_campaign(const std::string& path) {
  Diagnostics d;
  Reporter r(d, path);
  std::optional<Json> doc = parse_file(r);
  if (!doc) d.throw_all();
  if (!check_schema(Kind::kCampaign, *doc, r)) d.throw_all();

  Campaign c;
  c.file = path;
  {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    c.text = text.str();
  }
  c.name = doc->value("name", fs::path(path).stem().string());
  c.zip = doc->value("mode", std::string("cartesian")) == "zip";
  c.replications = doc->value("replications", 1);
  if (doc->contains("seed")) c.seed = (*doc)["seed"].get<uint64_t>();
  c.max_runs = doc->value("max_runs", size_t{10000});
  const fs::path dir = fs::path(path).parent_path();
  std::error_code ec;
  const auto& axes = (*doc)["axes"];

  // The base scenarios: "base", or the files of the scenario axis (each loaded once).
  std::optional<size_t> scenario_axis;
  for (size_t i = 0; i < axes.size() && !scenario_axis; ++i)
    if (axes[i]["name"] == "scenario" && !axes[i].contains("pointer")) scenario_axis = i;
  std::vector<std::optional<Json>> bases;  // per c.scenarios; nullopt when it does not load
  auto add_base = [&](const std::string& rel, const Pointer& at) {
    const std::string file = (dir / rel).lexically_normal().string();
    for (size_t k = 0; k < c.scenarios.size(); ++k)
      if (c.scenarios[k] == file) return k;
    std::optional<Json> base;
    if (!fs::is_regular_file(file, ec)) {
      r.error(at, fmt::format("scenario {} does not exist (expected a path relative to the campaign's folder)", quote(file)));
    } else {
      Reporter br(d, file);
      base = parse_file(br);
      if (base && !resolve_scenario(*base, br, d)) {
        r.error(at, fmt::format("scenario {} is invalid (see above)", quote(file)));
        base.reset();
      } else if (!base) {
        r.error(at, fmt::format("scenario {} cannot be read (see above)", quote(file)));
      }
    }
    c.scenarios.push_back(file);
    bases.push_back(std::move(base));
    return c.scenarios.size() - 1;
  };
  if (doc->contains("base") && scenario_axis)
    r.error(Pointer() / "base", fmt::format("a base scenario and a scenario axis (/axes/{}): expected one of them (the "
                                            "scenario axis gives every run its base scenario)",
                                            *scenario_axis));
  else if (!doc->contains("base") && !scenario_axis)
    r.error({}, "no scenario: expected a \"base\" scenario or an axis named \"scenario\" listing scenario files");
  if (doc->contains("base")) add_base((*doc)["base"].get<std::string>(), Pointer() / "base");
  std::vector<size_t> scenario_values;  // per value of the scenario axis: its index in c.scenarios
  if (scenario_axis) {
    std::map<std::string, std::string> stems;  // stem -> file
    const auto& values = axes[*scenario_axis]["values"];
    for (size_t j = 0; j < values.size(); ++j) {
      const Pointer at = Pointer() / "axes" / *scenario_axis / "values" / j;
      if (!values[j].is_string() || values[j].get<std::string>().empty()) {
        r.error(at, fmt::format("scenario {} is not a file name (expected a string)", values[j].dump()));
        scenario_values.push_back(add_base("", at));
        continue;
      }
      const size_t k = add_base(values[j].get<std::string>(), at);
      scenario_values.push_back(k);
      const std::string stem = fs::path(c.scenarios[k]).stem().string();
      auto [it, fresh] = stems.emplace(stem, c.scenarios[k]);
      if (!fresh && it->second != c.scenarios[k])
        r.error(at, fmt::format("scenario {} has the file name of {} (expected distinct file names: the name labels "
                                "the runs)",
                                quote(c.scenarios[k]), quote(it->second)));
    }
  }

  // A pointer must name a place in every base scenario, and not one a special axis owns.
  auto check_pointer = [&](const std::string& ptr, const Json& value, const Pointer& at) {
    for (const char* owned : {"/soc", "/models", "/seed"})
      if (ptr == owned || ptr.rfind(std::string(owned) + "/", 0) == 0) {
        r.error(at, fmt::format("pointer {} is not allowed (expected the {} axis instead)", quote(ptr),
                                std::string(owned + 1) == "models" ? "soc" : owned + 1));
        return;
      }
    for (size_t k = 0; k < bases.size(); ++k) {
      if (!bases[k]) continue;
      Json copy = *bases[k];
      const std::string why = place(copy, ptr, value);
      if (!why.empty()) {
        const std::string which = bases.size() > 1 ? fmt::format(" {}", quote(c.scenarios[k])) : std::string();
        r.error(at, fmt::format("pointer {} names no place in the base scenario{}: {}", quote(ptr), which, why));
        return;
      }
    }
  };

  if (doc->contains("set"))
    for (const auto& [ptr, value] : (*doc)["set"].items()) {
      check_pointer(ptr, value, Pointer() / "set" / ptr);
      c.set.emplace_back(ptr, value.dump());
    }

  std::vector<NamedAt> names;
  std::set<std::string> pointers;
  bool has_seed_axis = false;
  for (size_t i = 0; i < axes.size(); ++i) {
    const Json& a = axes[i];
    const Pointer at = Pointer() / "axes" / i;
    CampaignAxis axis;
    axis.name = a["name"].get<std::string>();
    names.push_back({axis.name, at / "name"});
    const bool special = axis.name == "soc" || axis.name == "scheduler" || axis.name == "seed" || axis.name == "scenario";
    const auto& cols = summary_columns();
    for (const auto* group : {&cols.lead, &cols.task, &cols.run})
      if (!special && std::find(group->begin(), group->end(), axis.name) != group->end())
        r.error(at / "name", fmt::format("axis name {} is reserved (it is a column of summary.csv)", quote(axis.name)));
    if (a.contains("pointer")) {
      axis.pointer = a["pointer"].get<std::string>();
      if (special)
        r.error(at / "pointer", fmt::format("axis {} is a special axis and takes no pointer (expected another name "
                                            "for a pointer axis)",
                                            quote(axis.name)));
      else if (!pointers.insert(axis.pointer).second)
        r.error(at / "pointer", fmt::format("pointer {} is set by another axis too (expected each pointer once)",
                                            quote(axis.pointer)));
      else
        check_pointer(axis.pointer, a["values"][0], at / "pointer");
    } else if (special) {
      axis.kind = axis.name == "soc"         ? AxisKind::kSoc
                  : axis.name == "scheduler" ? AxisKind::kScheduler
                  : axis.name == "seed"      ? AxisKind::kSeed
                                             : AxisKind::kScenario;
    } else {
      r.error(at, fmt::format("axis {} has no pointer (expected a \"pointer\" into the scenario, or one of the special "
                              "axes scenario, soc, scheduler, seed)",
                              quote(axis.name)));
    }
    has_seed_axis |= axis.kind == AxisKind::kSeed;
    if (axis.kind == AxisKind::kScenario && i != *scenario_axis)
      r.error(at / "name", "a second scenario axis (expected one)");
    std::map<std::string, size_t> seen;
    std::map<std::string, size_t> labelled;  // label -> first value with it
    const auto& values = a["values"];
    for (size_t j = 0; j < values.size(); ++j) {
      const Json& v = values[j];
      const Pointer vat = at / "values" / j;
      auto [it, fresh] = seen.emplace(v.dump(), j);
      if (!fresh && !c.zip)
        r.error(vat, fmt::format("value {} repeats /axes/{}/values/{} (expected each value once)", v.dump(), i, it->second));
      std::string label = label_of(v);
      switch (axis.kind) {
        case AxisKind::kScenario:
          if (i == *scenario_axis) {
            axis.scenario.push_back(scenario_values[j]);
            label = fs::path(c.scenarios[scenario_values[j]]).stem().string();
          }
          break;
        case AxisKind::kSoc: {
          if (!v.is_string() || v.get<std::string>().empty()) {
            r.error(vat, fmt::format("SoC {} is not a SoC name or file (expected a string)", v.dump()));
            break;
          }
          const std::string s = v.get<std::string>();
          if (is_soc_file_ref(s) && !fs::is_regular_file(dir / s, ec))
            r.error(vat, fmt::format("SoC file {} does not exist (expected a path relative to the campaign's folder)",
                                     quote((dir / s).lexically_normal().string())));
          if (is_soc_file_ref(s)) break;
          for (size_t k = 0; k < bases.size(); ++k) {
            if (!bases[k] || !bases[k]->contains("soc") || !(*bases[k])["soc"].is_string()) continue;
            const fs::path file =
                soc_file(s, (fs::path(c.scenarios[k]).parent_path() / (*bases[k])["soc"].get<std::string>()).string());
            if (fs::is_regular_file(file, ec)) continue;
            r.error(vat, fmt::format("{}: no file {} beside the SoC of base scenario {}",
                                     unknown_name("SoC", s, soc_names_in(file.parent_path().string())),
                                     quote(file.lexically_normal().string()), quote(c.scenarios[k])));
            break;
          }
          break;
        }
        case AxisKind::kScheduler: {
          bool ok = v.is_string() || (v.is_object() && v.contains("name") && v["name"].is_string());
          if (ok && v.is_object())
            for (const auto& [k, member] : v.items())
              ok &= (k == "name") || (k == "params" && member.is_object()) ||
                    (k == "label" && member.is_string() && !member.get<std::string>().empty());
          if (!ok)
            r.error(vat, fmt::format("scheduler {} is not a name or a {{\"name\", \"params\", \"label\"}} object "
                                     "(expected e.g. \"carin\" or {{\"name\": \"transferred\", \"params\": "
                                     "{{\"from_soc\": \"tensor_g2\"}}}})",
                                     v.dump()));
          else
            label = scheduler_label(v);
          break;
        }
        case AxisKind::kSeed:
          if (!v.is_number_unsigned() || v.get<uint64_t>() > kMaxSeed)
            r.error(vat, fmt::format("seed {} is not an integer from 0 to {}", v.dump(), kMaxSeed));
          break;
        case AxisKind::kPointer:
          break;
      }
      auto [lit, lfresh] = labelled.emplace(label, j);
      if (!lfresh && !c.zip && values[lit->second] != v)  // zip runs are composed one by one
        r.error(vat, fmt::format("value {} is labelled {} like /axes/{}/values/{}, a different value (expected distinct "
                                 "labels: they name the runs in listings and summary.csv)",
                                 v.dump(), quote(label), i, lit->second));
      axis.values.push_back(v.dump());
      axis.labels.push_back(label);
    }
    if (c.zip && i > 0 && values.size() != axes[0]["values"].size())
      r.error(at / "values", fmt::format("axis {} has {} values; in zip mode every axis needs as many as the first ({})",
                                         quote(axis.name), values.size(), axes[0]["values"].size()));
    c.axes.push_back(std::move(axis));
  }
  report_duplicates(names, "axis name", r);
  if (has_seed_axis && c.replications > 1)
    r.error(Pointer() / "replications", fmt::format("replications {} with a seed axis (expected one or the other: the "
                                                    "seed axis gives every run's seed)",
                                                    c.replications));
  d.throw_if_any();
  return c;
}

// A `set` value that makes every base scenario invalid on its own is reported at /set/<pointer>
// (with the scenario's own diagnostic), not at every run.
void blame_set_values(const Context& ctx, Validator& validator, Diagnostics& d) {
  const std::vector<std::optional<size_t>> no_axes(ctx.c.axes.size());
  for (const auto& entry : ctx.set) {
    Context alone = ctx;
    alone.set = {entry};
    const auto own = validator.check(resolve(alone, no_axes, std::nullopt), base_of(alone, no_axes).path).diags;
    if (own.empty()) continue;
    std::string shown = entry.second.dump();
    if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
    d.add({ctx.c.file, (Pointer() / "set" / entry.first).str(),
           fmt::format("value {} makes the scenario invalid: {}: {}", shown, base_of(alone, no_axes).path, summary_of(own))});
  }
}

void check_campaign_file(const std::string& path) { expand_campaign(load_campaign(path)); }

size_t campaign_size(const Campaign& c) {
  size_t n = 1;
  if (c.zip) {
    n = c.axes.empty() ? 1 : c.axes[0].values.size();
  } else {
    for (const auto& a : c.axes) n = std::min(kHardLimit + 1, n * a.values.size());
  }
  return std::min(kHardLimit + 1, n * static_cast<size_t>(c.replications));
}

std::vector<CampaignRun> expand_campaign(const Campaign& c, const ExpandOptions& opts) {
  Diagnostics d;
  Reporter r(d, c.file);
  const size_t total = campaign_size(c);
  if (total > kHardLimit)
    r.error({}, fmt::format("the campaign expands to more than {} runs (the most socsim sweeps)", kHardLimit));
  else if (total > c.max_runs && !opts.force)
    r.error({}, fmt::format("the campaign expands to {} runs, more than max_runs {} (raise \"max_runs\" or pass "
                            "--force)",
                            total, c.max_runs));
  d.throw_if_any();

  const Context ctx = context_of(c);
  Validator validator(ctx, opts);
  blame_set_values(ctx, validator, d);
  d.throw_if_any();
  const bool has_seed_axis = std::any_of(c.axes.begin(), c.axes.end(), [](const auto& a) { return a.kind == AxisKind::kSeed; });

  std::vector<CampaignRun> runs;
  runs.reserve(total);
  std::map<std::string, size_t> ids;
  std::set<std::string> blamed;
  size_t bad_runs = 0;
  const size_t combos = total / static_cast<size_t>(c.replications);
  for (size_t k = 0; k < combos; ++k) {
    std::vector<size_t> vi(c.axes.size());
    size_t rest = k;
    for (size_t a = c.axes.size(); a-- > 0;) {
      if (c.zip) {
        vi[a] = k;
      } else {
        vi[a] = rest % c.axes[a].values.size();
        rest /= c.axes[a].values.size();
      }
    }
    for (size_t rep = 0; rep < static_cast<size_t>(c.replications); ++rep) {
      CampaignRun run;
      run.index = runs.size();
      run.value_index = vi;
      run.replication = rep;
      std::vector<std::optional<size_t>> choice(vi.begin(), vi.end());
      const Base& base = base_of(ctx, choice);
      const uint64_t base_seed = c.seed ? *c.seed : base.seed;
      const Json doc = resolve(ctx, choice, has_seed_axis ? std::nullopt : std::optional<uint64_t>(replication_seed(base_seed, rep)));
      run.seed = doc.value("seed", base_seed);
      for (size_t a = 0; a < c.axes.size(); ++a) run.coordinates.push_back(c.axes[a].labels[vi[a]]);
      const auto [diags, scheduler_data] = validator.check(doc, base.path);
      if (!diags.empty()) {
        // Blame a single value when it is invalid on its own; else the combination.
        bool single = false;
        for (size_t a = 0; a < c.axes.size(); ++a) {
          std::vector<std::optional<size_t>> alone(c.axes.size());
          alone[a] = vi[a];
          const std::string& file = base_of(ctx, alone).path;
          const auto own = validator.check(resolve(ctx, alone, std::nullopt), file).diags;
          if (own.empty()) continue;
          single = true;
          const std::string at = (Pointer() / "axes" / a / "values" / vi[a]).str();
          if (blamed.insert(at).second)
            d.add({c.file, at,
                   fmt::format("axis {} value {} makes the scenario invalid: {}: {}", quote(c.axes[a].name),
                               c.axes[a].values[vi[a]], file, summary_of(own))});
        }
        if (!single && bad_runs++ < 10) {
          std::string coords;
          for (size_t a = 0; a < c.axes.size(); ++a) coords += (a ? ", " : "") + c.axes[a].name + "=" + c.axes[a].labels[vi[a]];
          d.add({c.file, "/axes",
                 fmt::format("run {} ({}) makes the scenario invalid: {}: {}", run.index, coords, base.path, summary_of(diags))});
        }
        runs.push_back(std::move(run));
        continue;
      }
      run.id = sha256_hex(identity(ctx, doc) + "\n" + validator.data_hash(doc) + "\n" + sha256_hex(scheduler_data) + "\n" +
                          version() + " " + git_commit())
                   .substr(0, 16);
      auto [it, fresh] = ids.emplace(run.id, run.index);
      if (!fresh)
        r.error(Pointer() / "axes", fmt::format("runs {} and {} resolve to the same scenario (run id {}; expected "
                                                "distinct values)",
                                                it->second, run.index, run.id));
      run.scenario_json = doc.dump(2) + "\n";
      runs.push_back(std::move(run));
    }
  }
  d.throw_if_any();
  return runs;
}

std::string zip_campaign_text(const std::string& name, const std::string& description, const std::vector<ZipRun>& runs,
                              const std::vector<std::pair<std::string, std::string>>& set) {
  std::vector<std::pair<std::string, std::vector<Json>>> axes = {{"scenario", {}}, {"soc", {}}, {"scheduler", {}}, {"seed", {}}};
  for (const auto& r : runs) {
    axes[0].second.push_back(r.scenario);
    if (r.soc) axes[1].second.push_back(*r.soc);
    const bool plain = r.params.empty() && r.scheduler_label == r.scheduler;  // a name alone: default params
    axes[2].second.push_back(plain ? Json(r.scheduler)
                                   : Json{{"name", r.scheduler}, {"params", r.params}, {"label", r.scheduler_label}});
    axes[3].second.push_back(r.seed);
  }
  Json set_json = Json::object();
  for (const auto& [ptr, text] : set) set_json[ptr] = Json::parse(text);
  // One member per line, one axis value per line: readable and diffable however long the matrix.
  std::string out = fmt::format("{{\n \"name\": {},\n \"description\": {},\n \"mode\": \"zip\",\n \"max_runs\": {},\n",
                                Json(name).dump(), Json(description).dump(), std::max<size_t>(1, runs.size()));
  if (!set.empty()) out += fmt::format(" \"set\": {},\n", set_json.dump());
  out += " \"axes\": [";
  bool first_axis = true;
  for (const auto& [axis, values] : axes) {
    if (values.empty()) continue;
    out += fmt::format("{}\n  {{\"name\": \"{}\", \"values\": [", first_axis ? "" : ",", axis);
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ",\n   " : "\n   ") + values[i].dump();
    out += "]}";
    first_axis = false;
  }
  return out + "\n ]\n}\n";
}

std::string plan_json(const Campaign& c, const std::vector<CampaignRun>& runs) {
  Json j;
  j["campaign_file"] = absolute_path(c.file);
  j["campaign_sha256"] = sha256_hex(c.text);
  j["campaign"] = Json::parse(c.text, nullptr, false);
  j["axes"] = Json::array();
  for (const auto& a : c.axes) j["axes"].push_back(a.name);
  j["runs"] = Json::array();
  for (const auto& run : runs)
    j["runs"].push_back({{"index", run.index},
                         {"id", run.id},
                         {"coordinates", run.coordinates},
                         {"replication", run.replication},
                         {"seed", run.seed}});
  return j.dump(1) + "\n";
}

RunPlan read_plan(const std::string& path) {
  Diagnostics d;
  Reporter r(d, path);
  std::optional<Json> doc = parse_file(r);
  if (!doc) d.throw_all();
  RunPlan plan;
  try {
    plan.campaign_file = doc->at("campaign_file").get<std::string>();
    plan.campaign_sha256 = doc->at("campaign_sha256").get<std::string>();
    plan.axes = doc->at("axes").get<std::vector<std::string>>();
    for (const auto& run : doc->at("runs"))
      plan.runs.push_back({run.at("index").get<size_t>(), run.at("id").get<std::string>(),
                           run.at("coordinates").get<std::vector<std::string>>(), run.at("replication").get<size_t>(),
                           run.at("seed").get<uint64_t>()});
  } catch (const Json::exception& e) {
    r.error({}, fmt::format("not a sweep's run plan (written by socsim sweep): {}", e.what()));
  }
  d.throw_if_any();
  return plan;
}

std::string manifest_line(const ManifestEntry& e) {
  Json j{{"index", e.index}, {"id", e.id}, {"coordinates", e.coordinates}, {"seed", e.seed},
         {"exit_code", e.exit_code}, {"trace", e.trace}};
  return j.dump() + "\n";
}

std::optional<ManifestEntry> parse_manifest_line(const std::string& line) {
  Json j = Json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    ManifestEntry e;
    e.index = j.at("index").get<size_t>();
    e.id = j.at("id").get<std::string>();
    e.coordinates = j.at("coordinates").get<std::map<std::string, std::string>>();
    e.seed = j.at("seed").get<uint64_t>();
    e.exit_code = j.at("exit_code").get<int>();
    e.trace = j.at("trace").get<std::string>();
    return e;
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

}  // namespace socsim::config
