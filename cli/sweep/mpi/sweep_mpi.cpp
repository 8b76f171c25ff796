// The MPI backend of socsim sweep (built only when CMake finds MPI; see cli/sweep/sweep.h).
//
// A dynamic work queue: rank 0 prepares DIR, then answers each worker's message — "ready" or
// "run i ended with exit code c" — with the next run index, or with a stop. Workers run each run
// as a `socsim run` child through the same process pool as the local backend. Rank 0 alone writes
// the manifest and the progress line. Rank 0 polls (MPI_Iprobe and a short sleep) rather than
// blocking in MPI_Recv, which in Open MPI spins a core that the workers' children need.
#include <mpi.h>
#include <fmt/format.h>

#include <chrono>
#include <deque>
#include <iostream>
#include <thread>

#include "cli/sweep/sweep.h"
#include "sim/core/error.h"

namespace socsim::cli {
namespace {

constexpr int kTagResult = 1;  // worker -> root: {index or -1 (ready), exit code}
constexpr int kTagWork = 2;    // root -> worker: {index or -1 (stop)}

struct Session {
  Session() {
    int ready = 0;
    MPI_Initialized(&ready);
    if (!ready) MPI_Init(nullptr, nullptr);
  }
  ~Session() {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }
};

void send_work(int worker, long long index) { MPI_Send(&index, 1, MPI_LONG_LONG, worker, kTagWork, MPI_COMM_WORLD); }

}  // namespace

bool mpi_available() { return true; }

MpiResult dispatch_mpi(const std::string& dir, const Sweep& sweep, const std::string& exe,
                       const std::function<std::vector<size_t>()>& prepare) {
  Session session;
  MpiResult out;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &out.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  if (out.rank != 0) {  // a worker
    long long msg[2] = {-1, 0};
    for (;;) {
      MPI_Send(msg, 2, MPI_LONG_LONG, 0, kTagResult, MPI_COMM_WORLD);
      long long index = -1;
      MPI_Recv(&index, 1, MPI_LONG_LONG, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
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
      MPI_Recv(msg, 2, MPI_LONG_LONG, w, kTagResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
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
      int pending = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, kTagResult, MPI_COMM_WORLD, &pending, &status);
      if (!pending) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        continue;
      }
      long long msg[2];
      MPI_Recv(msg, 2, MPI_LONG_LONG, status.MPI_SOURCE, kTagResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (msg[0] >= 0) finished(static_cast<size_t>(msg[0]), static_cast<int>(msg[1]));
      if (queue.empty()) {
        send_work(status.MPI_SOURCE, -1);
        --active;
      } else {
        send_work(status.MPI_SOURCE, static_cast<long long>(queue.front()));
        queue.pop_front();
      }
    }
  }
  out.failures = progress.failures();
  return out;
}

}  // namespace socsim::cli
