// socsim version   and the provenance of the whole command line.
#include <iostream>

#include "cli/commands.h"
#include "sim/core/error.h"
#include "sim/core/version.h"

namespace socsim::cli {
namespace {
std::string g_command_line;

std::string quote(const std::string& arg) {
  if (!arg.empty() && arg.find_first_of(" \t\n'\"\\$`*?;&|<>()") == std::string::npos) return arg;
  std::string out = "'";
  for (char c : arg) out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

void set_command_line(int argc, char** argv) {
  g_command_line.clear();
  for (int i = 0; i < argc; ++i) g_command_line += (i ? " " : "") + quote(argv[i]);
}

const std::string& command_line() { return g_command_line; }

int cmd_version(const Args&) {
  std::cout << "socsim " << version() << " (git " << git_commit() << ")\n";
  return exit_code::kOk;
}

}  // namespace socsim::cli
