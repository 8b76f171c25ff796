// socsim list ... [--format table|json]
// socsim list schedulers                          the registered schedulers with their parameters.
// socsim list socs [--socs DIR]                   each SoC: devices, processors, clusters.
// socsim list models [--soc S] [--models DIR]     families and variants; with --soc, the engines
//                                                 (and CPU thread counts) profiled per build.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/commands.h"
#include "cli/options.h"
#include "sim/config/config.h"
#include "sim/library/profile_import.h"
#include "sim/core/error.h"
#include "sim/core/names.h"
#include "sim/sched/registry.h"
#include "solver/register.h"

namespace socsim::cli {
namespace {

constexpr const char* kUsage =
    "socsim list schedulers | socs [--socs DIR] | models [--soc S] [--models DIR] [--socs DIR]  [--format table|json]";

using Json = nlohmann::ordered_json;

int list_schedulers(Format format) {
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  if (format == Format::kJson) {
    Json out = Json::array();
    for (const auto& [name, info] : registry.all()) {
      Json params = Json::array();
      for (const auto& p : info.params) {
        Json j = {{"name", p.name}, {"type", p.type}, {"default", p.default_value}, {"description", p.description}};
        if (p.min) j["min"] = *p.min;
        if (p.max) j["max"] = *p.max;
        params.push_back(std::move(j));
      }
      out.push_back({{"name", name}, {"description", info.description}, {"params", std::move(params)}});
    }
    std::cout << out.dump(2) << "\n";
    return exit_code::kOk;
  }
  for (const auto& [name, info] : registry.all()) {
    std::cout << name << "\n    " << info.description << "\n";
    for (const auto& p : info.params)
      std::cout << "    --param " << p.name << "=<" << p.type << "> (default " << p.default_value
                << "): " << p.description << "\n";
  }
  return exit_code::kOk;
}

// ---- socs ----

void print_soc(const spec::Soc& soc) {
  fmt::print("{}  {}\n", soc.name, soc.display_name);
  if (!soc.devices.empty()) fmt::print("  devices: {}\n", fmt::join(soc.devices, "; "));
  for (const auto& p : soc.processors) {
    fmt::print("  {:<6} {:<4} {}", p.name, spec::to_string(p.kind), p.model);
    if (p.dvfs) fmt::print(", max {} MHz", p.dvfs->max_freq_mhz());
    fmt::print("\n");
    for (const auto& c : p.clusters)
      fmt::print("         {:<8} {} x {}, max {} MHz\n", c.name, c.cores, c.core_type, c.dvfs.max_freq_mhz());
  }
}

// Loads every SoC of the folder, reporting the errors of all broken files together.
std::vector<spec::Soc> load_socs(const std::string& dir) {
  std::vector<spec::Soc> socs;
  std::vector<Diagnostic> errors;
  const std::vector<std::string> names = config::soc_names(dir);
  if (names.empty())
    throw ConfigError({Diagnostic{dir, "", "no SoC files here (expected a folder holding *.json SoC files)", 0}});
  for (const auto& name : names) {
    try {
      socs.push_back(config::load_soc_named(dir, name));
    } catch (const ConfigError& e) {
      errors.insert(errors.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!errors.empty()) throw ConfigError(errors);
  return socs;
}

Json soc_json(const spec::Soc& soc) {
  Json procs = Json::array();
  for (const auto& p : soc.processors) {
    Json j = {{"name", p.name}, {"kind", spec::to_string(p.kind)}, {"model", p.model}};
    if (p.dvfs) j["max_freq_mhz"] = p.dvfs->max_freq_mhz();
    Json clusters = Json::array();
    for (const auto& c : p.clusters)
      clusters.push_back({{"name", c.name}, {"cores", c.cores}, {"core_type", c.core_type},
                          {"max_freq_mhz", c.dvfs.max_freq_mhz()}});
    if (!clusters.empty()) j["clusters"] = std::move(clusters);
    procs.push_back(std::move(j));
  }
  return {{"name", soc.name}, {"display_name", soc.display_name}, {"devices", soc.devices}, {"processors", procs}};
}

int list_socs(const std::string& dir, Format format) {
  const auto socs = load_socs(dir);
  if (format == Format::kJson) {
    Json out = Json::array();
    for (const auto& soc : socs) out.push_back(soc_json(soc));
    std::cout << out.dump(2) << "\n";
    return exit_code::kOk;
  }
  for (const auto& soc : socs) print_soc(soc);
  return exit_code::kOk;
}

// ---- models ----

// "cpu:1,2,4,8 gpu npu": the engines of `soc` (in its order) with a profile of this build.
std::string profiled_engines(const spec::ModelLibrary& lib, const spec::Soc& soc, const spec::Variant& v,
                             spec::Precision precision) {
  std::map<std::string, std::set<int>> threads;  // engine -> thread counts (0: accelerator)
  for (const auto& p : lib.profiles)
    if (p.soc == soc.name && p.variant == v.name && p.precision == precision) threads[p.engine].insert(p.threads);
  std::vector<std::string> parts;
  for (const auto& proc : soc.processors) {
    auto it = threads.find(proc.name);
    if (it == threads.end()) continue;
    it->second.erase(0);
    parts.push_back(it->second.empty() ? proc.name : fmt::format("{}:{}", proc.name, fmt::join(it->second, ",")));
  }
  return parts.empty() ? "-" : fmt::format("{}", fmt::join(parts, " "));
}

// The models listing as JSON: families with their variants, each variant's builds and, with a SoC,
// the engines profiled per build ("cpu:1,2,4,8 gpu", as in the table; "-" for none).
void print_models_json(const spec::ModelLibrary& lib, const std::optional<spec::Soc>& soc) {
  Json out = Json::array();
  for (const auto& f : lib.families) {
    Json variants = Json::array();
    for (const auto& v : lib.variants) {
      if (v.family != f.name) continue;
      Json builds = Json::array();
      for (const auto& b : v.builds) {
        Json j = {{"precision", spec::to_string(b.precision)}};
        if (soc) j["profiled_engines"] = profiled_engines(lib, *soc, v, b.precision);
        builds.push_back(std::move(j));
      }
      variants.push_back({{"name", v.name}, {"builds", std::move(builds)}});
    }
    out.push_back({{"family", f.name}, {"task", f.task}, {"file", f.file}, {"variants", std::move(variants)}});
  }
  std::cout << out.dump(2) << "\n";
}

int list_models(const std::string& models_dir, const std::string& soc_name, const std::string& socs_dir, Format format) {
  const spec::ModelLibrary lib = config::load_model_library(models_dir);
  std::optional<spec::Soc> soc;
  if (!soc_name.empty())
    soc = config::load_soc_named(socs_dir.empty() ? config::default_socs_dir(models_dir) : socs_dir, soc_name);
  if (format == Format::kJson) {
    print_models_json(lib, soc);
    return exit_code::kOk;
  }
  if (soc) fmt::print("profiles on {} per build: engine, or cpu:<thread counts>; - = none\n\n", soc->name);
  size_t width = 0;
  for (const auto& v : lib.variants) width = std::max(width, v.name.size());
  for (const auto& f : lib.families) {
    fmt::print("{}  task {}  ({})\n", f.name, f.task, f.file);
    for (const auto& v : lib.variants) {
      if (v.family != f.name) continue;
      if (soc) {
        for (size_t i = 0; i < v.builds.size(); ++i)
          fmt::print("  {:<{}}  {:<5} {}\n", i == 0 ? v.name : "", width, spec::to_string(v.builds[i].precision),
                     profiled_engines(lib, *soc, v, v.builds[i].precision));
        continue;
      }
      std::vector<std::string> precisions;
      for (const auto& b : v.builds) precisions.push_back(spec::to_string(b.precision));
      fmt::print("  {:<{}}  {}\n", v.name, width, fmt::join(precisions, " "));
    }
  }
  return exit_code::kOk;
}

}  // namespace

int cmd_list(const Args& args) {
  po::options_description desc("options");
  std::string what, socs_dir, models_dir, soc, format;
  // clang-format off
  desc.add_options()
      ("what", po::value(&what)->required(), "schedulers, socs or models")
      ("socs", po::value(&socs_dir),
       "SoC folder (default: socs/ in the working directory; for `models --soc`, socs/ beside --models)")
      ("models", po::value(&models_dir)->default_value("models"),
       "model library folder (relative to the working directory)")
      ("soc", po::value(&soc), "models: also show which engines have profiles on this SoC")
      ("format", po::value(&format)->default_value("table"), "output format: table or json");
  // clang-format on
  po::positional_options_description pos;
  pos.add("what", 1);
  po::variables_map vm;
  if (!parse_args(args, kUsage, desc, pos, vm)) return exit_code::kOk;
  const Format fmt = parse_format(format);
  if (fmt == Format::kCsv) throw UsageError("--format csv is not supported by list (expected table or json)");
  if (what == "schedulers") return list_schedulers(fmt);
  if (what == "socs") return list_socs(socs_dir.empty() ? "socs" : socs_dir, fmt);
  if (what == "models") return list_models(models_dir, soc, socs_dir, fmt);
  throw UsageError(unknown_name("listing", what, {"schedulers", "socs", "models"}) + "\nusage: " + kUsage);
}

}  // namespace socsim::cli
