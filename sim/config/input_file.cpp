#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/config/input_file_impl.h"

namespace socsim::config {
namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string open_error(int err) {
  if (err == ELOOP) return "cannot read file: too many levels of symbolic links (a symbolic link loop?)";
  return fmt::format("cannot read file: {}", std::strerror(err));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

void walk_strings(const Json& v, const Pointer& at, Reporter& r) {
  const auto too_long = [&](const Pointer& where, size_t bytes, const char* what) {
    r.error(where, fmt::format("{} of {} bytes is too long (expected at most {})", what, bytes, kMaxStringBytes));
  };
  const auto has_nul = [](const std::string& s) { return s.find('\0') != std::string::npos; };
  const auto nul = [&](const Pointer& where, const char* what) {
    r.error(where, fmt::format("{} contains a NUL character (\\u0000; expected text without one: a path would be cut "
                               "off at it)", what));
  };
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > kMaxStringBytes) too_long(at, s.size(), "a string");
    else if (has_nul(s)) nul(at, "the string");
  } else if (v.is_object()) {
    for (const auto& [key, child] : v.items()) {
      if (key.size() > kMaxStringBytes) {
        too_long(at, key.size(), "a key");  // its pointer would be as long: the object's is given
        continue;
      }
      if (has_nul(key)) nul(at, "a key");
      walk_strings(child, at / key, r);
    }
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) walk_strings(v[i], at / i, r);
  }
}

}  // namespace

bool check_strings(const Json& doc, Reporter& r) {
  const size_t before = r.errors();
  walk_strings(doc, Pointer(), r);
  return r.errors() == before;
}

std::optional<std::string> read_input_file(Reporter& r, size_t max_bytes, const char* what) {
  const std::string& path = r.file();
  if (path.find('\0') != std::string::npos) {
    r.error({}, "the path contains a NUL character (expected a file name without one)");
    return std::nullopt;
  }
  // O_NONBLOCK: opening a FIFO without a writer must not wait for one.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    r.error({}, open_error(errno));
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    r.error({}, open_error(errno));
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    r.error({}, fmt::format("is {} (expected a regular file)", kind_of(st.st_mode)));
    return std::nullopt;
  }
  const auto too_large = [&] {
    r.error({}, fmt::format("file is larger than {} MiB (expected {} of at most that size)", max_bytes >> 20, what));
  };
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    too_large();
    return std::nullopt;
  }
  // Straight into a string of the stated size; past it, a small probe finds the end (or that the
  // file grew while read).
  std::string text;
  text.reserve(static_cast<size_t>(st.st_size) + kInputSpareBytes);
  text.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  char probe[4096];
  for (;;) {
    const bool in_place = got < text.size();
    const ssize_t n = in_place ? ::read(fd.get(), text.data() + got, text.size() - got)
                               : ::read(fd.get(), probe, sizeof probe);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.error({}, open_error(errno));
      return std::nullopt;
    }
    if (n == 0) break;
    if (!in_place) text.append(probe, static_cast<size_t>(n));
    got += static_cast<size_t>(n);
    if (got > max_bytes) {  // the file grew while read
      too_large();
      return std::nullopt;
    }
  }
  text.resize(got);  // shorter if the file shrank while read
  return text;
}

}  // namespace socsim::config
