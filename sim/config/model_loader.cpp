#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "sim/config/config.h"
#include "sim/config/engines_impl.h"
#include "sim/config/estimates_impl.h"
#include "sim/config/input_file_impl.h"
#include "sim/config/json_read_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/model_loader_impl.h"
#include "sim/config/profiles_fast_read_impl.h"
#include "sim/config/schema_cache_impl.h"
#include "sim/config/schema_check_impl.h"

namespace socsim::config {
namespace {

namespace fs = std::filesystem;

// Per-engine-kind values ({"cpu": 12, "gpu": 30}); `convert` turns each into a T, or nullopt for a
// value it reported as invalid.
template <typename T, typename Convert>
std::map<spec::ProcessorKind, T> per_engine(const Fields& f, const char* key, Convert convert) {
  std::map<spec::ProcessorKind, T> out;
  for (const auto& [engine, value] : f.raw(key).items()) {
    std::optional<T> v = convert(value.template get<double>(), f.at() / key / engine);
    if (v) out[parse_processor_kind(engine).value()] = *v;  // the schema allows only known kinds
  }
  return out;
}

spec::Build read_build(const Fields& f) {
  spec::Build b;
  b.precision = spec::parse_precision(f.text("precision")).value();  // the schema allows only known ones
  b.accuracy_pct = f.number("accuracy_pct");
  b.size_mib = f.number("size_mib");
  b.memory_mib = per_engine<double>(f, "memory_mib", [](double v, const Pointer&) { return std::optional(v); });
  b.load = per_engine<Duration>(
      f, "load_ms", [&](double v, const Pointer& at) { return to_duration(v, TimeUnit::kMs, at, f.reporter()); });
  return b;
}

spec::Variant read_variant(const Fields& f, const spec::Family& family) {
  spec::Variant v;
  v.name = f.text("name");
  v.family = family.name;
  v.task = family.task;
  v.params_m = f.number("params_m");
  v.gflops = f.number("gflops");
  v.parallel_frac = f.number("parallel_frac");
  v.memory_bound_frac = f.number("memory_bound_frac");
  for (const Fields& b : f.items("precisions")) v.builds.push_back(read_build(b));
  return v;
}

FamilyFile read_family(const Fields& f) {
  FamilyFile out;
  out.family = {f.text("family"), f.text("task"), f.text("dataset"), f.text("accuracy_metric"), f.reporter().file()};
  for (const Fields& v : f.items("variants")) out.variants.push_back(read_variant(v, out.family));
  return out;
}

void check_family(const FamilyFile& file, Reporter& r) {
  std::vector<NamedAt> names;
  for (size_t i = 0; i < file.variants.size(); ++i) {
    const Pointer at = Pointer() / "variants" / i;
    names.push_back({file.variants[i].name, at / "name"});
    std::vector<NamedAt> precisions;
    for (size_t j = 0; j < file.variants[i].builds.size(); ++j)
      precisions.push_back(
          {spec::to_string(file.variants[i].builds[j].precision), at / "precisions" / j / "precision"});
    report_duplicates(precisions, "precision", r);
  }
  report_duplicates(names, "variant name", r);
}

spec::Profile read_profile(const Fields& f, const std::string& soc) {
  spec::Profile p;
  p.soc = soc;
  p.variant = f.text("variant");
  p.precision = spec::parse_precision(f.text("precision")).value();  // the schema allows only known ones
  p.engine = f.text("engine");
  p.threads = f.integer("threads");
  p.latency_mean = f.duration("latency_ms", TimeUnit::kMs).value_or(Duration());
  p.latency_sd = f.duration("latency_sd_ms", TimeUnit::kMs).value_or(Duration());
  p.bandwidth_gbps = f.number("bandwidth_gbps");
  p.estimated = f.flag("estimated");
  p.source = f.text("source");
  return p;
}

// Parses a file and hands its document to `add`; an unparsable file is reported.
template <typename Add>
void add_file(Diagnostics& d, const std::string& path, Add add) {
  Reporter r(d, path);
  std::string text;
  if (std::optional<Json> doc = parse_file(r, text)) {
    const SourceBytes source(*doc, text);  // the schema cache keys the document by its bytes
    add(*doc, r);
  }
}

}  // namespace

std::optional<FamilyFile> family_from_json(const Json& doc, Reporter& r) {
  if (!check_schema(Kind::kModelFamily, doc, r)) return std::nullopt;
  check_estimates(doc, r);
  FamilyFile file = read_family(Fields(doc, Pointer(), r));
  check_family(file, r);
  if (r.errors() > 0) return std::nullopt;
  return file;
}

std::optional<std::vector<spec::Profile>> profiles_from_json(const Json& doc, Reporter& r) {
  if (!check_schema(Kind::kProfiles, doc, r)) return std::nullopt;
  check_estimates(doc, r);
  const Fields f(doc, Pointer(), r);
  std::vector<spec::Profile> profiles;
  for (const Fields& p : f.items("profiles")) profiles.push_back(read_profile(p, f.text("soc")));
  if (r.errors() > 0) return std::nullopt;
  return profiles;
}

void LibraryBuilder::add_family(const Json& doc, Reporter& r) {
  std::optional<FamilyFile> file = family_from_json(doc, r);
  if (!file) return;
  lib_.families.push_back(file->family);
  for (size_t i = 0; i < file->variants.size(); ++i) {
    lib_.variants.push_back(file->variants[i]);
    variant_origins_.push_back({r.file(), Pointer() / "variants" / i});
  }
}

void LibraryBuilder::add_profiles(const Json& doc, Reporter& r) {
  std::optional<std::vector<spec::Profile>> profiles = profiles_from_json(doc, r);
  if (!profiles) return;
  for (size_t i = 0; i < profiles->size(); ++i) {
    lib_.profiles.push_back((*profiles)[i]);
    profile_origins_.push_back({r.file(), Pointer() / "profiles" / i});
  }
}

void LibraryBuilder::add_family_file(const std::string& path) {
  add_file(*diags_, path, [this](const Json& doc, Reporter& r) { add_family(doc, r); });
}

void LibraryBuilder::add_profiles_file(const std::string& path, bool named_after_soc) {
  Reporter r(*diags_, path);
  std::optional<std::string> text = read_input_file(r, kMaxFileBytes, "a config file");
  if (!text) return;
  const std::string stem = fs::path(path).stem().string();
  // Bytes that passed the schema before are read without an nlohmann document, unless anything
  // would be reported: then the full path below reports it.
  if (schema_known_valid(schema_cache_key_of_bytes(Kind::kProfiles, *text))) {
    if (auto profiles = read_known_profiles(*text, named_after_soc ? stem : "")) {
      for (size_t i = 0; i < profiles->size(); ++i) {
        lib_.profiles.push_back(std::move((*profiles)[i]));
        profile_origins_.push_back({r.file(), Pointer() / "profiles" / i});
      }
      return;
    }
  }
  if (std::optional<Json> doc = parse_text(r, *text)) {
    const SourceBytes source(*doc, *text);  // the schema cache keys the document by its bytes
    if (named_after_soc && doc->is_object() && doc->contains("soc") && (*doc)["soc"].is_string() && (*doc)["soc"] != stem)
      r.error(Pointer() / "soc", fmt::format("profiles of SoC {} in a file named {}.json (expected {}.json: a run "
                                             "reads only the profile file named after its SoC)",
                                             quote((*doc)["soc"].get<std::string>()), stem, (*doc)["soc"].get<std::string>()));
    add_profiles(*doc, r);
  }
}

std::optional<spec::ModelLibrary> LibraryBuilder::finish(const std::string& root, const LibraryScope& scope) {
  if (diags_->count() != start_) return std::nullopt;
  check_library(lib_, variant_origins_, profile_origins_, scope, *diags_);
  if (diags_->count() != start_) return std::nullopt;
  lib_.root = root;
  return lib_;
}

std::vector<std::string> json_files_in(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  // Every *.json entry but folders: one that is not a readable regular file (a FIFO, a link loop)
  // is then reported by its reader instead of being skipped silently (or throwing, for a loop).
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->path().extension() == ".json" && !it->is_directory(type_ec))
      files.push_back((fs::path(dir) / it->path().filename()).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<spec::ModelLibrary> read_library(const std::string& dir, const LibraryScope& scope, Diagnostics& d) {
  Reporter folder(d, dir);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    folder.error({}, fmt::format("cannot read folder: {}", ec ? ec.message() : "not a directory"));
    return std::nullopt;
  }
  const std::vector<std::string> families = json_files_in(dir);
  if (families.empty()) {
    folder.error({}, "no model family files in this folder (expected one or more *.json)");
    return std::nullopt;
  }
  LibraryBuilder builder(d);
  for (const auto& f : families) builder.add_family_file(f);
  const fs::path profiles = fs::path(dir) / "profiles";
  if (scope.profile_socs.empty()) {
    for (const auto& f : json_files_in(profiles.string())) builder.add_profiles_file(f, true);
  } else {
    const std::set<std::string> socs(scope.profile_socs.begin(), scope.profile_socs.end());  // each file once
    for (const auto& soc : socs)
      if (fs::is_regular_file(profiles / (soc + ".json"), ec)) builder.add_profiles_file((profiles / (soc + ".json")).string(), true);
  }
  return builder.finish(dir, scope);
}

spec::ModelLibrary load_model_library(const std::string& dir, const std::vector<std::string>& profile_socs) {
  Diagnostics diags;
  LibraryScope scope;
  scope.profile_socs = profile_socs;
  std::optional<spec::ModelLibrary> lib = read_library(dir, scope, diags);
  diags.throw_if_any();
  return *lib;
}

}  // namespace socsim::config
