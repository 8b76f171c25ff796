#include "sim/trace_hdf5/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sim/core/error.h"

namespace socsim::trace {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw IoError(path + ": " + what + ": " + std::strerror(errno));
}

bool fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  const int sync_errno = errno;
  ::close(fd);
  errno = sync_errno;
  return synced;
}

}  // namespace

void publish_file(const std::string& from, const std::string& to) {
  if (!fsync_path(from, O_RDONLY)) fail(from, "cannot fsync");
  if (std::rename(from.c_str(), to.c_str()) != 0) fail(to, "cannot rename " + from + " to it");
  const std::string dir = std::filesystem::path(to).parent_path().string();
  fsync_path(dir.empty() ? "." : dir, O_RDONLY | O_DIRECTORY);
}

void publish_text(const std::string& path, const std::string& text) {
  const std::string part = path + ".part" + std::to_string(::getpid());
  try {
    {
      std::ofstream out(part, std::ios::binary | std::ios::trunc);
      out << text;
      out.close();
      if (!out) fail(part, "cannot write");
    }
    publish_file(part, path);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(part, ec);
    throw;
  }
}

}  // namespace socsim::trace
