// Messages for a name that is not known (a scheduler, parameter, SoC, command-line choice, ...):
// they list the known names and suggest the closest one, so a typo is fixed from the message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace socsim {

// Levenshtein distance: insertions, deletions and substitutions each cost 1.
size_t edit_distance(std::string_view a, std::string_view b);

// The known name closest to `name` by edit distance (the first of equals); empty when `known` is.
std::string nearest_name(std::string_view name, const std::vector<std::string>& known);

// `unknown WHAT "NAME" (expected one of: a, b, c; did you mean "b"?)`. The known names are sorted
// and listed in full up to 20 (beyond that, only their number); "did you mean" names the nearest
// when it is close and unambiguous (the only known name the name is a prefix of; else the nearest by
// edit distance, at most max(2, a third of the name's length), with no other as near), and always
// (the nearest) when the list is not shown.
std::string unknown_name(std::string_view what, std::string_view name, std::vector<std::string> known);

}  // namespace socsim
