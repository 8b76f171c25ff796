#include "sim/config/campaign.h"

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

namespace socsim::config {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMaxSeed = 9007199254740991ull;  // 2^53 - 1: what scenario files accept
constexpr size_t kHardLimit = 1000000;              // runs, even with --force
const char* const kReserved[] = {"run", "run_id", "replication", "task", "exit_code", "trace"};

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

struct Context {
  const Campaign& c;
  Json base;
  std::string soc_path;     // absolute, of the base scenario
  std::string models_path;  // absolute
  std::vector<std::vector<Json>> values;  // per axis
  std::vector<std::pair<std::string, Json>> set;
};

// The resolved scenario of one choice of values (nullopt entries leave an axis out), with
// absolute SoC and model paths.
Json resolve(const Context& ctx, const std::vector<std::optional<size_t>>& choice, std::optional<uint64_t> seed) {
  Json doc = ctx.base;
  doc["soc"] = ctx.soc_path;
  doc["models"] = ctx.models_path;
  if (seed) doc["seed"] = *seed;
  for (size_t a = 0; a < ctx.c.axes.size(); ++a) {
    if (!choice[a]) continue;
    const Json& v = ctx.values[a][*choice[a]];
    switch (ctx.c.axes[a].kind) {
      case AxisKind::kSoc:
        doc["soc"] = v.get<std::string>();
        break;
      case AxisKind::kScheduler:
        doc["scheduler"] = Json{{"name", v}};
        break;
      case AxisKind::kSeed:
        doc["seed"] = v;
        break;
      case AxisKind::kPointer:
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

  std::vector<Diagnostic> check(const Json& doc) {
    Diagnostics d;
    Reporter r(d, ctx_.c.base);
    const std::string key = doc["soc"].get<std::string>() + "\n" + doc["models"].get<std::string>();
    auto it = cache_.find(key);
    std::optional<spec::Scenario> sc;
    if (it == cache_.end()) {
      std::optional<LoadedScenario> loaded = resolve_scenario(doc, r, d);
      if (!loaded) return collect(d);
      sc = loaded->scenario;
      cache_.emplace(key, std::move(*loaded));
    } else {
      sc = scenario_from_json(doc, r);
      if (!sc) return collect(d);
      check_scenario_alone(*sc, r);
      check_references(*sc, it->second.soc, it->second.models, r);
      if (r.errors() > 0) return collect(d);
    }
    if (opts_.check) {
      std::string choice = sc->scheduler.name;
      for (const auto& [k, v] : sc->scheduler.params) choice += "\n" + k + "=" + v;
      auto done = checked_.find(choice);
      if (done == checked_.end()) {
        std::vector<Diagnostic> found;
        try {
          opts_.check(*sc);
        } catch (const ConfigError& e) {
          found = e.diagnostics();
        }
        done = checked_.emplace(choice, std::move(found)).first;
      }
      return done->second;
    }
    return {};
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
  std::map<std::string, std::vector<Diagnostic>> checked_;
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
  Diagnostics d;
  Reporter r(d, c.base);
  std::optional<Json> base = parse_file(r);
  if (!base || !base->is_object()) d.throw_all();
  Context ctx{c, *base, {}, {}, {}, {}};
  const fs::path dir = fs::path(c.base).parent_path();
  ctx.soc_path = absolute_path(dir / base->value("soc", std::string()));
  ctx.models_path = absolute_path(dir / base->value("models", std::string()));
  const fs::path campaign_dir = fs::path(c.file).parent_path();
  for (const auto& axis : c.axes) {
    std::vector<Json> vs;
    for (const auto& text : axis.values) {
      Json v = Json::parse(text);
      if (axis.kind == AxisKind::kSoc) {
        const std::string s = v.get<std::string>();
        const bool is_path = s.find('/') != std::string::npos || fs::path(s).extension() == ".json";
        v = is_path ? absolute_path(campaign_dir / s) : absolute_path(fs::path(ctx.soc_path).parent_path() / (s + ".json"));
      }
      vs.push_back(std::move(v));
    }
    ctx.values.push_back(std::move(vs));
  }
  for (const auto& [ptr, text] : c.set) ctx.set.emplace_back(ptr, Json::parse(text));
  return ctx;
}

}  // namespace

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
  c.base = (dir / (*doc)["base"].get<std::string>()).lexically_normal().string();

  std::error_code ec;
  std::optional<Json> base;
  if (!fs::is_regular_file(c.base, ec)) {
    r.error(Pointer() / "base", fmt::format("base scenario {} does not exist (expected a path relative to the "
                                            "campaign's folder)",
                                            quote(c.base)));
  } else {
    Reporter br(d, c.base);
    base = parse_file(br);
    if (base && !resolve_scenario(*base, br, d))
      r.error(Pointer() / "base", fmt::format("base scenario {} is invalid (see above)", quote(c.base)));
    else if (!base)
      r.error(Pointer() / "base", fmt::format("base scenario {} cannot be read (see above)", quote(c.base)));
  }

  // A pointer must name a place in the base scenario, and not one a special axis owns.
  auto check_pointer = [&](const std::string& ptr, const Json& value, const Pointer& at) {
    for (const char* owned : {"/soc", "/models", "/seed"})
      if (ptr == owned || ptr.rfind(std::string(owned) + "/", 0) == 0) {
        r.error(at, fmt::format("pointer {} is not allowed (expected the {} axis instead)", quote(ptr),
                                std::string(owned + 1) == "models" ? "soc" : owned + 1));
        return;
      }
    if (!base) return;
    Json copy = *base;
    const std::string why = place(copy, ptr, value);
    if (!why.empty()) r.error(at, fmt::format("pointer {} names no place in the base scenario: {}", quote(ptr), why));
  };

  if (doc->contains("set"))
    for (const auto& [ptr, value] : (*doc)["set"].items()) {
      check_pointer(ptr, value, Pointer() / "set" / ptr);
      c.set.emplace_back(ptr, value.dump());
    }

  std::vector<NamedAt> names;
  std::set<std::string> pointers;
  bool has_seed_axis = false;
  const auto& axes = (*doc)["axes"];
  for (size_t i = 0; i < axes.size(); ++i) {
    const Json& a = axes[i];
    const Pointer at = Pointer() / "axes" / i;
    CampaignAxis axis;
    axis.name = a["name"].get<std::string>();
    names.push_back({axis.name, at / "name"});
    for (const char* reserved : kReserved)
      if (axis.name == reserved)
        r.error(at / "name", fmt::format("axis name {} is reserved (it is a column of summary.csv)", quote(axis.name)));
    const bool special = axis.name == "soc" || axis.name == "scheduler" || axis.name == "seed";
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
      axis.kind = axis.name == "soc" ? AxisKind::kSoc : axis.name == "scheduler" ? AxisKind::kScheduler : AxisKind::kSeed;
    } else {
      r.error(at, fmt::format("axis {} has no pointer (expected a \"pointer\" into the scenario, or one of the special "
                              "axes soc, scheduler, seed)",
                              quote(axis.name)));
    }
    has_seed_axis |= axis.kind == AxisKind::kSeed;
    std::map<std::string, size_t> seen;
    const auto& values = a["values"];
    for (size_t j = 0; j < values.size(); ++j) {
      const Json& v = values[j];
      const Pointer vat = at / "values" / j;
      auto [it, fresh] = seen.emplace(v.dump(), j);
      if (!fresh) r.error(vat, fmt::format("value {} repeats /axes/{}/values/{} (expected each value once)", v.dump(), i, it->second));
      switch (axis.kind) {
        case AxisKind::kSoc: {
          if (!v.is_string() || v.get<std::string>().empty()) {
            r.error(vat, fmt::format("SoC {} is not a SoC name or file (expected a string)", v.dump()));
            break;
          }
          const std::string s = v.get<std::string>();
          const bool is_path = s.find('/') != std::string::npos || fs::path(s).extension() == ".json";
          if (is_path && !fs::is_regular_file(dir / s, ec))
            r.error(vat, fmt::format("SoC file {} does not exist (expected a path relative to the campaign's folder)",
                                     quote((dir / s).lexically_normal().string())));
          if (!is_path && base && base->contains("soc") && (*base)["soc"].is_string()) {
            const fs::path file = (fs::path(c.base).parent_path() / (*base)["soc"].get<std::string>()).parent_path() / (s + ".json");
            if (!fs::is_regular_file(file, ec))
              r.error(vat, fmt::format("unknown SoC {}: no file {} beside the base scenario's SoC", quote(s),
                                       quote(file.lexically_normal().string())));
          }
          break;
        }
        case AxisKind::kScheduler:
          if (!v.is_string()) r.error(vat, fmt::format("scheduler {} is not a name (expected a string)", v.dump()));
          break;
        case AxisKind::kSeed:
          if (!v.is_number_unsigned() || v.get<uint64_t>() > kMaxSeed)
            r.error(vat, fmt::format("seed {} is not an integer from 0 to {}", v.dump(), kMaxSeed));
          break;
        case AxisKind::kPointer:
          break;
      }
      axis.values.push_back(v.dump());
      axis.labels.push_back(label_of(v));
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
  uint64_t base_seed = 0;
  if (c.seed) base_seed = *c.seed;
  else if (ctx.base.contains("seed") && ctx.base["seed"].is_number_unsigned()) base_seed = ctx.base["seed"].get<uint64_t>();
  else base_seed = spec::Scenario{}.seed;
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
      const Json doc = resolve(ctx, choice, has_seed_axis ? std::nullopt : std::optional<uint64_t>(replication_seed(base_seed, rep)));
      run.seed = doc.value("seed", base_seed);
      for (size_t a = 0; a < c.axes.size(); ++a) run.coordinates.push_back(c.axes[a].labels[vi[a]]);
      const auto diags = validator.check(doc);
      if (!diags.empty()) {
        // Blame a single value when it is invalid on its own; else the combination.
        bool single = false;
        for (size_t a = 0; a < c.axes.size(); ++a) {
          std::vector<std::optional<size_t>> alone(c.axes.size());
          alone[a] = vi[a];
          const auto own = validator.check(resolve(ctx, alone, std::nullopt));
          if (own.empty()) continue;
          single = true;
          const std::string at = (Pointer() / "axes" / a / "values" / vi[a]).str();
          if (blamed.insert(at).second)
            d.add({c.file, at,
                   fmt::format("axis {} value {} makes the scenario invalid: {}: {}", quote(c.axes[a].name),
                               c.axes[a].values[vi[a]], c.base, summary_of(own))});
        }
        if (!single && bad_runs++ < 10) {
          std::string coords;
          for (size_t a = 0; a < c.axes.size(); ++a) coords += (a ? ", " : "") + c.axes[a].name + "=" + c.axes[a].values[vi[a]];
          d.add({c.file, "/axes",
                 fmt::format("run {} ({}) makes the scenario invalid: {}: {}", run.index, coords, c.base, summary_of(diags))});
        }
        runs.push_back(std::move(run));
        continue;
      }
      run.id = sha256_hex(identity(ctx, doc)).substr(0, 16);
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
