// Text tables that fit the terminal: each column as wide as its widest cell; a table wider than
// the terminal is split into column blocks printed one below the other, each block repeating the
// key columns (e.g. scheduler and SoC) so every row stays identifiable.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace socsim::cli {

// The width tables must fit: stdout's terminal width when stdout is a terminal, else $COLUMNS
// when set to a number, else 0 (no limit: pipes and files get one block).
size_t terminal_width();

class TextTable {
 public:
  // Column headers; the first `key_columns` are left-aligned and repeated in every block, the
  // others right-aligned.
  TextTable(std::vector<std::string> header, size_t key_columns);
  void add_row(std::vector<std::string> cells);  // as many cells as headers
  // Prints the table within `width` characters (0: no limit). A block holds the key columns and
  // as many further columns as fit, at least one.
  void print(std::ostream& out, size_t width) const;

 private:
  std::vector<std::string> header_;
  size_t keys_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace socsim::cli
