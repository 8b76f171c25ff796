// Planning `socsim profile import`: checking the request against the SoC and the model library,
// placing the measured entry in the SoC's profiles file and re-validating the result.
#include "sim/library/profile_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/config/config.h"
#include "sim/config/engines_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/model_loader_impl.h"
#include "sim/library/profile_import_impl.h"

namespace socsim::config {
namespace {

namespace fs = std::filesystem;

using spec::ProcessorKind;

// The design a request names, once checked.
struct Target {
  const spec::Variant* variant = nullptr;
  const spec::Build* build = nullptr;
  spec::Precision precision = spec::Precision::kFp32;
  const spec::Processor* engine = nullptr;
  size_t engine_index = 0;
};

// The file that defines the variant's family.
std::string family_file(const spec::ModelLibrary& lib, const spec::Variant& v) {
  for (const auto& f : lib.families)
    if (f.name == v.family) return f.file;
  return lib.root;
}

// The delegates benchmark_model uses for each engine kind (NNAPI drives NPUs and DSPs alike).
bool delegate_fits(const std::string& delegate, ProcessorKind kind) {
  if (delegate == "gpu") return kind == ProcessorKind::kGpu;
  if (delegate == "hexagon") return kind == ProcessorKind::kDsp;
  return kind == ProcessorKind::kNpu || kind == ProcessorKind::kDsp;  // nnapi
}

class RequestChecker {
 public:
  RequestChecker(const ImportRequest& req, const BenchmarkLog& log, const spec::Soc& soc, const spec::ModelLibrary& lib,
                 Diagnostics& d)
      : req_(req), log_(log), soc_(soc), lib_(lib), d_(d) {}

  Target run(std::vector<std::string>& warnings) {
    Target t;
    check_model(t);
    check_engine(t);
    if (t.engine != nullptr) check_log(t, warnings);
    return t;
  }

 private:
  void check_model(Target& t) {
    t.variant = lib_.find_variant(req_.variant);
    if (t.variant == nullptr)
      Reporter(d_, req_.models_dir).error({}, unknown_name("variant", req_.variant, variant_names(lib_)));
    std::optional<spec::Precision> p = spec::parse_precision(req_.precision);
    if (!p) {
      Reporter(d_, req_.models_dir)
          .error({}, unknown_name("precision", req_.precision, {"fp32", "fp16", "dr8", "fx8", "ffx8"}));
      return;
    }
    t.precision = *p;
    if (t.variant == nullptr) return;
    t.build = t.variant->find_build(*p);
    if (t.build == nullptr) Reporter(d_, family_file(lib_, *t.variant)).error({}, missing_build(*t.variant, *p));
  }

  void check_engine(Target& t) {
    const int index = soc_.find_processor(req_.engine);
    if (index < 0) {
      Reporter(d_, soc_.file)
          .error(Pointer() / "processors", unknown_name("processor", req_.engine, processor_names(soc_)));
      return;
    }
    t.engine_index = static_cast<size_t>(index);
    t.engine = &soc_.processors[t.engine_index];
    Reporter r(d_, soc_.file);
    const Pointer at = Pointer() / "processors" / t.engine_index;
    const int cores = t.engine->total_cores();
    if (t.engine->kind != ProcessorKind::kCpu) {
      if (req_.threads > 0)
        r.error(at, fmt::format("--threads given for {} engine {} (expected none: only cpu engines take threads)",
                                spec::to_string(t.engine->kind), quote(req_.engine)));
    } else if (req_.threads < 1 || req_.threads > cores) {
      r.error(at, fmt::format("cpu engine {} needs --threads 1..{} (its cores; got {})", quote(req_.engine), cores,
                              req_.threads == 0 ? std::string("none") : std::to_string(req_.threads)));
    }
  }

  void check_log(const Target& t, std::vector<std::string>& warnings) {
    const ProcessorKind kind = t.engine->kind;
    if (kind == ProcessorKind::kCpu && log_.num_threads && req_.threads > 0 && *log_.num_threads != req_.threads)
      Reporter(d_, log_.file)
          .error({},
                 fmt::format("the run used {} threads (\"Num threads: [{}]\"; expected --threads {} to match)",
                             *log_.num_threads, *log_.num_threads, req_.threads),
                 log_.threads_line);
    if (log_.delegate && (kind == ProcessorKind::kCpu || !delegate_fits(*log_.delegate, kind)))
      warnings.push_back(fmt::format("{}:{}: the run used the {} delegate, but engine {} is a {} processor", log_.file,
                                     log_.delegate_line, *log_.delegate, quote(req_.engine), spec::to_string(kind)));
    if (!log_.delegate && kind != ProcessorKind::kCpu)
      warnings.push_back(
          fmt::format("{}: the log enables no delegate (no \"Use gpu/NNAPI/Hexagon: [1]\" line), but "
                      "engine {} is a {} processor",
                      log_.file, quote(req_.engine), spec::to_string(kind)));
  }

  const ImportRequest& req_;
  const BenchmarkLog& log_;
  const spec::Soc& soc_;
  const spec::ModelLibrary& lib_;
  Diagnostics& d_;
};

std::string source_text(const BenchmarkLog& log, const ImportRequest& req) {
  const std::string on =
      fmt::format("{} {}{}", req.soc, req.engine,
                  req.threads > 0 ? fmt::format(" with {} thread{}", req.threads, req.threads == 1 ? "" : "s") : "");
  const std::string name = fs::path(log.file).filename().string();
  if (!log.timed)
    return fmt::format(
        "imported from {} (TFLite benchmark_model) on {}: mean from the summary's Inference (avg); "
        "the log has no statistics line, so no spread",
        name, on);
  return fmt::format(
      "imported from {} (TFLite benchmark_model) on {}: timed run of {} inferences, min {} ms, max {} ms", name, on,
      log.timed->count, number_text(log.timed->min_us / 1e3), number_text(log.timed->max_us / 1e3));
}

double us_to_ms(double us) { return std::round(us * 10) / 1e4; }  // 0.1 us resolution

ImportedProfile imported_profile(const BenchmarkLog& log, const ImportRequest& req, spec::Precision p) {
  ImportedProfile out;
  out.variant = req.variant;
  out.precision = p;
  out.engine = req.engine;
  out.threads = req.threads;
  out.latency_ms = us_to_ms(log.mean_us);
  if (log.sd_us) out.latency_sd_ms = us_to_ms(*log.sd_us);
  out.source = source_text(log, req);
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw IoError(path + ": cannot read the profiles file");
  return text.str();
}

// Marks the diagnostics about the imported entry (at `entry` in `target`), which the user's file
// does not hold yet.
ConfigError marked(const ConfigError& e, const std::string& target, const std::string& entry) {
  std::vector<Diagnostic> diags = e.diagnostics();
  for (Diagnostic& d : diags)
    if (d.file == target && (d.pointer == entry || d.pointer.starts_with(entry + "/")))
      d.message += " [in the imported entry]";
  return ConfigError(std::move(diags));
}

// The library as the loader sees it with `text` in place of the profiles file `target`, checked
// against `soc`; every problem is thrown, reported against the files (target: its new content).
void validate_with(const ImportRequest& req, const std::string& target, const std::string& text, const spec::Soc& soc,
                   const std::string& entry) {
  Diagnostics d;
  LibraryBuilder builder(d);
  for (const auto& f : json_files_in(req.models_dir)) builder.add_family_file(f);
  std::vector<std::string> files = json_files_in((fs::path(req.models_dir) / "profiles").string());
  if (std::find(files.begin(), files.end(), target) == files.end()) {
    files.push_back(target);
    std::sort(files.begin(), files.end());
  }
  for (const auto& f : files) {
    if (f != target) {
      builder.add_profiles_file(f);
      continue;
    }
    Reporter r(d, target);
    builder.add_profiles(Json::parse(text), r);
  }
  builder.finish(req.models_dir, LibraryScope{&soc, true, {}});
  try {
    d.throw_if_any();
  } catch (const ConfigError& e) {
    throw marked(e, target, entry);
  }
}

void describe_family_entry(const Target& t, const spec::ModelLibrary& lib, ImportPlan& plan) {
  size_t index = 0;  // of the variant within its family file (variants load in file order)
  for (const auto& v : lib.variants) {
    if (&v == t.variant) break;
    if (v.family == t.variant->family) ++index;
  }
  plan.family_file = family_file(lib, *t.variant);
  plan.build_pointer =
      (Pointer() / "variants" / index / "precisions" / static_cast<size_t>(t.build - t.variant->builds.data())).str();
  const ProcessorKind kind = t.engine->kind;
  plan.engine_kind = spec::to_string(kind);
  if (auto it = t.build->load.find(kind); it != t.build->load.end()) plan.family_load_ms = it->second.to_ms();
  if (auto it = t.build->memory_mib.find(kind); it != t.build->memory_mib.end()) plan.family_memory_mib = it->second;
}

}  // namespace

const char* to_string(ImportPlan::Action a) {
  switch (a) {
    case ImportPlan::Action::kUpdated:
      return "updated";
    case ImportPlan::Action::kInserted:
      return "inserted";
    case ImportPlan::Action::kAppended:
      return "appended";
    case ImportPlan::Action::kCreated:
      return "created";
  }
  return "?";
}

ImportPlan plan_profile_import(const BenchmarkLog& log, const ImportRequest& request) {
  ImportRequest req = request;
  if (req.socs_dir.empty()) req.socs_dir = default_socs_dir(req.models_dir);
  const spec::Soc soc = load_soc_named(req.socs_dir, req.soc);
  const spec::ModelLibrary lib = load_model_library(req.models_dir);

  ImportPlan plan;
  Diagnostics d;
  const Target target = RequestChecker(req, log, soc, lib, d).run(plan.warnings);
  d.throw_if_any();
  if (!log.sd_us) plan.warnings.push_back(log.file + ": no statistics line, so latency_sd_ms is left out (0)");

  plan.profiles_file = (fs::path(req.models_dir) / "profiles" / (req.soc + ".json")).string();
  std::error_code ec;
  const bool exists = fs::exists(plan.profiles_file, ec);
  OrderedJson doc = exists ? OrderedJson::parse(read_text(plan.profiles_file)) : new_profiles_document(soc);
  if (doc.value("soc", "") != req.soc) {
    Reporter(d, plan.profiles_file)
        .error(Pointer() / "soc", fmt::format("profiles of SoC {} (expected {}, the name of the file)",
                                              quote(doc.value("soc", "")), quote(req.soc)));
    d.throw_all();
  }
  OrderedJson& profiles = doc["profiles"];
  const Placement placed = place_profile(profiles, imported_profile(log, req, target.precision), EntryOrder(lib, soc));
  plan.action = exists ? placed.action : ImportPlan::Action::kCreated;
  plan.entry_pointer = (Pointer() / "profiles" / placed.index).str();
  plan.entry_text = profiles[placed.index].dump(2);
  plan.text = render(doc);

  validate_with(req, plan.profiles_file, plan.text, soc, plan.entry_pointer);
  describe_family_entry(target, lib, plan);
  return plan;
}

}  // namespace socsim::config
