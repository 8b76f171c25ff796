// The MPI backend of socsim sweep (built only when CMake finds MPI; see cli/sweep/sweep.h).
//
// A dynamic work queue: rank 0 prepares DIR, then answers each worker's message — "ready" or
// "run i ended with exit code c" — with the next run index, or with a stop. Workers run each run
// as a `socsim run` child through the same process pool as the local backend. Rank 0 alone writes
// the manifest and the progress line. Rank 0 polls (iprobe and a short sleep) rather than
// blocking in a receive, which in Open MPI spins a core that the workers' children need.
//
// MPI itself is reached through libsocsim_mpi.so (mpi_api.h), loaded from the executable's
// directory when this backend runs, so that no other command pays for loading Open MPI.
#include <dlfcn.h>
#include <fmt/format.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/sweep/mpi/mpi_api.h"
#include "cli/sweep/sweep.h"
#include "sim/core/error.h"

namespace socsim::cli {
namespace {

constexpr int kTagResult = 1;  // worker -> root: {index or -1 (ready), exit code}
constexpr int kTagWork = 2;    // root -> worker: {index or -1 (stop)}
constexpr const char* kModule = "libsocsim_mpi.so";

// Loads the module beside the running executable, once. RTLD_GLOBAL: Open MPI's own plugins
// resolve libmpi's symbols from the global scope.
const SocsimMpiApi& mpi() {
  static const SocsimMpiApi* api = [] {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::string path = ec ? std::string(kModule) : (exe.parent_path() / kModule).string();
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (!handle)
      throw UsageError(fmt::format("--backend mpi: cannot load the MPI module {}: {}", path, dlerror()));
    auto* get = reinterpret_cast<const SocsimMpiApi* (*)()>(dlsym(handle, "socsim_mpi_api"));
    if (!get || !get() || get()->version != kMpiApiVersion)
      throw UsageError(fmt::format("--backend mpi: {} is not this socsim's MPI module (rebuild socsim)", path));
    return get();
  }();
  return *api;
}

struct Session {
  Session() { mpi().init(); }
  ~Session() { mpi().finalize(); }
};

void send_work(int worker, long long index) { mpi().send(&index, 1, worker, kTagWork); }

}  // namespace

bool mpi_available() { return true; }

MpiResult dispatch_mpi(const std::string& dir, const Sweep& sweep, const std::string& exe,
                       const std::function<std::vector<size_t>()>& prepare) {
  Session session;
  MpiResult out;
  int size = 1;
  out.rank = mpi().rank();
  size = mpi().size();

  if (out.rank != 0) {  // a worker
    long long msg[2] = {-1, 0};
    for (;;) {
      mpi().send(msg, 2, 0, kTagResult);
      long long index = -1;
      mpi().recv(&index, 1, 0, kTagWork);
      if (index < 0) break;
      const auto codes = run_children({child_for(dir, sweep.runs[static_cast<size_t>(index)], exe)}, 1);
      msg[0] = index;
      msg[1] = codes[0];
    }
    return out;
  }

  std::vector<size_t> todo;
  try {
    todo = prepare();
  } catch (...) {
    // Stop every worker before reporting, so that none waits forever.
    for (int w = 1; w < size; ++w) {
      long long msg[2];
      mpi().recv(msg, 2, w, kTagResult);
      send_work(w, -1);
    }
    throw;
  }
  out.todo = todo.size();
  Progress progress(todo.size(), fmt::format("sweep (mpi, {} workers)", std::max(1, size - 1)));
  auto finished = [&](size_t index, int code) {
    record_run(dir, sweep, index, code);
    if (code != 0)
      std::cerr << fmt::format("socsim sweep: run {} ({}) failed (exit {}); log: {}/logs/{}.log\n", index,
                               sweep.runs[index].id, code, dir, sweep.runs[index].id);
    progress.done(code != 0);
  };

  if (size == 1) {  // no workers: run them here, one at a time
    std::vector<ChildRun> children;
    for (size_t i : todo) children.push_back(child_for(dir, sweep.runs[i], exe));
    run_children(children, 1, [&](size_t k, int code) { finished(todo[k], code); });
  } else {
    std::deque<size_t> queue(todo.begin(), todo.end());
    int active = size - 1;
    while (active > 0) {
      int pending = 0, source = 0;
      mpi().iprobe(kTagResult, &pending, &source);
      if (!pending) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        continue;
      }
      long long msg[2];
      mpi().recv(msg, 2, source, kTagResult);
      if (msg[0] >= 0) finished(static_cast<size_t>(msg[0]), static_cast<int>(msg[1]));
      if (queue.empty()) {
        send_work(source, -1);
        --active;
      } else {
        send_work(source, static_cast<long long>(queue.front()));
        queue.pop_front();
      }
    }
  }
  out.failures = progress.failures();
  return out;
}

}  // namespace socsim::cli
