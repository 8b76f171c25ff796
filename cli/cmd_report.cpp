// socsim report PATH [-o FILE] [--window A:B]
// One self-contained HTML page (report_page.h) for a run's trace (report_run.h), a compare
// directory or a sweep directory (report_sweep.h). Bad input — PATH missing, not a socsim trace,
// not a complete sweep — exits 2 and writes nothing; the page is published atomically.
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/report_page.h"
#include "cli/report_run.h"
#include "cli/report_sweep.h"
#include "sim/core/error.h"
#include "sim/trace_hdf5/durable_file.h"
#include "sim/trace_hdf5/trace_reader.h"

namespace socsim::cli {

namespace fs = std::filesystem;

int cmd_report(const Args& args) {
  po::options_description desc("options");
  std::string path, output, window;
  desc.add_options()("path", po::value(&path)->required(), "a trace (.h5), a compare directory or a sweep directory")(
      "output,o", po::value(&output), "HTML file to write (default: TRACE with .html, or DIR/report.html)")(
      "window", po::value(&window), "the timeline's A:B seconds of simulated time (traces only; default 0:2)");
  po::positional_options_description pos;
  pos.add("path", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim report PATH [-o FILE] [--window A:B]", desc, pos, vm)) return exit_code::kOk;

  std::error_code ec;
  if (!fs::exists(path, ec))
    throw ConfigError({{path, "", "no such file or directory (expected a socsim trace .h5, a compare directory or a "
                                  "sweep directory)"}});
  const bool is_dir = fs::is_directory(path, ec);
  if (is_dir && vm.count("window")) throw UsageError("--window: applies to a trace, not to a directory");
  RunReportOptions opts;
  if (vm.count("window")) {
    try {
      opts.timeline = trace::parse_time_window(window);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--window: ") + e.what());
    }
  }

  std::string title, data;
  if (is_dir) {
    const bool compare = fs::exists(fs::path(path) / "compare-campaign.json", ec);
    data = sweep_report_data(path, compare);
    title = std::string(compare ? "socsim compare " : "socsim sweep ") + fs::path(path).lexically_normal().generic_string();
  } else {
    const trace::TraceReader trace(path);  // not a socsim trace: ConfigError naming the file
    const auto attrs = trace.root_attributes();
    const auto text = [&](const char* name) { return trace::attribute_text(attrs, name).value_or("?"); };
    data = run_report_data(trace, opts);
    title = "socsim run " + text("scenario") + " on " + text("soc") + " | " + text("scheduler") + " | seed " + text("seed");
  }
  if (output.empty()) output = is_dir ? (fs::path(path) / "report.html").string() : fs::path(path).replace_extension(".html").string();
  if (fs::exists(output, ec) && fs::equivalent(output, path, ec))
    throw UsageError("the output " + output + " is the input itself; choose another with -o");
  const std::string html = render_report_page(title, data);
  trace::publish_text(output, html);
  std::cout << "report " << output << " (" << (html.size() + 1023) / 1024 << " KiB)\n";
  return exit_code::kOk;
}

}  // namespace socsim::cli
