// socsim export TRACE [--format chrome] [-o FILE|-] [--window A:B]
// Converts an HDF5 trace into a timeline for Perfetto UI (sim/trace_hdf5/chrome_export.h has the
// mapping). Exit codes: 2 for a bad trace or bad options, 3 when the output cannot be written.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <type_traits>

#include "cli/commands.h"
#include "cli/options.h"
#include "sim/core/error.h"
#include "sim/trace_hdf5/chrome_export.h"
#include "sim/trace_hdf5/durable_file.h"
#include "sim/trace_hdf5/trace_reader.h"

namespace socsim::cli {
namespace {

namespace fs = std::filesystem;

// Default output: the trace's path with the extension .json.
std::string default_output(const std::string& trace_path) {
  return fs::path(trace_path).replace_extension(".json").string();
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec) && !ec;
}

[[noreturn]] void write_failed(const std::string& path) {
  throw IoError(path + ": cannot write: " + std::strerror(errno ? errno : EIO));
}

// A window that holds no simulated time of the trace is a usage error, not an empty timeline.
void check_window(const trace::TraceReader& trace, const std::string& text, const trace::TimeWindow& w) {
  const auto end_ns = static_cast<int64_t>(trace::attribute_number(trace.group_attributes("summary"), "sim_time_ns").value_or(0));
  if (w.begin_ns < end_ns && w.end_ns > 0 && w.begin_ns < w.end_ns) return;
  throw UsageError(fmt::format("--window {}: outside the trace's simulated time, 0:{} s (expected a window that "
                               "overlaps it)",
                               text, static_cast<double>(end_ns) / 1e9));
}

}  // namespace

int cmd_export(const Args& args) {
  po::options_description desc("options");
  std::string trace_path, output, format, window;
  desc.add_options()("trace", po::value(&trace_path)->required(), "HDF5 trace written by socsim run")(
      "format", po::value(&format)->default_value("chrome"),
      "output format: chrome (Chrome Trace Event JSON, opened in Perfetto UI)")(
      "output,o", po::value(&output), "file to write (default: the trace's path with .json; - for stdout)")(
      "window", po::value(&window), "keep A:B seconds of simulated time, either side may be empty (e.g. 2:4, 10:)");
  po::positional_options_description pos;
  pos.add("trace", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim export TRACE [--format chrome] [-o FILE] [--window A:B]", desc, pos, vm))
    return exit_code::kOk;

  if (format != "chrome") throw UsageError("unknown --format \"" + format + "\" (expected: chrome)");
  trace::ChromeExportOptions opts;
  if (vm.count("window")) {
    try {
      opts.window = trace::parse_time_window(window);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--window: ") + e.what());
    }
  }

  const trace::TraceReader trace(trace_path);  // a bad trace throws ConfigError: exit 2
  if (vm.count("window")) check_window(trace, window, opts.window);
  if (output == "-") {
    std::cout.exceptions(std::ios::badbit | std::ios::failbit);
    try {
      trace::export_chrome(trace, std::cout, opts);
      std::cout.flush();
      std::cout.exceptions(std::ios::goodbit);
    } catch (const std::ios_base::failure&) {
      std::cout.exceptions(std::ios::goodbit);  // or the flush at exit throws again
      write_failed("stdout");
    }
    return exit_code::kOk;
  }

  const std::string path = output.empty() ? default_output(trace_path) : output;
  if (same_file(path, trace_path))
    throw UsageError("the output " + path + " is the trace itself; choose another with -o");
  trace::ChromeExportStats stats;
  trace::publish_stream(path, [&](std::ostream& out) { stats = trace::export_chrome(trace, out, opts); });
  std::cout << "timeline " << path << " (" << stats.slices << " slices, " << stats.counters << " counter values, "
            << stats.instants << " instants)\n";
  return exit_code::kOk;
}

}  // namespace socsim::cli
