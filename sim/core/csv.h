// CSV as socsim writes it: the one writer behind every CSV file and `--format csv` output
// (run, solve, compare.csv, runs.csv, summary.csv, sweep --dry-run), and the one reader (the
// report's summary.csv, calibrate's measurement files).
//
// Text cells follow RFC 4180: a cell holding a comma, a double quote, CR or LF is quoted, inner
// quotes doubled (so a path with a comma round-trips through pandas). A text cell that a
// spreadsheet would run as a formula (first character = + - @, tab or CR) gets a leading
// apostrophe, the OWASP "CSV injection" defence — unless the whole cell is a number (-1.5 stays
// -1.5). Number cells are never escaped; a non-finite number is an empty cell (pandas: NaN).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace socsim {

// One text cell, escaped as above.
std::string csv_cell(std::string_view text);

class CsvRow {
 public:
  CsvRow& text(std::string_view s);
  // A number: %.{digits}g (0: the shortest text that reads back exactly), or `decimals` after
  // the point. An empty cell when not finite.
  CsvRow& num(double v, int digits = 0);
  CsvRow& fixed(double v, int decimals);
  template <typename I>
    requires std::is_integral_v<I>
  CsvRow& integer(I v) {
    return raw(std::to_string(v));
  }
  CsvRow& empty() { return raw(""); }
  // The row's line, ending with '\n'.
  std::string line() const { return line_ + "\n"; }

 private:
  CsvRow& raw(const std::string& cell);
  std::string line_;
  bool first_ = true;
};

// One record read back, with the 1-based line it starts on (which diagnostics name).
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// The RFC 4180 records of CSV text: a field that starts with a double quote may hold commas,
// doubled quotes, CR and LF; records end at LF or CRLF; blank lines are skipped. An unterminated
// quoted field throws ConfigError naming file:line of its record.
std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file);

}  // namespace socsim
