// The socsim subcommands. Each takes the arguments after its name and returns an exit code;
// errors are thrown (ConfigError -> 2, IoError -> 3, RunError -> 1) and mapped in main.cpp.
#pragma once

#include <string>
#include <vector>

namespace socsim::cli {

using Args = std::vector<std::string>;

// The whole command line as typed, for provenance.
void set_command_line(int argc, char** argv);
const std::string& command_line();

int cmd_run(const Args& args);
int cmd_validate(const Args& args);
int cmd_schema(const Args& args);
int cmd_version(const Args& args);
int cmd_list(const Args& args);
int cmd_export(const Args& args);
int cmd_profile(const Args& args);
int cmd_solve(const Args& args);
int cmd_compare(const Args& args);
int cmd_sweep(const Args& args);
int cmd_merge(const Args& args);

}  // namespace socsim::cli
