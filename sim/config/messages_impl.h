// Private to sim/config: small pieces of diagnostic text shared by every checker.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace socsim::config {

// `"text"`, as names and string values appear in messages.
std::string quote(std::string_view text);

// "a, b, c".
std::string join(const std::vector<std::string>& items);

// The text between the first and the last single quote of a library's message ("fps" in
// "Missing required property 'fps'."), else the whole message.
std::string single_quoted(const std::string& message);

// A number as the user would write it: shortest text that reads back the same ("0.5", "1800").
std::string number_text(double v);

// `unknown <what> "<name>" (...)`: lists the known names (sorted) when there are few, else says how
// many there are and suggests the nearest by edit distance.
std::string unknown_name(std::string_view what, const std::string& name, std::vector<std::string> known);

}  // namespace socsim::config
