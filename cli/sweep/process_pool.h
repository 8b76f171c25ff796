// Runs child processes, at most `jobs` at once: how compare (and later sweeps) run many
// simulations in parallel. Each run is its own process, so runs share no state (HDF5 included)
// and their results cannot depend on how many run at once.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace socsim::cli {

struct ChildRun {
  std::vector<std::string> argv;  // argv[0] is the executable
  std::string log_path;           // the child's stdout and stderr go here
  std::string cwd = {};                // the child's working directory; empty: this process's
};

// Runs every child; returns their exit codes in order (128 + signal number when killed by one).
// `on_done(i, code)` is called as each finishes. Throws IoError when a child cannot be started.
std::vector<int> run_children(const std::vector<ChildRun>& runs, int jobs,
                              const std::function<void(size_t, int)>& on_done = {});

// This executable's path (for re-invoking socsim as a child).
std::string self_executable();

}  // namespace socsim::cli
