#include "sim/core/error.h"

namespace socsim {

std::string Diagnostic::format() const {
  std::string out;
  out.append(file);
  if (line > 0) out.append(":").append(std::to_string(line));
  out.append(": error: ");
  if (!pointer.empty()) out.append(pointer).append(": ");
  out.append(message);
  return out;
}

static std::string join(const std::vector<Diagnostic>& diags) {
  std::string all;
  for (const auto& d : diags) {
    if (!all.empty()) all += '\n';
    all += d.format();
  }
  return all;
}

ConfigError::ConfigError(std::vector<Diagnostic> diags)
    : std::runtime_error(join(diags)), diags_(std::move(diags)) {}

}  // namespace socsim
