#include "sim/core/csv.h"

#include "sim/core/error.h"

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

std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file) {
  std::vector<CsvRecord> out;
  CsvRecord rec;
  std::string field;
  bool quoted = false, in_record = false;
  int line = 1;
  auto end_field = [&] {
    rec.fields.push_back(field);
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    if (!(rec.fields.size() == 1 && rec.fields[0].empty())) out.push_back(rec);  // skip blank lines
    rec = CsvRecord{};
    in_record = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_record) {
      rec.line = line;
      in_record = true;
    }
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n') {
      end_record();
      ++line;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted) throw ConfigError({{file, "", "unterminated quoted field", rec.line}});
  if (in_record) end_record();
  return out;
}

}  // namespace socsim
