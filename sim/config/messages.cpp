#include <fmt/format.h>

#include <algorithm>

#include "sim/config/messages_impl.h"

namespace socsim::config {
namespace {

// Known names listed in full up to this many; beyond it, only the nearest is suggested.
constexpr size_t kMaxListed = 12;

// Levenshtein distance: insertions, deletions and substitutions each cost 1.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

std::string nearest(const std::string& name, const std::vector<std::string>& known) {
  return *std::min_element(known.begin(), known.end(), [&](const auto& x, const auto& y) {
    return edit_distance(name, x) < edit_distance(name, y);
  });
}

}  // namespace

std::string quote(std::string_view text) { return fmt::format("\"{}\"", text); }

std::string join(const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, ", ")); }

std::string single_quoted(const std::string& message) {
  auto open = message.find('\'');
  auto close = message.rfind('\'');
  return open == std::string::npos || close <= open ? message : message.substr(open + 1, close - open - 1);
}

std::string number_text(double v) { return fmt::format("{}", v); }

std::string unknown_name(std::string_view what, const std::string& name, std::vector<std::string> known) {
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  std::string head = fmt::format("unknown {} {}", what, quote(name));
  if (known.empty()) return fmt::format("{} (there are no {}s)", head, what);
  if (known.size() <= kMaxListed) return fmt::format("{} (expected one of: {})", head, join(known));
  return fmt::format("{} (none of the {} known {}s; did you mean {}?)", head, known.size(), what,
                     quote(nearest(name, known)));
}

}  // namespace socsim::config
