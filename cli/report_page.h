// The page of `socsim report`: the template cli/report_assets/report.html with its style
// (report.css), its scripts (report.js and the vendored uPlot, third_party/uplot/) and the report's
// data inlined, all embedded into the binary at build time (cmake/embed_report_assets.cmake).
//
// Contract: the result is one self-contained HTML document; its Content-Security-Policy forbids
// every network access. `data_json` must be a JSON object (report.js documents the members it
// reads: `kind` "run", "compare" or "sweep", and that kind's sections); it is embedded unchanged
// except that each '<' becomes \u003c, so no value can close the script element holding it.
#pragma once

#include <string>
#include <string_view>

namespace socsim::cli {

std::string render_report_page(const std::string& title, std::string_view data_json);

// An embedded asset by file name ("report.html", "uPlot.iife.min.js", ...); empty if unknown.
// Defined in the generated file of cmake/embed_report_assets.cmake.
std::string_view report_asset(std::string_view name);

}  // namespace socsim::cli
