// Specification of the timeline export: lane assignment, JSON writing, time formatting and window
// parsing, and the export of a synthetic trace end to end (read back through TraceReader).
#include "sim/trace_hdf5/chrome_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>

#include "sim/core/error.h"
#include "sim/trace_hdf5/hdf5_sink.h"
#include "sim/trace_hdf5/json_writer.h"
#include "sim/trace_hdf5/lanes.h"
#include "sim/trace_hdf5/trace_reader.h"
#include "tests/trace/h5_read.h"
#include "tests/trace/synthetic_run.h"

namespace socsim::trace {
namespace {

namespace fs = std::filesystem;

// ---- Lanes.

std::vector<uint32_t> lanes_of(std::vector<LaneSlice> slices) { return assign_lanes(slices); }

TEST(Lanes, DisjointAndBackToBackSlicesShareLaneZero) {
  EXPECT_EQ(lanes_of({{0, 0, 10}, {0, 10, 20}, {0, 25, 30}}), (std::vector<uint32_t>{0, 0, 0}));
}

TEST(Lanes, OverlappingSlicesGoToSeparateLanes) {
  EXPECT_EQ(lanes_of({{0, 0, 10}, {0, 5, 15}, {0, 7, 9}}), (std::vector<uint32_t>{0, 1, 2}));
}

// Nested executions of one task are concurrent work, not a parent and its child: they get their
// own lane rather than being drawn inside each other.
TEST(Lanes, NestedSlicesAreNotStackedOnOneLane) {
  EXPECT_EQ(lanes_of({{0, 0, 100}, {0, 10, 20}}), (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(lanes_of({{0, 0, 100}, {0, 0, 20}}), (std::vector<uint32_t>{1, 0}));  // same start: shorter first
}

TEST(Lanes, FreedLanesAreReusedLowestFirst) {
  // 0:[0,10) 1:[5,30) then [12,20) fits lane 0 again; [31,40) fits lane 0.
  EXPECT_EQ(lanes_of({{0, 0, 10}, {0, 5, 30}, {0, 12, 20}, {0, 31, 40}}), (std::vector<uint32_t>{0, 1, 0, 0}));
}

TEST(Lanes, TracksAreIndependent) {
  EXPECT_EQ(lanes_of({{1, 0, 10}, {2, 5, 15}, {1, 5, 15}}), (std::vector<uint32_t>{0, 0, 1}));
}

TEST(Lanes, ZeroLengthSlices) {
  // Inside a running slice: overlapping. At its end: after it.
  EXPECT_EQ(lanes_of({{0, 0, 10}, {0, 5, 5}, {0, 10, 10}}), (std::vector<uint32_t>{0, 1, 0}));
  // At the start of another: before it (it sorts first), so they share the lane.
  EXPECT_EQ(lanes_of({{0, 5, 10}, {0, 5, 5}}), (std::vector<uint32_t>{0, 0}));
  EXPECT_EQ(lanes_of({{0, 20, 10}}), (std::vector<uint32_t>{0}));  // finish < start: zero length
}

// Whether two slices may not share a lane (lanes.h): they overlap, or a zero-length one lies
// strictly inside the other.
bool conflict(const LaneSlice& a, const LaneSlice& b) {
  if (a.track != b.track) return false;
  const auto inside = [](const LaneSlice& point, const LaneSlice& s) {
    return point.start == point.finish && s.start < point.start && point.start < s.finish;
  };
  return std::max(a.start, b.start) < std::min(a.finish, b.finish) || inside(a, b) || inside(b, a);
}

TEST(Lanes, RandomSlicesNeverConflictOnALaneAndTakeTheFirstFit) {
  std::mt19937_64 rng(7);
  std::vector<LaneSlice> slices;
  for (int i = 0; i < 1500; ++i) {
    const auto start = static_cast<int64_t>(rng() % 10000);
    slices.push_back({rng() % 3, start, start + static_cast<int64_t>(rng() % 300)});
  }
  const std::vector<uint32_t> lanes = assign_lanes(slices);
  for (size_t i = 0; i < slices.size(); ++i) {
    std::vector<bool> blocked(lanes[i], false);  // lanes below i's: each must hold a conflicting slice
    for (size_t j = 0; j < slices.size(); ++j) {
      if (j == i || !conflict(slices[i], slices[j])) continue;
      ASSERT_NE(lanes[i], lanes[j]) << "slices " << i << " and " << j << " conflict on one lane";
      if (lanes[j] < lanes[i]) blocked[lanes[j]] = true;
    }
    ASSERT_TRUE(std::all_of(blocked.begin(), blocked.end(), [](bool b) { return b; }))
        << "slice " << i << " skipped a free lane";
  }
  // The input order does not matter.
  std::vector<size_t> perm(slices.size());
  std::iota(perm.begin(), perm.end(), size_t{0});
  std::shuffle(perm.begin(), perm.end(), rng);
  std::vector<LaneSlice> shuffled;
  shuffled.reserve(perm.size());
  for (size_t i : perm) shuffled.push_back(slices[i]);
  const std::vector<uint32_t> again = assign_lanes(shuffled);
  for (size_t k = 0; k < perm.size(); ++k) {
    const LaneSlice& s = slices[perm[k]];
    // Identical slices may swap lanes; distinct ones keep theirs.
    const bool unique = std::count_if(slices.begin(), slices.end(), [&](const LaneSlice& o) {
                          return o.track == s.track && o.start == s.start && o.finish == s.finish;
                        }) == 1;
    if (unique) {
      EXPECT_EQ(again[k], lanes[perm[k]]);
    }
  }
}

// ---- JSON.

TEST(Json, StringsAreEscaped) {
  EXPECT_EQ(json_string("plain"), R"("plain")");
  EXPECT_EQ(json_string("a\"b\\c/d"), R"("a\"b\\c/d")");
  EXPECT_EQ(json_string("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(json_string(std::string("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\x7f\"");
  EXPECT_EQ(json_string(std::string("nul\0x", 5)), R"("nul\u0000x")");
}

TEST(Json, Utf8PassesThroughAndInvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(json_string("héllo ✓ 𝄞"), "\"héllo ✓ 𝄞\"");
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(json_string("a\xFF"
                        "b"),
            "\"a" + fffd + "b\"");                                                      // never valid
  EXPECT_EQ(json_string("\xC3"), "\"" + fffd + "\"");                                   // truncated
  EXPECT_EQ(json_string("\xC0\xAF"), "\"" + fffd + fffd + "\"");                        // overlong '/'
  EXPECT_EQ(json_string("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\"");             // UTF-16 surrogate
  EXPECT_EQ(json_string("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"");  // > U+10FFFF
}

TEST(Json, WriterPlacesCommasAndNewlines) {
  std::ostringstream out;
  JsonWriter w(out, 1);
  w.begin_object().member("a", int64_t{1}).key("b").begin_array().value("x").value(2.5).null().end_array();
  w.key("c").begin_object().end_object().end_object();
  EXPECT_TRUE(w.complete());
  EXPECT_EQ(out.str(), "{\n\"a\":1,\n\"b\":[\"x\",2.5,null],\n\"c\":{}\n}");
}

TEST(Json, NumbersAreExactAndNonFiniteBecomesNull) {
  std::ostringstream out;
  JsonWriter w(out, 0);
  w.begin_array()
      .value(0.1)
      .value(1e300)
      .value(-0.0)
      .value(std::nan(""))
      .value(std::numeric_limits<double>::infinity());
  w.value(uint64_t{18446744073709551615u}).value(int64_t{-9223372036854775807 - 1}).value(true).end_array();
  EXPECT_EQ(out.str(), "[0.1,1e+300,-0,null,null,18446744073709551615,-9223372036854775808,true]");
}

TEST(Json, MisuseThrows) {
  std::ostringstream out;
  JsonWriter w(out);
  w.begin_object();
  EXPECT_THROW(w.value(1.0), std::logic_error);  // no key
  EXPECT_THROW(w.end_array(), std::logic_error);
  w.key("k");
  EXPECT_THROW(w.key("again"), std::logic_error);
}

// ---- Times.

TEST(Times, MicrosecondsKeepNanosecondPrecision) {
  EXPECT_EQ(format_micros(0), "0.000");
  EXPECT_EQ(format_micros(1234567), "1234.567");
  EXPECT_EQ(format_micros(5000), "5.000");
  EXPECT_EQ(format_micros(-1), "-0.001");
  EXPECT_EQ(format_micros(60'000'000'007), "60000000.007");
  EXPECT_EQ(format_micros(std::numeric_limits<int64_t>::min()), "-9223372036854775.808");
}

TEST(Times, WindowParsing) {
  const TimeWindow both = parse_time_window("1.5:2");
  EXPECT_EQ(both.begin_ns, 1'500'000'000);
  EXPECT_EQ(both.end_ns, 2'000'000'000);
  EXPECT_FALSE(parse_time_window(":3").has_begin());
  EXPECT_EQ(parse_time_window(":3").end_ns, 3'000'000'000);
  EXPECT_FALSE(parse_time_window("3:").has_end());
  EXPECT_FALSE(parse_time_window(":").has_begin());
  for (const char* bad : {"", "1", "a:2", "1:b", "2:1", "1:1", "-1:2", "1:2:3", "inf:", "1e400:", " 1:2"})
    EXPECT_THROW(parse_time_window(bad), std::invalid_argument) << bad;
}

TEST(Times, WindowMembership) {
  const TimeWindow w = parse_time_window("1e-6:2e-6");  // [1000, 2000) ns
  EXPECT_TRUE(w.contains(1000));
  EXPECT_FALSE(w.contains(2000));
  EXPECT_TRUE(w.overlaps(0, 1001));
  EXPECT_FALSE(w.overlaps(0, 1000));
  EXPECT_TRUE(w.overlaps(1999, 5000));
  EXPECT_FALSE(w.overlaps(2000, 5000));
  EXPECT_TRUE(w.overlaps(1000, 1000));  // zero length, inside
  EXPECT_FALSE(w.overlaps(999, 999));
}

// ---- End to end on a synthetic trace.

class ChromeExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("socsim_chrome_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // The synthetic run plus two overlapping executions of task 1 on processor 0 and a switch.
  std::string write_trace() {
    testing::SyntheticRun run = testing::make_run(200);
    run.executions.push_back({.request = 900,
                              .task = 1,
                              .processor = 0,
                              .design = 2,
                              .threads = 2,
                              .start_ns = 1'000'000,
                              .finish_ns = 1'000'500});
    run.executions.push_back({.request = 901,
                              .task = 1,
                              .processor = 0,
                              .design = 2,
                              .threads = 2,
                              .start_ns = 1'000'100,
                              .finish_ns = 1'000'900});
    run.switches.push_back(
        {.time_ns = 50'000, .task = 2, .from_design = 1, .to_design = -1, .reason = 0, .cost_ns = 2'500'000});
    run.summary.lookups["switch_reasons"] = {"slo \"violated\""};
    run.dvfs.push_back({.time_ns = 60'000, .processor = 0, .domain = 1, .freq_mhz = 999});  // cpu_big: 2 domains
    std::string file = path("t.h5");
    auto sink = make_hdf5_sink(file, {.chunk_rows = 16, .deflate_level = 1, .background_writer = false});
    run.replay(*sink);
    executions_ = run.executions.size();
    return file;
  }

  static std::string export_to_string(const std::string& file, ChromeExportOptions opts = {}) {
    const TraceReader trace(file);
    std::ostringstream out;
    export_chrome(trace, out, opts);
    return out.str();
  }

  static size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }

  fs::path dir_;
  size_t executions_ = 0;
};

TEST_F(ChromeExportTest, EveryExecutionBecomesOneSliceWithItsLane) {
  const std::string file = write_trace();
  const std::string json = export_to_string(file, {.window = {}, .block_rows = 7});  // blocks split rows
  EXPECT_EQ(json.rfind("{\n\"displayTimeUnit\":\"ns\",\n\"traceEvents\":[\n", 0), 0u);
  EXPECT_EQ(count(json, "\"ph\":\"X\""), executions_);
  EXPECT_EQ(count(json, R"("args":{"name":"classify #2"})"), 1u);  // the overlapping pair
  EXPECT_EQ(count(json, R"("name":"switch d1 -> none")"), 1u);
  EXPECT_EQ(count(json, R"("reason":"slo \"violated\"","cost_ms":2.5)"), 1u);
  EXPECT_EQ(count(json, R"("name":"dvfs freq cpu_big.0")"), 10u);  // every 4th of the 40 rows
  EXPECT_EQ(count(json, R"("name":"dvfs freq cpu_big.1")"), 1u);
  EXPECT_EQ(count(json, R"("name":"dvfs freq","cat":"counter","ph":"C","pid":3,)"), 10u);  // gpu: one domain
  EXPECT_EQ(count(json, R"("name":"drop")"), 12u);                                         // requests 0, 17, ..., 187
  EXPECT_EQ(count(json, R"("seed":18369614221190020847)"), 1u);                            // provenance, exact uint64
  EXPECT_EQ(json.substr(json.size() - 4), "}\n}\n");
}

TEST_F(ChromeExportTest, SameTraceGivesIdenticalBytesWhateverTheBlockSize) {
  const std::string file = write_trace();
  EXPECT_EQ(export_to_string(file), export_to_string(file, {.window = {}, .block_rows = 3}));
}

TEST_F(ChromeExportTest, WindowKeepsOverlappingSlicesOnly) {
  const std::string file = write_trace();
  // Executions k start at 2000k and last 1500 ns: [10000, 20000) overlaps k = 5..9 (4 ends at 9500).
  const std::string json = export_to_string(file, {.window = parse_time_window("10e-6:20e-6")});
  EXPECT_EQ(count(json, "\"ph\":\"X\""), 5u);
  EXPECT_EQ(count(json, R"("export_window_begin_ns":10000)"), 1u);
}

TEST_F(ChromeExportTest, NonTracesAreRejectedNamingTheFile) {
  const std::string json_file = path("scenario.json");
  std::ofstream(json_file) << "{\"tasks\": []}\n";
  const std::string plain_h5 = path("plain.h5");
  H5Fclose(H5Fcreate(plain_h5.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  for (const std::string& bad : {json_file, plain_h5, path("missing.h5"), dir_.string()}) {
    try {
      TraceReader reader(bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(bad + ": error: "), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace socsim::trace
