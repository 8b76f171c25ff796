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
  std::string log_path;           // the child's stdout and stderr go here (through a temporary,
                                  // durable_file.h, published when the child ends)
  std::string cwd = {};                // the child's working directory; empty: this process's
};

// Runs every child; returns their exit codes in order (128 + signal number when killed by one).
// `on_done(i, code)` is called as each finishes. Throws IoError when a child cannot be started or
// its log cannot be created (another process writing it included); a log that cannot be published
// when its child ends is reported on stderr, not fatal. Children get the environment
// variable SOCSIM_PARENT_PID, so that die_with_parent() ties their lifetime to this process.
std::vector<int> run_children(const std::vector<ChildRun>& runs, int jobs,
                              const std::function<void(size_t, int)>& on_done = {});

// Called first by every socsim process: a child started by run_children() asks the kernel for
// SIGTERM when its parent dies (PR_SET_PDEATHSIG), so killing a sweep stops its runs (a run stops
// at its next event boundary, keeping only an interrupted trace). Does nothing otherwise.
void die_with_parent();

// This executable's path (for re-invoking socsim as a child).
std::string self_executable();

}  // namespace socsim::cli
