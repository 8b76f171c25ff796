#include "sim/cli/csv.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace socsim::cli {
namespace {

bool is_number(std::string_view s) {
  double v = 0;
  const char* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, v);
  return ec == std::errc() && p == end;
}

}  // namespace

std::string csv_cell(std::string_view s) {
  std::string cell(s);
  if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos && !is_number(cell))
    cell.insert(cell.begin(), '\'');
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

CsvRow& CsvRow::raw(const std::string& cell) {
  if (!first_) line_ += ',';
  line_ += cell;
  first_ = false;
  return *this;
}

CsvRow& CsvRow::text(std::string_view s) { return raw(csv_cell(s)); }

CsvRow& CsvRow::num(double v, int digits) {
  if (!std::isfinite(v)) return raw("");
  return raw(digits > 0 ? fmt::format("{:.{}g}", v, digits) : fmt::format("{}", v));
}

CsvRow& CsvRow::fixed(double v, int decimals) { return raw(std::isfinite(v) ? fmt::format("{:.{}f}", v, decimals) : ""); }

}  // namespace socsim::cli
