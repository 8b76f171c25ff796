// Writes a file's data to disk on a thread of its own while the file is still being written, so
// that the fsync publishing it at the end (PendingOutput::publish, on the simulation thread) has
// little left to write. The temporary's durability is of no use in itself; the flush only moves
// from the end of the run to a thread that waits for the disk while the run goes on.
//
// request() is cheap and never waits: it asks for a flush (fdatasync) of everything written so
// far; requests made while a flush runs are served by one more flush after it. finish() returns
// once every request made before it is served, and throws IoError naming the file if a flush
// failed — a failed fdatasync may have lost data that a later fsync would not report. Destroying
// it (an abandoned file) waits only for the flush running, drops the rest and reports nothing.
#pragma once

#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

namespace socsim::trace {

class BackgroundFlush {
 public:
  // `fd` (an open descriptor of the file, outliving this object) and `path` (for messages).
  BackgroundFlush(int fd, std::string path);
  ~BackgroundFlush();
  BackgroundFlush(const BackgroundFlush&) = delete;
  BackgroundFlush& operator=(const BackgroundFlush&) = delete;

  void request();
  void finish();
  int flushes() const;  // completed fdatasync calls (for tests)

 private:
  void loop();
  void stop(bool serve_pending) noexcept;

  const int fd_;
  const std::string path_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool requested_ = false;
  bool stopping_ = false;
  int flushes_ = 0;
  std::exception_ptr error_;
  std::thread thread_;  // started by the first request()
};

}  // namespace socsim::trace
