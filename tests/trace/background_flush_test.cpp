// Specification of BackgroundFlush: flushes on request, off the caller's thread, and reports a
// failed flush when finished.
#include "sim/trace_hdf5/background_flush.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "sim/core/error.h"

namespace socsim::trace {
namespace {

class BackgroundFlushTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::path(::testing::TempDir()) / ("socsim_flush_" + std::to_string(::getpid()));
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
    ASSERT_GE(fd_, 0);
  }
  void TearDown() override {
    ::close(fd_);
    std::filesystem::remove(path_);
  }
  std::filesystem::path path_;
  int fd_ = -1;
};

TEST_F(BackgroundFlushTest, NothingIsFlushedWithoutARequest) {
  BackgroundFlush flush(fd_, path_);
  flush.finish();
  EXPECT_EQ(flush.flushes(), 0);
}

TEST_F(BackgroundFlushTest, FinishReturnsOnceARequestIsFlushed) {
  BackgroundFlush flush(fd_, path_);
  ASSERT_EQ(::write(fd_, "data", 4), 4);
  flush.request();
  flush.finish();
  EXPECT_GE(flush.flushes(), 1);
}

TEST_F(BackgroundFlushTest, AFailedFlushIsReportedByFinishNamingTheFile) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);  // fdatasync on a pipe fails (EINVAL)
  BackgroundFlush flush(pipe_fds[1], "trace.h5.part-x");
  flush.request();
  try {
    flush.finish();
    ADD_FAILURE() << "finish() did not report the failed flush";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("trace.h5.part-x: cannot flush to disk (fdatasync)"), std::string::npos)
        << e.what();
  }
  flush.request();  // after a failure: ignored, no new thread
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
}

TEST_F(BackgroundFlushTest, DestroyingItWithoutFinishThrowsNothingEvenAfterAFailure) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  auto flush = std::make_unique<BackgroundFlush>(pipe_fds[1], "trace.h5.part-x");
  flush->request();
  EXPECT_NO_THROW(flush.reset());
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
}

}  // namespace
}  // namespace socsim::trace
