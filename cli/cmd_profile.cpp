// socsim profile import LOG --soc S --model VARIANT --precision P --engine E [--threads T]
//     [--models DIR] [--socs DIR] [--dry-run]
// Turns a TensorFlow Lite benchmark_model log into a measured profile entry of models/profiles/<soc>.json
// (see config::plan_profile_import for where it goes and what is checked) and publishes the new file
// atomically; prints the entry and a note on the family-file values the log also measured.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/options.h"
#include "sim/library/profile_import.h"
#include "sim/core/error.h"
#include "sim/trace_hdf5/durable_file.h"

namespace socsim::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "socsim profile import LOG --soc S --model VARIANT --precision P --engine E [--threads T] [--models DIR] "
    "[--socs DIR] [--dry-run]";

// What the log measured that socsim reads from the family file, which this command leaves alone.
void print_family_note(const config::BenchmarkLog& log, const config::ImportPlan& plan) {
  const auto file_says = [](const std::optional<double>& v) {
    return v ? fmt::format("the file says {:.6g}", *v) : std::string("the file has no entry");
  };
  fmt::print(
      "note: the log also measured values socsim reads from the family file, which this command does not edit;\n"
      "      consider them for {} at {}:\n",
      plan.family_file, plan.build_pointer);
  fmt::print("  load_ms.{} = {}  (benchmark_model Init; {})\n", plan.engine_kind, log.init_us / 1e3,
             file_says(plan.family_load_ms));
  if (log.footprint_overall_mb)
    fmt::print("  memory_mib.{} = {}  (memory footprint delta, overall; {})\n", plan.engine_kind,
               *log.footprint_overall_mb, file_says(plan.family_memory_mib));
  if (log.peak_mb)
    fmt::print("  (peak memory footprint via periodic monitoring: {} MiB, the tool's own memory included)\n",
               *log.peak_mb);
  if (!log.footprint_overall_mb && !log.peak_mb) fmt::print("  (the log has no memory footprint lines)\n");
}

int profile_import(const Args& args) {
  po::options_description desc("options");
  std::string action, log_path;
  config::ImportRequest req;
  std::string variant_alias;
  // clang-format off
  desc.add_options()
      ("action", po::value(&action)->required(), "import")
      ("log", po::value(&log_path)->required(), "benchmark_model output (stdout and stderr, or logcat)")
      ("soc", po::value(&req.soc)->required(), "SoC name (a file <socs>/<name>.json)")
      ("model,m", po::value(&req.variant), "model variant, e.g. efficientnet_lite0 (alias --variant)")
      ("variant", po::value(&variant_alias), "same as --model")
      ("precision", po::value(&req.precision)->required(), "build precision: fp32, fp16, dr8, fx8 or ffx8")
      ("engine", po::value(&req.engine)->required(), "processor name of the SoC: cpu, gpu, npu, dsp, ...")
      ("threads", po::value(&req.threads), "CPU threads (required for, and only for, cpu engines)")
      ("models", po::value(&req.models_dir)->default_value("models"),
       "model library folder; its profiles/<soc>.json is written (relative to the working directory)")
      ("socs", po::value(&req.socs_dir), "SoC folder (default: socs/ beside the --models folder)")
      ("dry-run", "print the entry and where it would go; write nothing");
  // clang-format on
  po::positional_options_description pos;
  pos.add("action", 1).add("log", 1);
  po::variables_map vm;
  if (!parse_args(args, kUsage, desc, pos, vm)) return exit_code::kOk;
  if (!variant_alias.empty() && !req.variant.empty() && variant_alias != req.variant)
    throw UsageError("--model and --variant name different variants");
  if (req.variant.empty()) req.variant = variant_alias;
  if (req.variant.empty())
    throw UsageError("the option '--model' is required but missing\nusage: " + std::string(kUsage));

  const config::BenchmarkLog log = config::parse_benchmark_log(log_path);
  const config::ImportPlan plan = config::plan_profile_import(log, req);
  for (const auto& w : plan.warnings) std::cerr << "socsim profile import: warning: " << w << "\n";

  const bool dry = vm.count("dry-run") > 0;
  if (!dry) {
    std::error_code ec;
    if (plan.action == config::ImportPlan::Action::kCreated &&
        !fs::is_directory(fs::path(plan.profiles_file).parent_path(), ec) &&
        !fs::create_directories(fs::path(plan.profiles_file).parent_path(), ec))
      throw IoError(fs::path(plan.profiles_file).parent_path().string() + ": cannot create folder: " + ec.message());
    trace::publish_text(plan.profiles_file, plan.text);
  }
  fmt::print("{}{} {} {}:\n{}\n", dry ? "dry run, nothing written: would have " : "", config::to_string(plan.action),
             plan.profiles_file, plan.entry_pointer, plan.entry_text);
  print_family_note(log, plan);
  return exit_code::kOk;
}

}  // namespace

int cmd_profile(const Args& args) {
  if (!args.empty() && !args[0].empty() && args[0][0] != '-' && args[0] != "import")
    throw UsageError("unknown action \"" + args[0] + "\" (expected: import)\nusage: " + kUsage);
  return profile_import(args);
}

}  // namespace socsim::cli
