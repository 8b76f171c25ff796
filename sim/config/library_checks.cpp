#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "sim/config/engines_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/model_loader_impl.h"
#include "sim/spec/scenario.h"

namespace socsim::config {
namespace {

using spec::ProcessorKind;

// A build (variant index, build index) run on an engine kind by some profile.
using BuildUse = std::tuple<size_t, size_t, ProcessorKind>;

class LibraryChecker {
 public:
  LibraryChecker(const spec::ModelLibrary& lib, const std::vector<Origin>& variants,
                 const std::vector<Origin>& profiles, const LibraryScope& scope, Diagnostics& d)
      : lib_(lib), variant_at_(variants), profile_at_(profiles), scope_(scope), d_(d) {}

  void run() {
    check_unique_variants();
    for (size_t i = 0; i < lib_.profiles.size(); ++i) check_profile(i);
    check_duplicate_profiles();
    for (const BuildUse& use : build_uses_) check_build_entries(use);
  }

 private:
  void error(const Origin& o, const Pointer& at, std::string message) {
    Reporter(d_, o.file).error(at, std::move(message));
  }

  // Within one file the family check already reported a repeat; here only repeats across files.
  void check_unique_variants() {
    std::map<std::string, size_t> first;
    for (size_t i = 0; i < lib_.variants.size(); ++i) {
      auto [it, inserted] = first.emplace(lib_.variants[i].name, i);
      const Origin& was = variant_at_[it->second];
      if (!inserted && was.file != variant_at_[i].file)
        error(variant_at_[i], variant_at_[i].at / "name",
              fmt::format("variant {} is also defined in {} at {} (expected variant names unique across the "
                          "library)",
                          quote(lib_.variants[i].name), was.file, was.at.str()));
    }
  }

  // The kind and cores of a profile's engine: from the SoC's processor when the profile is for the
  // SoC in scope (an unknown processor is reported), else from the engine's name ("cpu", "gpu", ...).
  EngineUse engine_use(const spec::Profile& p, const Origin& o) {
    EngineUse use{p.engine, parse_processor_kind(p.engine), 0, p.precision, p.threads};
    if (scope_.soc == nullptr || p.soc != scope_.soc->name) return use;
    int index = scope_.soc->find_processor(p.engine);
    if (index < 0) {
      error(o, o.at / "engine", unknown_name("processor", p.engine, processor_names(*scope_.soc)));
      use.kind.reset();
      return use;
    }
    const spec::Processor& proc = scope_.soc->processors[static_cast<size_t>(index)];
    use.kind = proc.kind;
    use.cores = proc.total_cores();
    return use;
  }

  void check_profile(size_t i) {
    const spec::Profile& p = lib_.profiles[i];
    const Origin& o = profile_at_[i];
    const EngineUse use = engine_use(p, o);
    Reporter r(d_, o.file);
    check_engine_use(use, o.at, r);
    if (p.latency_sd > p.latency_mean)
      error(o, o.at / "latency_sd_ms",
            fmt::format("spread {} ms is larger than the mean {} ms (expected latency_sd_ms <= latency_ms)",
                        number_text(p.latency_sd.to_ms()), number_text(p.latency_mean.to_ms())));
    if (scope_.families_known) check_profile_build(p, o, use.kind);
  }

  void check_profile_build(const spec::Profile& p, const Origin& o, std::optional<ProcessorKind> kind) {
    const spec::Variant* v = lib_.find_variant(p.variant);
    if (v == nullptr) {
      error(o, o.at / "variant", unknown_name("variant", p.variant, variant_names(lib_)));
      return;
    }
    const spec::Build* b = v->find_build(p.precision);
    if (b == nullptr) {
      error(o, o.at / "precision", missing_build(*v, p.precision));
      return;
    }
    if (kind)
      build_uses_.insert(
          {static_cast<size_t>(v - lib_.variants.data()), static_cast<size_t>(b - v->builds.data()), *kind});
  }

  void check_duplicate_profiles() {
    std::map<std::tuple<std::string, std::string, spec::Precision, std::string, int>, size_t> first;
    for (size_t i = 0; i < lib_.profiles.size(); ++i) {
      const spec::Profile& p = lib_.profiles[i];
      auto [it, inserted] = first.emplace(std::tuple(p.soc, p.variant, p.precision, p.engine, p.threads), i);
      if (inserted) continue;
      const Origin& was = profile_at_[it->second];
      error(profile_at_[i], profile_at_[i].at,
            fmt::format("duplicate profile of {} on {} (first in {} at {}; expected one profile per design)",
                        spec::to_string(spec::Design{p.variant, p.precision, p.engine, p.threads}), quote(p.soc),
                        was.file, was.at.str()));
    }
  }

  // A build run on an engine kind must say how much memory it takes there and how long it loads.
  void check_build_entries(const BuildUse& use) {
    const auto& [vi, bi, kind] = use;
    const spec::Build& b = lib_.variants[vi].builds[bi];
    const Pointer at = variant_at_[vi].at / "precisions" / bi;
    const char* engine = spec::to_string(kind);
    for (const auto& [key, present] :
         {std::pair{"memory_mib", b.memory_mib.contains(kind)}, std::pair{"load_ms", b.load.contains(kind)}})
      if (!present)
        error(variant_at_[vi], at / key,
              fmt::format("no {} entry, but a profile runs this build on a {} engine (expected an entry for "
                          "every engine kind that runs it)",
                          quote(engine), engine));
  }

  const spec::ModelLibrary& lib_;
  const std::vector<Origin>& variant_at_;
  const std::vector<Origin>& profile_at_;
  const LibraryScope& scope_;
  Diagnostics& d_;
  std::set<BuildUse> build_uses_;
};

}  // namespace

std::vector<std::string> variant_names(const spec::ModelLibrary& lib) {
  std::vector<std::string> names;
  for (const auto& v : lib.variants) names.push_back(v.name);
  return names;
}

std::string missing_build(const spec::Variant& v, spec::Precision p) {
  std::vector<std::string> built;
  for (const auto& b : v.builds) built.push_back(spec::to_string(b.precision));
  return fmt::format("variant {} has no {} build (expected one of: {})", quote(v.name), spec::to_string(p),
                     join(built));
}

void check_library(const spec::ModelLibrary& lib, const std::vector<Origin>& variants,
                   const std::vector<Origin>& profiles, const LibraryScope& scope, Diagnostics& d) {
  LibraryChecker(lib, variants, profiles, scope, d).run();
}

}  // namespace socsim::config
