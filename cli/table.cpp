#include "cli/table.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace socsim::cli {
namespace {

// Display width of UTF-8 text: code points, not bytes (± and µ are one column each).
size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(const std::string& s, size_t width, bool left) {
  const size_t w = display_width(s);
  const std::string fill(width > w ? width - w : 0, ' ');
  return left ? s + fill : fill + s;
}

}  // namespace

size_t terminal_width() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const long v = std::strtol(c, &end, 10);
    if (end != c && *end == '\0' && v > 0) return static_cast<size_t>(v);
  }
  return 0;
}

TextTable::TextTable(std::vector<std::string> header, size_t key_columns)
    : header_(std::move(header)), keys_(std::min(key_columns, header_.size())) {}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(header_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out, size_t width) const {
  std::vector<size_t> w(header_.size());
  for (size_t c = 0; c < header_.size(); ++c) {
    w[c] = display_width(header_[c]);
    for (const auto& r : rows_) w[c] = std::max(w[c], display_width(r[c]));
  }
  size_t key_width = 0;
  for (size_t c = 0; c < keys_; ++c) key_width += w[c] + (c ? 2 : 0);
  // Blocks of non-key columns: [first, last).
  std::vector<std::pair<size_t, size_t>> blocks;
  for (size_t c = keys_; c < header_.size();) {
    size_t used = key_width, last = c;
    while (last < header_.size() && (last == c || width == 0 || used + 2 + w[last] <= width)) used += 2 + w[last++];
    blocks.emplace_back(c, last);
    c = last;
  }
  if (blocks.empty()) blocks.emplace_back(keys_, keys_);
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (b) out << "\n";
    const auto line = [&](const std::vector<std::string>& cells) {
      std::string text;
      for (size_t c = 0; c < keys_; ++c) text += (c ? "  " : "") + pad(cells[c], w[c], true);
      for (size_t c = blocks[b].first; c < blocks[b].second; ++c) text += (text.empty() ? "" : "  ") + pad(cells[c], w[c], false);
      while (!text.empty() && text.back() == ' ') text.pop_back();
      out << text << "\n";
    };
    line(header_);
    for (const auto& r : rows_) line(r);
  }
}

}  // namespace socsim::cli
