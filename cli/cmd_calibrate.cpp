// socsim calibrate [--measurements DIR] [--socs DIR] [--write FILE] [--report FILE] [--check] [--format md|json|loo]
// Fits the calibration model (sim/calib/fit.h) to the public measurements, cross-validates it
// leave-one-out and prints the report (Markdown), the fitted parameters (JSON) or every point's
// leave-one-out prediction (CSV). --write and
// --report replace those files atomically; --check compares them instead (exit 1 if out of date).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/options.h"
#include "sim/calib/fit.h"
#include "sim/calib/measurements.h"
#include "sim/calib/report.h"
#include "sim/core/error.h"
#include "sim/library/profile_import.h"

namespace socsim::cli {
namespace {

std::string read_or_empty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw IoError("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw IoError("cannot rename " + tmp + " to " + path);
}

}  // namespace

int cmd_calibrate(const Args& args) {
  std::string meas_dir = "models/measurements", socs_dir = "socs", write, report, format = "md";
  bool check = false;
  po::options_description desc("options");
  desc.add_options()
      ("measurements", po::value(&meas_dir), "folder of latency.csv, socs.csv, models.csv (default models/measurements)")
      ("socs", po::value(&socs_dir), "SoC preset folder (default socs)")
      ("write", po::value(&write), "write the fitted parameters (JSON) to FILE")
      ("report", po::value(&report), "write the cross-validation report (Markdown) to FILE")
      ("check", po::bool_switch(&check), "compare --write/--report with the files instead; exit 1 if they differ")
      ("format", po::value(&format), "what to print: md (the report, default), json (the fitted parameters) or loo (every point's "
       "leave-one-out prediction, CSV)");
  po::variables_map vm;
  if (!parse_args(args, "socsim calibrate [options]", desc, {}, vm)) return exit_code::kOk;
  if (format != "md" && format != "json" && format != "loo")
    throw UsageError("--format: \"" + format + "\" (expected md, json or loo)");
  if (check && write.empty() && report.empty()) throw UsageError("--check needs --write and/or --report");

  std::map<std::string, spec::Soc> presets;
  for (const auto& name : config::soc_names(socs_dir)) presets.emplace(name, config::load_soc_named(socs_dir, name));
  if (presets.empty()) throw ConfigError({{socs_dir, "", "no SoC files here (expected socs/*.json)", 0}});

  const auto set = calib::load_measurements(meas_dir, presets);
  const auto cal = calib::calibrate(set);
  const std::string json = calib::fitted_json(cal), md = calib::markdown_report(cal, set, presets);

  int rc = exit_code::kOk;
  for (const auto& [path, text] : {std::pair{write, json}, std::pair{report, md}}) {
    if (path.empty()) continue;
    if (!check) write_atomically(path, text);
    else if (read_or_empty(path) != text) {
      std::cerr << "socsim calibrate: " << path << " is out of date (run without --check to rewrite it)\n";
      rc = 1;
    }
  }
  if (!check) std::cout << (format == "json" ? json : format == "loo" ? calib::loo_csv(cal) : md);
  return rc;
}

}  // namespace socsim::cli
