#include "sim/trace_hdf5/background_flush.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/core/error.h"

namespace socsim::trace {

BackgroundFlush::BackgroundFlush(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

BackgroundFlush::~BackgroundFlush() { stop(false); }

void BackgroundFlush::request() {
  std::lock_guard lock(mutex_);
  if (stopping_ || error_) return;
  requested_ = true;
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  changed_.notify_all();
}

void BackgroundFlush::finish() {
  stop(true);
  std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

int BackgroundFlush::flushes() const {
  std::lock_guard lock(mutex_);
  return flushes_;
}

void BackgroundFlush::stop(bool serve_pending) noexcept {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (!serve_pending) requested_ = false;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BackgroundFlush::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || requested_; });
    if (!requested_) return;  // stopping, nothing left to serve
    requested_ = false;
    lock.unlock();
    const int err = ::fdatasync(fd_) == 0 ? 0 : errno;
    lock.lock();
    ++flushes_;
    if (err != 0) {
      error_ = std::make_exception_ptr(IoError(path_ + ": cannot flush to disk (fdatasync): " + std::strerror(err)));
      return;
    }
  }
}

}  // namespace socsim::trace
