// Importing measured latency profiles from the output of TensorFlow Lite's `benchmark_model` tool
// (`socsim profile import`), and finding SoC files by name (shared with `socsim list`).
//
// Everything here reports bad input as a ConfigError (exit 2) naming the file at fault — the log
// with its line number, the SoC or model file with a JSON pointer — and writes nothing: planning an
// import returns the new text of the profiles file, and the caller publishes it atomically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/error.h"  // ConfigError, thrown by every function here
#include "sim/spec/soc.h"

namespace socsim::config {

// ---- SoC files by name ----------------------------------------------------------------------

// The SoC folder that sits beside a model library: `<models_dir>/../socs`, normalised ("models" ->
// "socs", "/x/models/" -> "/x/socs").
std::string default_socs_dir(const std::string& models_dir);

// The SoC names of a folder: the stems of its *.json files, sorted. Empty when there are none.
std::vector<std::string> soc_names(const std::string& socs_dir);

// Loads `<socs_dir>/<name>.json`. An unknown name is a ConfigError against the folder listing the
// known SoCs; a file whose "name" is not `name` is one against the file.
spec::Soc load_soc_named(const std::string& socs_dir, const std::string& name);

// ---- benchmark_model logs ------------------------------------------------------------------

// The statistics line of one benchmark run, as benchmark_model prints it after "Running benchmark
// for at least N iterations ...": `count=50 first=.. curr=.. min=.. max=.. avg=.. std=..` (newer
// versions append p5/median/p95; a run whose times were all equal prints `count=N curr=T`).
struct BenchmarkRun {
  int line = 0;  // 1-based line of the statistics
  int64_t count = 0;
  double min_us = 0;
  double max_us = 0;
  double avg_us = 0;
  double std_us = 0;
};

// What one benchmark_model log says. Lines may carry any prefix ("INFO: ", logcat's
// "I tflite  : "); the markers are found anywhere in a line. Times in microseconds and memory in
// the tool's MB (its KiB / 1024, i.e. MiB), as printed.
struct BenchmarkLog {
  std::string file;
  // The timed run: the last "Running benchmark" block before the summary (the one before it is the
  // warm-up). Absent when the log holds only the summary line.
  std::optional<BenchmarkRun> timed;
  double mean_us = 0;           // timed->avg_us, else the summary's "Inference (avg)"
  std::optional<double> sd_us;  // timed->std_us; absent without a statistics line
  double init_us = 0;           // summary "Init:": model load, interpreter and delegate set-up
  int summary_line = 0;         // the "Inference timings in us:" line
  // "Memory footprint delta from the start of the tool (MB): init=.. overall=.." (before TFLite 2.4:
  // "Peak memory footprint (MB): init=.. overall=..").
  std::optional<double> footprint_init_mb;
  std::optional<double> footprint_overall_mb;
  // "Overall peak memory footprint (MB) via periodic monitoring: .." (--report_peak_memory_footprint).
  std::optional<double> peak_mb;
  std::optional<int> num_threads;  // "Num threads: [4]" (absent when not set: the tool's default)
  int threads_line = 0;
  // The delegate the run's parameters enabled ("Use gpu: [1]" -> "gpu", "Use NNAPI: [1]" -> "nnapi",
  // "Use Hexagon: [1]" -> "hexagon"), and its line; absent: the CPU (XNNPACK or built-in kernels).
  std::optional<std::string> delegate;
  int delegate_line = 0;
};

// Parses the log text of file `file` (the name diagnostics use). Every problem found — empty text,
// no summary line (truncated log), several runs in one log, a timed run without statistics or with
// count=0, numbers that do not parse or are negative or not finite, statistics that disagree with
// the summary, "Benchmarking failed" — is reported with its line, all in one ConfigError.
BenchmarkLog parse_benchmark_log_text(const std::string& text, const std::string& file);

// Reads `path` (at most 64 MiB; unreadable: ConfigError) and parses it as above.
BenchmarkLog parse_benchmark_log(const std::string& path);

// ---- Planning an import ----------------------------------------------------------------------

// Which profile the log measured, and where the data lives.
struct ImportRequest {
  std::string soc;
  std::string variant;
  std::string precision;  // "fp32", "fp16", "dr8", "fx8" or "ffx8"
  std::string engine;     // a processor name of the SoC
  int threads = 0;        // CPU engines: required, 1..cores; accelerators: 0
  std::string models_dir = "models";
  std::string socs_dir;  // empty: default_socs_dir(models_dir)
};

// The result of planning: the whole new profiles file, validated, not yet written.
struct ImportPlan {
  enum class Action {
    kUpdated,   // the (variant, precision, engine, threads) entry existed and was replaced in place
    kInserted,  // new entry at its sorted position (the file was sorted: see plan_profile_import)
    kAppended,  // new entry at the end (the file was not sorted)
    kCreated,   // the SoC had no profiles file yet
  };
  std::string profiles_file;  // <models_dir>/profiles/<soc>.json
  std::string text;           // the new file, 2-space indented, ending in a newline
  std::string entry_text;     // the new entry as it appears in `text` (unindented)
  std::string entry_pointer;  // "/profiles/17"
  Action action = Action::kInserted;
  std::vector<std::string> warnings;  // doubts that do not stop the import (delegate vs engine, ...)

  // Where the family file states this build's load time and memory on the engine's kind, with the
  // values it states now (absent: no entry), for the note suggesting the measured values.
  std::string family_file;
  std::string build_pointer;  // "/variants/0/precisions/1"
  std::string engine_kind;    // "gpu"
  std::optional<double> family_load_ms;
  std::optional<double> family_memory_mib;
};

const char* to_string(ImportPlan::Action a);  // "updated", "inserted", "appended", "created"

// Checks the request against the SoC file and the model library (both loaded and validated as
// socsim loads them), turns the log into a profile entry and places it in the SoC's profiles file:
//   - the entry: variant, precision, engine, threads (CPU only), latency_ms = the timed run's avg,
//     latency_sd_ms = its std (left out when the log has no statistics line: a warning says so),
//     bandwidth_gbps (see below), source "imported from <log file name> (TFLite benchmark_model) on
//     <soc> ...", "estimated": false and no method; times rounded to 0.1 us;
//   - an existing entry of the same (variant, precision, engine, threads) is replaced in place;
//     otherwise the new entry goes to its sorted position when the file is sorted by (variant in
//     library order, precision fp32 < fp16 < dr8 < fx8 < ffx8, engine in SoC order, threads) — the
//     order every shipped file has — and is appended at the end when the file is not sorted;
//   - bandwidth_gbps keeps the bytes per inference of the entry replaced, or of the nearest entry of
//     the same variant, precision and engine (other threads): bandwidth x old latency / new latency.
//     With neither, it is left out (0: no DRAM contention modelled for the design);
//   - the rest of the file (order, keys, other entries) is kept; it is written with 2-space
//     indentation like the shipped files, so an unchanged document re-renders byte-identically.
// The new text is then re-validated together with the whole library and the SoC — the checks the
// loader applies, reported against the profiles file — before it is returned. The log's threads
// ("Num threads: [N]") must match `threads` for CPU engines.
ImportPlan plan_profile_import(const BenchmarkLog& log, const ImportRequest& request);

}  // namespace socsim::config
