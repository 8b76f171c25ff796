#include "sim/trace_hdf5/write_queue.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "sim/core/error.h"
#include "sim/trace_hdf5/h5.h"

namespace socsim::trace {

WriteQueue::WriteQueue(std::string file, bool background, size_t max_pending, Job idle)
    : file_(std::move(file)), max_pending_(std::max<size_t>(max_pending, 1)), idle_(std::move(idle)) {
  if (background) thread_ = std::thread([this] { loop(); });
}

WriteQueue::~WriteQueue() { stop(); }

void WriteQueue::submit(Job job) {
  std::unique_lock lock(mutex_);
  if (stopping_) throw std::logic_error("trace sink for " + file_ + " is already closed");
  rethrow_error();
  if (!thread_.joinable()) {
    lock.unlock();
    run(job, true);
    lock.lock();
  } else {
    changed_.wait(lock, [&] { return queue_.size() < max_pending_ || error_ || stopping_; });
    if (!error_ && !stopping_) queue_.push_back(std::move(job));
    changed_.notify_all();
  }
  rethrow_error();
}

void WriteQueue::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return (queue_.empty() && !busy_) || error_; });
  rethrow_error();
}

void WriteQueue::stop() noexcept {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WriteQueue::run(Job& job, bool hdf5) noexcept {
  std::exception_ptr error;
  try {
    std::optional<h5::Lock> lock;
    if (hdf5) lock.emplace();
    job();
  } catch (const h5::Error& e) {
    error = std::make_exception_ptr(IoError(file_ + ": " + e.what()));
  } catch (...) {
    error = std::current_exception();
  }
  if (!error) return;
  std::lock_guard lock(mutex_);
  if (!error_) error_ = error;
}

void WriteQueue::loop() {
  std::unique_lock lock(mutex_);
  bool idle_due = false;  // a job ran since the idle job last did
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty() || (idle_due && idle_ && !error_); });
    if (stopping_) return;
    busy_ = true;
    if (queue_.empty()) {
      idle_due = false;
      lock.unlock();
      run(idle_, false);
    } else {
      Job job = std::move(queue_.front());
      queue_.pop_front();
      idle_due = true;
      changed_.notify_all();  // room in the queue
      lock.unlock();
      run(job, true);
    }  // the job (and the block it holds) is freed outside the lock
    lock.lock();
    busy_ = false;
    if (error_) queue_.clear();
    changed_.notify_all();
  }
}

void WriteQueue::rethrow_error() {
  if (error_) std::rethrow_exception(error_);
}

}  // namespace socsim::trace
