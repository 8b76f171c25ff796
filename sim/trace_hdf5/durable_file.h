// Crash-safe, race-safe publication of output files (POSIX): a killed process leaves either the
// old state or the complete new file under the final name, never a truncated one; two processes
// writing the same path never share a temporary; a symbolic link planted where socsim writes is
// never followed.
//
// Every output goes the same way: claim the final path (an exclusive lock on "<final>.lock"),
// create a fresh temporary "<final>.part-XXXXXXXXXXXX" beside it (O_CREAT | O_EXCL | O_NOFOLLOW,
// 12 random characters), fill it through its descriptor, fsync, check that the temporary's name
// still names the file created, rename it into place, fsync the folder, release the claim.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace socsim::trace {

// What a second writer of the same final path does while the first holds its claim.
enum class Contention {
  kWait,    // waits for the first to finish (short text outputs: both complete, the last one wins)
  kRefuse,  // fails at once with IoError "... is being written by another process" (traces)
};

// One output being written. Throws socsim::IoError (naming the path and the system's reason) when
// the claim or the temporary cannot be made, the lock file is not a regular file (a planted link
// is refused, not followed), or, with kRefuse, another process holds the claim. Destroying it
// before publish() removes the temporary (and releases the claim): nothing appears under the final
// name. Not copyable; one thread at a time.
class PendingOutput {
 public:
  PendingOutput(std::string final_path, Contention contention);
  ~PendingOutput();
  PendingOutput(const PendingOutput&) = delete;
  PendingOutput& operator=(const PendingOutput&) = delete;

  const std::string& final_path() const { return final_; }
  // The temporary's name in the destination folder (for messages and for deleting it).
  const std::string& temp_path() const { return temp_; }
  // A name that opens exactly the temporary created, whatever is later renamed to temp_path()
  // ("/proc/self/fd/N" where /proc is mounted): for libraries that open files by name (HDF5).
  const std::string& open_path() const { return open_; }
  int fd() const { return fd_; }

  // fsyncs the temporary, runs `synced` (if given: a last check before the name appears, e.g.
  // for errors of other threads' syncs of the same file, which this fsync may not report), checks
  // temp_path() still names it, renames it to `to` (the final path by default; another name in
  // the same folder, e.g. an interrupted trace's), fsyncs the folder (best effort) and releases
  // the claim. Throws IoError (or what `synced` throws); the temporary is then removed.
  void publish();
  void publish(const std::string& to, const std::function<void()>& synced = {});
  // Removes the temporary (if it is still ours) and releases the claim. Never throws.
  void discard() noexcept;

 private:
  void release() noexcept;

  std::string final_;
  std::string temp_;
  std::string open_;
  std::string lock_path_;
  int fd_ = -1;
  int lock_fd_ = -1;
};

// Removes the temporaries ("X.part-…", and the older fixed "X.part") that killed writers left in
// `dir`, except those of an output some process is writing now (its claim is held). Returns how
// many were removed. Throws IoError when `dir` cannot be read.
size_t remove_stale_temporaries(const std::string& dir);

// Writes `text` to `path` through a PendingOutput (kWait). Throws socsim::IoError.
void publish_text(const std::string& path, const std::string& text);

// Writes `path` through `fill` (a stream on the temporary) and publishes it (kWait): a failed or
// interrupted writer never leaves a truncated file under the final name. Throws IoError when
// the stream fails; exceptions from `fill` propagate after the temporary is removed.
void publish_stream(const std::string& path, const std::function<void(std::ostream&)>& fill);

}  // namespace socsim::trace
