#include "cli/sweep/process_pool.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string_view>

#include "sim/core/error.h"
#include "sim/trace_hdf5/durable_file.h"

extern char** environ;

namespace socsim::cli {
namespace {

constexpr const char* kParentVariable = "SOCSIM_PARENT_PID";

// This process's environment plus SOCSIM_PARENT_PID=<this pid> (see die_with_parent()).
std::vector<std::string> child_environment() {
  std::vector<std::string> env;
  const std::string prefix = std::string(kParentVariable) + "=";
  for (char** e = environ; *e; ++e)
    if (!std::string_view(*e).starts_with(prefix)) env.emplace_back(*e);
  env.push_back(prefix + std::to_string(::getpid()));
  return env;
}

std::vector<char*> pointers(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// Starts `run` with stdout and stderr on `log` (its temporary, published when the child ends).
pid_t spawn(const ChildRun& run, const trace::PendingOutput& log, const std::vector<std::string>& env) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, log.fd(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, log.fd(), STDERR_FILENO);
  if (!run.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, run.cwd.c_str());  // glibc >= 2.29
  std::vector<char*> argv = pointers(run.argv), envp = pointers(env);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw IoError("cannot start " + run.argv[0] + ": " + std::strerror(rc));
  return pid;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

std::vector<int> run_children(const std::vector<ChildRun>& runs, int jobs,
                              const std::function<void(size_t, int)>& on_done) {
  std::vector<int> codes(runs.size(), -1);
  struct Running {
    size_t index;
    std::unique_ptr<trace::PendingOutput> log;
  };
  std::map<pid_t, Running> running;
  const std::vector<std::string> env = child_environment();
  size_t next = 0;
  while (next < runs.size() || !running.empty()) {
    while (next < runs.size() && static_cast<int>(running.size()) < std::max(1, jobs)) {
      auto log = std::make_unique<trace::PendingOutput>(runs[next].log_path, trace::Contention::kRefuse);
      const pid_t pid = spawn(runs[next], *log, env);
      running[pid] = {next, std::move(log)};
      ++next;
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw IoError(std::string("waiting for child runs: ") + std::strerror(errno));
    }
    auto it = running.find(pid);
    if (it == running.end()) continue;
    const size_t i = it->second.index;
    try {
      it->second.log->publish();
    } catch (const IoError& e) {  // the run's result stands without its log
      std::cerr << "socsim: warning: the log of a run was not kept: " << e.what() << "\n";
    }
    codes[i] = exit_code_of(status);
    running.erase(it);
    if (on_done) on_done(i, codes[i]);
  }
  return codes;
}

void die_with_parent() {
  const char* parent = std::getenv(kParentVariable);
  if (parent == nullptr) return;
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  // The parent may have died before prctl: then this process was re-parented already.
  if (std::to_string(::getppid()) != parent) ::raise(SIGTERM);
}

std::string self_executable() {
  std::error_code ec;
  const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw IoError("cannot find the socsim executable (/proc/self/exe): " + ec.message());
  return p.string();
}

}  // namespace socsim::cli
