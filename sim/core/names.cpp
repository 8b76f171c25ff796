#include "sim/core/names.h"

#include <algorithm>

namespace socsim {
namespace {

constexpr size_t kMaxListed = 20;

std::string quoted(std::string_view s) {
  std::string out(1, '"');
  out.append(s);
  return out.append(1, '"');
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

std::string nearest_name(std::string_view name, const std::vector<std::string>& known) {
  if (known.empty()) return {};
  return *std::min_element(known.begin(), known.end(), [&](const auto& x, const auto& y) {
    return edit_distance(name, x) < edit_distance(name, y);
  });
}

std::string unknown_name(std::string_view what, std::string_view name, std::vector<std::string> known) {
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  std::string out = "unknown " + std::string(what) + " " + quoted(name);
  if (known.empty()) return out + " (there are no " + std::string(what) + "s)";
  const std::string best = nearest_name(name, known);
  const size_t d = edit_distance(name, best);
  const auto ties = std::count_if(known.begin(), known.end(), [&](const auto& k) { return edit_distance(name, k) == d; });
  const auto prefixed = std::count_if(known.begin(), known.end(), [&](const auto& k) { return !name.empty() && k.starts_with(name); });
  std::string suggestion;
  if (prefixed == 1) suggestion = *std::find_if(known.begin(), known.end(), [&](const auto& k) { return k.starts_with(name); });
  else if (d <= std::max<size_t>(2, name.size() / 3) && ties == 1) suggestion = best;
  if (known.size() > kMaxListed)
    return out + " (none of the " + std::to_string(known.size()) + " known " + std::string(what) + "s; did you mean " +
           quoted(suggestion.empty() ? best : suggestion) + "?)";
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  return out + " (expected one of: " + list + (suggestion.empty() ? "" : "; did you mean " + quoted(suggestion) + "?") + ")";
}

}  // namespace socsim
