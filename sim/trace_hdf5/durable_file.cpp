#include "sim/trace_hdf5/durable_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "sim/core/error.h"

namespace socsim::trace {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int err) {
  throw IoError(path + ": " + what + ": " + std::strerror(err));
}

// 12 characters of [A-Za-z0-9] from the kernel's random source.
std::string random_suffix() {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[12];
  size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno != EINTR) fail("getrandom", "cannot draw a temporary file name", errno);
    if (n > 0) got += static_cast<size_t>(n);
  }
  std::string s;
  for (unsigned char b : bytes) s += kAlphabet[b % (sizeof kAlphabet - 1)];
  return s;
}

bool same_inode(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// True when `path` (not followed) names the open file `fd`.
bool names(const std::string& path, int fd) {
  struct stat by_name {}, by_fd {};
  return ::lstat(path.c_str(), &by_name) == 0 && ::fstat(fd, &by_fd) == 0 && same_inode(by_name, by_fd);
}

// Opens and locks "<final>.lock". Unlinking the lock file on release lets a waiter lock an
// inode that no longer has the name; it notices (names() fails) and tries again.
int claim(const std::string& lock_path, const std::string& final_path, Contention contention) {
  for (;;) {
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
      const int err = errno;
      if (err == ELOOP) throw IoError(lock_path + ": is a symbolic link (expected socsim's lock file for " +
                                      final_path + "; refusing to follow it)");
      fail(lock_path, "cannot create the lock file for " + final_path, err);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      throw IoError(lock_path + ": is not a regular file (expected socsim's lock file for " + final_path + ")");
    }
    int rc = 0;
    while ((rc = ::flock(fd, LOCK_EX | (contention == Contention::kRefuse ? LOCK_NB : 0))) != 0 && errno == EINTR) {
    }
    if (rc != 0) {
      const int err = errno;
      ::close(fd);
      if (err == EWOULDBLOCK)
        throw IoError(final_path + ": is being written by another process (" + lock_path +
                      " is locked); expected one writer per output file");
      fail(lock_path, "cannot lock", err);
    }
    if (names(lock_path, fd)) return fd;
    ::close(fd);  // released and unlinked by its previous holder meanwhile
  }
}

bool fsync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
}

std::string folder_of(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

}  // namespace

PendingOutput::PendingOutput(std::string final_path, Contention contention)
    : final_(std::move(final_path)), lock_path_(final_ + ".lock") {
  lock_fd_ = claim(lock_path_, final_, contention);
  for (int attempt = 0; fd_ < 0; ++attempt) {
    temp_ = final_ + ".part-" + random_suffix();
    fd_ = ::open(temp_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ < 0 && (errno != EEXIST || attempt >= 16)) {
      const int err = errno;
      release();
      fail(temp_, "cannot create", err);
    }
  }
  const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
  open_ = ::access(proc.c_str(), F_OK) == 0 ? proc : temp_;
}

PendingOutput::~PendingOutput() { discard(); }

void PendingOutput::publish() { publish(final_); }

void PendingOutput::publish(const std::string& to, const std::function<void()>& synced) {
  if (fd_ < 0) throw IoError(to + ": nothing to publish (the output was already published or discarded)");
  if (::fsync(fd_) != 0) {
    const int err = errno;
    discard();
    fail(temp_, "cannot fsync", err);
  }
  if (synced) {
    try {
      synced();
    } catch (...) {
      discard();
      throw;
    }
  }
  if (!names(temp_, fd_)) {
    discard();
    throw IoError(temp_ + ": was replaced by another file while socsim wrote it; " + to + " not written");
  }
  if (std::rename(temp_.c_str(), to.c_str()) != 0) {
    const int err = errno;
    discard();
    fail(to, "cannot rename " + temp_ + " to it", err);
  }
  ::close(fd_);
  fd_ = -1;
  fsync_dir(folder_of(to));  // best effort: some file systems refuse it; the file is in place
  release();
}

void PendingOutput::discard() noexcept {
  if (fd_ >= 0) {
    if (names(temp_, fd_)) ::unlink(temp_.c_str());
    ::close(fd_);
    fd_ = -1;
  }
  release();
}

void PendingOutput::release() noexcept {
  if (lock_fd_ < 0) return;
  if (names(lock_path_, lock_fd_)) ::unlink(lock_path_.c_str());
  ::close(lock_fd_);
  lock_fd_ = -1;
}

size_t remove_stale_temporaries(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> stale;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const size_t at = name.rfind(".part");
    const bool legacy = at != std::string::npos && at + 5 == name.size();
    const bool ours = at != std::string::npos && name.size() == at + 6 + 12 && name[at + 5] == '-';
    if (at > 0 && (legacy || ours)) stale.push_back(it->path());
  }
  if (ec) throw IoError(dir + ": cannot list: " + ec.message());
  size_t removed = 0;
  for (const fs::path& temp : stale) {
    const std::string s = temp.string();
    const std::string final_path = s.substr(0, s.rfind(".part"));
    try {
      PendingOutput claim(final_path, Contention::kRefuse);  // fails while its writer is alive
      claim.discard();
    } catch (const IoError&) {
      continue;
    }
    removed += ::unlink(s.c_str()) == 0 ? 1 : 0;
  }
  return removed;
}

void publish_text(const std::string& path, const std::string& text) {
  PendingOutput out(path, Contention::kWait);
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(out.fd(), text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(out.temp_path(), "cannot write", n < 0 ? errno : EIO);
    done += static_cast<size_t>(n);
  }
  out.publish();
}

void publish_stream(const std::string& path, const std::function<void(std::ostream&)>& fill) {
  PendingOutput out(path, Contention::kWait);
  std::ofstream stream(out.open_path(), std::ios::binary | std::ios::trunc);
  if (!stream) fail(out.temp_path(), "cannot open", errno ? errno : EIO);
  stream.exceptions(std::ios::badbit | std::ios::failbit);
  try {
    fill(stream);
    stream.close();
  } catch (const std::ios_base::failure&) {
    fail(out.temp_path(), "cannot write", errno ? errno : EIO);
  }
  out.publish();
}

}  // namespace socsim::trace
