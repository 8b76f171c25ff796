// socsim list schedulers                          the registered schedulers with their parameters.
// socsim list socs [--socs DIR]                   each SoC: devices, processors, clusters.
// socsim list models [--soc S] [--models DIR]     families and variants; with --soc, the engines
//                                                 (and CPU thread counts) profiled per build.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "cli/commands.h"
#include "cli/options.h"
#include "sim/config/config.h"
#include "sim/library/profile_import.h"
#include "sim/core/error.h"
#include "sim/sched/registry.h"
#include "solver/register.h"

namespace socsim::cli {
namespace {

constexpr const char* kUsage =
    "socsim list schedulers | socs [--socs DIR] | models [--soc S] [--models DIR] [--socs DIR]";

int list_schedulers() {
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
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

int list_socs(const std::string& dir) {
  for (const auto& soc : load_socs(dir)) print_soc(soc);
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

int list_models(const std::string& models_dir, const std::string& soc_name, const std::string& socs_dir) {
  const spec::ModelLibrary lib = config::load_model_library(models_dir);
  std::optional<spec::Soc> soc;
  if (!soc_name.empty()) {
    soc = config::load_soc_named(socs_dir.empty() ? config::default_socs_dir(models_dir) : socs_dir, soc_name);
    fmt::print("profiles on {} per build: engine, or cpu:<thread counts>; - = none\n\n", soc->name);
  }
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
  std::string what, socs_dir, models_dir, soc;
  // clang-format off
  desc.add_options()
      ("what", po::value(&what)->required(), "schedulers, socs or models")
      ("socs", po::value(&socs_dir),
       "SoC folder (default: socs/ in the working directory; for `models --soc`, socs/ beside --models)")
      ("models", po::value(&models_dir)->default_value("models"),
       "model library folder (relative to the working directory)")
      ("soc", po::value(&soc), "models: also show which engines have profiles on this SoC");
  // clang-format on
  po::positional_options_description pos;
  pos.add("what", 1);
  po::variables_map vm;
  if (!parse_args(args, kUsage, desc, pos, vm)) return exit_code::kOk;
  if (what == "schedulers") return list_schedulers();
  if (what == "socs") return list_socs(socs_dir.empty() ? "socs" : socs_dir);
  if (what == "models") return list_models(models_dir, soc, socs_dir);
  throw UsageError("cannot list \"" + what + "\" (expected: schedulers, socs or models)");
}

}  // namespace socsim::cli
