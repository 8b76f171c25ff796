// Runs a sink's HDF5 jobs one at a time, in submission order, each under the HDF5 library lock:
// either inline on the caller's thread or on one background thread fed by a bounded queue. Both
// modes run the same jobs in the same order, so they produce the same bytes.
//
// Idle work: a background queue may be given an idle job, run on its thread (outside the HDF5
// lock) whenever it runs out of jobs after running at least one; drain() waits for it too.
//
// Errors: the first job (or idle job) that throws stops the queue; later jobs are dropped, and
// submit() and drain() rethrow that error in the caller's thread (HDF5 failures as
// socsim::IoError naming `file`). Sticky: every later call rethrows it too.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace socsim::trace {

class WriteQueue {
 public:
  using Job = std::function<void()>;

  // `file` names the file in error messages; `max_pending` (>= 1) bounds queued jobs; `idle`
  // (background only, may be empty) is the idle job.
  WriteQueue(std::string file, bool background, size_t max_pending, Job idle = {});
  ~WriteQueue();  // stop()
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Queues (background) or runs (inline) `job`. Waits while max_pending jobs are queued.
  void submit(Job job);
  // Returns once every submitted job has run.
  void drain();
  // Drops queued jobs, waits for a running one and ends the thread. Idempotent; after it,
  // submit() throws std::logic_error.
  void stop() noexcept;

 private:
  void run(Job& job, bool hdf5) noexcept;  // under the HDF5 lock if `hdf5`; records the first error
  void loop();
  void rethrow_error();  // requires mutex_ held

  std::string file_;
  size_t max_pending_;
  std::mutex mutex_;
  std::condition_variable changed_;  // queue, busy_, stopping_ or error_ changed
  std::deque<Job> queue_;
  Job idle_;
  bool busy_ = false;
  bool stopping_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace socsim::trace
