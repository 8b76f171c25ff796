#include "sim/core/csv.h"

#include <charconv>
#include <cmath>

namespace socsim {
namespace {

bool is_number(std::string_view s) {
  double v = 0;
  const char* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, v);
  return ec == std::errc() && p == end;
}

std::string number_text(double v, std::chars_format format, int precision) {
  char buf[512];
  const auto r = precision < 0 ? std::to_chars(buf, buf + sizeof buf, v) : std::to_chars(buf, buf + sizeof buf, v, format, precision);
  return std::string(buf, r.ptr);
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
  return raw(number_text(v, std::chars_format::general, digits > 0 ? digits : -1));
}

CsvRow& CsvRow::fixed(double v, int decimals) {
  return raw(std::isfinite(v) ? number_text(v, std::chars_format::fixed, decimals) : "");
}

}  // namespace socsim
