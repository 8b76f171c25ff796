// Specification of output publication (durable_file.h): unique temporaries, never through a
// planted link, one writer at a time per final path, nothing left behind.
#include "sim/trace_hdf5/durable_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "sim/core/error.h"

namespace socsim::trace {
namespace {

namespace fs = std::filesystem;

class DurableFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("socsim_durable_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string bytes(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {})); }

  fs::path dir_;
};

TEST_F(DurableFileTest, ConcurrentWritersOfOnePathEachPublishAWholeFile) {
  // Each writer's text is large enough that interleaved or shared temporaries would mix them.
  std::vector<std::string> texts;
  for (char c : std::string("abcdefgh")) texts.push_back(std::string(1 << 20, c));
  std::vector<std::thread> writers;
  for (const auto& t : texts) writers.emplace_back([&, t] { publish_text(path("out.csv"), t); });
  for (auto& w : writers) w.join();
  const std::string got = bytes(path("out.csv"));
  EXPECT_NE(std::find(texts.begin(), texts.end(), got), texts.end()) << "the final file is one writer's whole text";
  EXPECT_EQ(entries(), 1u) << "no temporary or lock file left";
}

TEST_F(DurableFileTest, TemporariesAreUniqueAndBesideTheFinalPath) {
  PendingOutput a(path("a.txt"), Contention::kRefuse);
  PendingOutput b(path("b.txt"), Contention::kRefuse);
  EXPECT_NE(a.temp_path(), b.temp_path());
  EXPECT_EQ(fs::path(a.temp_path()).parent_path(), dir_);
  EXPECT_TRUE(a.temp_path().starts_with(path("a.txt.part-")));
  EXPECT_EQ(a.temp_path().size(), path("a.txt.part-").size() + 12);
}

TEST_F(DurableFileTest, ASecondClaimIsRefusedUntilTheFirstIsPublished) {
  PendingOutput first(path("x.h5"), Contention::kRefuse);
  EXPECT_THROW(PendingOutput(path("x.h5"), Contention::kRefuse), IoError);
  first.publish();
  PendingOutput again(path("x.h5"), Contention::kRefuse);  // free again
  again.discard();
  EXPECT_EQ(entries(), 1u);
}

TEST_F(DurableFileTest, APlantedLinkIsNeverWrittenThrough) {
  { std::ofstream(path("victim")) << "precious"; }
  fs::create_symlink(path("victim"), path("out.txt.part"));  // the old fixed temporary name
  publish_text(path("out.txt"), "new");
  EXPECT_EQ(bytes(path("victim")), "precious");
  EXPECT_EQ(bytes(path("out.txt")), "new");

  fs::create_symlink(path("victim"), path("other.txt.lock"));
  EXPECT_THROW(publish_text(path("other.txt"), "new"), IoError);
  EXPECT_EQ(bytes(path("victim")), "precious");
  EXPECT_FALSE(fs::exists(path("other.txt")));
}

TEST_F(DurableFileTest, ATemporarySwappedForAnotherFileIsNotPublished) {
  PendingOutput out(path("out.txt"), Contention::kWait);
  ASSERT_EQ(::write(out.fd(), "mine", 4), 4);
  fs::remove(out.temp_path());
  { std::ofstream(out.temp_path()) << "planted"; }
  EXPECT_THROW(out.publish(), IoError);
  EXPECT_FALSE(fs::exists(path("out.txt")));
}

TEST_F(DurableFileTest, TheSyncedCheckRunsBeforeTheRenameAndCanStopThePublication) {
  PendingOutput out(path("out.txt"), Contention::kRefuse);
  ASSERT_EQ(::write(out.fd(), "mine", 4), 4);
  const std::string temp = out.temp_path();
  EXPECT_THROW(out.publish(path("out.txt"), [&] {
    EXPECT_TRUE(fs::exists(temp)) << "still the temporary: not renamed yet";
    throw IoError(temp + ": a background flush failed");
  }),
               IoError);
  EXPECT_EQ(entries(), 0u) << "neither the final file, nor the temporary, nor the lock";

  PendingOutput again(path("out.txt"), Contention::kRefuse);  // the claim was released
  ASSERT_EQ(::write(again.fd(), "ok", 2), 2);
  bool checked = false;
  again.publish(path("out.txt"), [&] { checked = true; });
  EXPECT_TRUE(checked);
  EXPECT_EQ(bytes(path("out.txt")), "ok");
}

TEST_F(DurableFileTest, AFailingStreamLeavesNothing) {
  EXPECT_THROW(publish_stream(path("out.json"), [](std::ostream&) { throw IoError("boom"); }), IoError);
  EXPECT_EQ(entries(), 0u);
  publish_stream(path("out.json"), [](std::ostream& o) { o << "{}"; });
  EXPECT_EQ(bytes(path("out.json")), "{}");
}

}  // namespace
}  // namespace socsim::trace
