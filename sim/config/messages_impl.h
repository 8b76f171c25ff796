// Private to sim/config: small pieces of diagnostic text shared by every checker.
#pragma once

#include "sim/core/names.h"  // unknown_name: the message for a name that is not known

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

}  // namespace socsim::config
