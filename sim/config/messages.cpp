#include <fmt/format.h>

#include <algorithm>

#include "sim/config/messages_impl.h"

namespace socsim::config {
std::string quote(std::string_view text) { return fmt::format("\"{}\"", text); }

std::string join(const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, ", ")); }

std::string single_quoted(const std::string& message) {
  auto open = message.find('\'');
  auto close = message.rfind('\'');
  return open == std::string::npos || close <= open ? message : message.substr(open + 1, close - open - 1);
}

std::string number_text(double v) { return fmt::format("{}", v); }

}  // namespace socsim::config
