#include "cli/report_page.h"

#include <stdexcept>

#include "sim/core/version.h"

namespace socsim::cli {
namespace {

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view asset(std::string_view name) {
  const std::string_view a = report_asset(name);
  if (a.empty()) throw std::logic_error("socsim report: asset " + std::string(name) + " is not embedded");
  return a;
}

}  // namespace

std::string render_report_page(const std::string& title, std::string_view data_json) {
  std::string data;
  data.reserve(data_json.size());
  for (char c : data_json) {
    if (c == '<') data += "\\u003c";
    else data += c;
  }
  const std::string escaped_title = html_escape(title);
  // One pass over the template: inserted text is never scanned for placeholders again.
  const std::string_view tpl = asset("report.html");
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t at = tpl.find("@@", pos);
    if (at == std::string_view::npos) break;
    const size_t end = tpl.find("@@", at + 2);
    if (end == std::string_view::npos) throw std::logic_error("report.html: unclosed placeholder");
    out.append(tpl.substr(pos, at - pos));
    const std::string_view name = tpl.substr(at + 2, end - at - 2);
    if (name == "TITLE") out += escaped_title;
    else if (name == "DATA") out += data;
    else if (name == "GENERATOR") out += html_escape(std::string("socsim ") + version() + " (" + git_commit() + ")");
    else if (name == "STYLE") out += asset("report.css");
    else if (name == "REPORT_JS") out += asset("report.js");
    else if (name == "UPLOT_CSS") out += asset("uPlot.min.css");
    else if (name == "UPLOT_JS") out += asset("uPlot.iife.min.js");
    else throw std::logic_error("report.html: unknown placeholder " + std::string(name));
    pos = end + 2;
  }
  out.append(tpl.substr(pos));
  return out;
}

}  // namespace socsim::cli
