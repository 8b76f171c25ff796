// RunControl and the run path: signals only set the flag, limits stop runs in process, and a stop
// limits that are not reached change nothing. (End-to-end: tests/cli/test_interrupt.py, test_limits.py.)
#include "cli/run_control.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "cli/run_job.h"

namespace socsim::cli {
namespace {

namespace fs = std::filesystem;

const std::string kScenario = std::string(SOCSIM_SOURCE_DIR) + "/scenarios/quickstart.json";

// A fresh folder for one test, removed with everything in it when the test ends.
struct ScratchDir {
  explicit ScratchDir(const std::string& name)
      : path(fs::path(::testing::TempDir()) / ("socsim_runctl_" + std::to_string(::getpid()) + "_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path path;
};

TEST(RunControl, ASignalSetsTheFlagAndTheHandlerIsRestoredAfterwards) {
  struct sigaction before {};
  sigaction(SIGTERM, nullptr, &before);
  {
    RunControl control({}, true);
    EXPECT_EQ(control.requested(), StopCause::kNone);
    std::raise(SIGTERM);  // would end the test binary without the handler
    EXPECT_EQ(control.requested(), StopCause::kSigterm);
  }
  struct sigaction after {};
  sigaction(SIGTERM, nullptr, &after);
  EXPECT_EQ(after.sa_handler, before.sa_handler);
}

TEST(RunControl, SignalsReachEveryRunThatHandlesThem) {
  RunControl a({}, true), b({}, true), c({}, false);
  std::raise(SIGINT);
  EXPECT_EQ(a.requested(), StopCause::kSigint);
  EXPECT_EQ(b.requested(), StopCause::kSigint);
  EXPECT_EQ(c.requested(), StopCause::kNone);
}

TEST(RunControl, StopInfoAndExitCodes) {
  RunLimits limits;
  limits.max_events = 1000;
  EXPECT_EQ(stop_info(StopCause::kMaxEvents, limits).message, "event limit --max-events 1000 reached");
  EXPECT_EQ(stop_info(StopCause::kSigint, limits).reason, "SIGINT");
  EXPECT_EQ(stop_exit_code(StopCause::kSigint), 130);
  EXPECT_EQ(stop_exit_code(StopCause::kSigterm), 130);
  EXPECT_EQ(stop_exit_code(StopCause::kMaxWall), 1);
  EXPECT_EQ(stop_exit_code(StopCause::kMaxTrace), 1);
}

TEST(RunJob, AnEventLimitStopsTheRunAndKeepsThePartialTraceWithThroughputOverTheTimeReached) {
  const ScratchDir scratch("events");
  const fs::path& d = scratch.path;
  RunRequest req;
  req.scenario_path = kScenario;
  req.trace_path = (d / "t.h5").string();
  req.limits.max_events = 400;
  const RunOutcome out = run_scenario(req);
  EXPECT_EQ(out.stopped, StopCause::kMaxEvents);
  EXPECT_EQ(out.summary.events, 400u);
  EXPECT_EQ(out.trace_written, (d / "t.interrupted.h5").string());
  EXPECT_TRUE(fs::exists(d / "t.interrupted.h5"));
  EXPECT_FALSE(fs::exists(d / "t.h5"));
  const double seconds = static_cast<double>(out.summary.sim_time_ns) * 1e-9;
  ASSERT_GT(seconds, 0);
  for (const auto& t : out.summary.tasks)
    EXPECT_DOUBLE_EQ(t.throughput_hz, static_cast<double>(t.completed) / seconds);
}

TEST(RunJob, ATraceSizeLimitStopsTheRun) {
  const ScratchDir scratch("trace");
  const fs::path& d = scratch.path;
  RunRequest req;
  req.scenario_path = kScenario;
  req.duration_s = 10000;
  req.trace_path = (d / "t.h5").string();
  req.limits.max_trace_mib = 0.25;
  const RunOutcome out = run_scenario(req);
  EXPECT_EQ(out.stopped, StopCause::kMaxTrace);
  EXPECT_LT(out.summary.sim_time_ns, int64_t{10000} * 1'000'000'000);
  EXPECT_TRUE(fs::exists(d / "t.interrupted.h5"));
  // Without a trace there is nothing to cap: the run completes.
  req.trace_path.clear();
  req.duration_s = 5;
  EXPECT_EQ(run_scenario(req).stopped, StopCause::kNone);
}

TEST(RunJob, ACompleteRunIsNotMarked) {
  const ScratchDir scratch("complete");
  const fs::path& d = scratch.path;
  RunRequest req;
  req.scenario_path = kScenario;
  req.trace_path = (d / "t.h5").string();
  req.limits.max_events = 1'000'000;
  req.limits.max_wall_s = 600;
  const RunOutcome out = run_scenario(req);
  EXPECT_EQ(out.stopped, StopCause::kNone);
  EXPECT_EQ(out.trace_written, req.trace_path);
  EXPECT_TRUE(fs::exists(d / "t.h5"));
  EXPECT_FALSE(fs::exists(d / "t.interrupted.h5"));
}

}  // namespace
}  // namespace socsim::cli
