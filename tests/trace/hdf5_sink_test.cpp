// Specification of the HDF5 trace sink: layout, values, attributes, reproducibility, atomicity and
// error reporting. Files are read back with the plain HDF5 C API (tests/trace/h5_read.h).
#include "sim/trace_hdf5/hdf5_sink.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "sim/core/error.h"
#include "tests/trace/h5_read.h"
#include "tests/trace/synthetic_run.h"

// Every fdatasync of this test binary comes here (the executable's definition takes precedence
// over libc's) and is counted, so the tests can see whether a trace was flushed while written;
// with g_fail_fdatasyncs set it fails with EIO instead, as a disk error would.
std::atomic<int> g_fdatasyncs{0};
std::atomic<bool> g_fail_fdatasyncs{false};
extern "C" int fdatasync(int fd) {
  ++g_fdatasyncs;
  if (g_fail_fdatasyncs) {
    errno = EIO;
    return -1;
  }
  return static_cast<int>(::syscall(SYS_fdatasync, fd));
}

namespace socsim::trace {
namespace {

namespace fs = std::filesystem;
using testing::children;
using testing::make_run;
using testing::number_attr;
using testing::read_column;
using testing::read_strings;
using testing::string_attr;
using testing::SyntheticRun;

// A fresh directory per test, removed afterwards.
class Hdf5SinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A parameterised test's name has a '/' ("Name/3"): one folder, not a folder in a folder.
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::path(::testing::TempDir()) / ("socsim_trace_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Files of the folder whose names start with `prefix` (the temporaries "t.h5.part-XXXXXXXXXXXX").
  std::vector<std::string> starting_with(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_))
      if (e.path().filename().string().starts_with(prefix)) out.push_back(e.path().string());
    return out;
  }

  static Hdf5SinkOptions small_chunks(bool background = true) {
    return {.chunk_rows = 1000, .deflate_level = 1, .background_writer = background};
  }

  // Writes `run` to `name` and returns the path.
  std::string write(const SyntheticRun& run, const std::string& name, Hdf5SinkOptions opts = small_chunks()) {
    auto sink = make_hdf5_sink(path(name), opts);
    run.replay(*sink);
    return path(name);
  }

  static std::string bytes(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  fs::path dir_;
};

// Every field of every request row, read back through HDF5's own filters.
void expect_requests_equal(hid_t f, const std::vector<RequestRecord>& expected) {
  const auto id = read_column<uint64_t>(f, "/requests/id");
  const auto task = read_column<uint32_t>(f, "/requests/task");
  const auto arrival = read_column<int64_t>(f, "/requests/arrival_ns");
  const auto start = read_column<int64_t>(f, "/requests/start_ns");
  const auto finish = read_column<int64_t>(f, "/requests/finish_ns");
  const auto processor = read_column<int32_t>(f, "/requests/processor");
  const auto design = read_column<int32_t>(f, "/requests/design");
  const auto dropped = read_column<uint8_t>(f, "/requests/dropped");
  const auto violated = read_column<uint8_t>(f, "/requests/violated");
  const auto row = read_column<int64_t>(f, "/requests/row");
  ASSERT_EQ(id.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const RequestRecord& r = expected[i];
    ASSERT_EQ(row[i], static_cast<int64_t>(i));
    ASSERT_EQ(id[i], r.id) << i;
    ASSERT_EQ(task[i], r.task) << i;
    ASSERT_EQ(arrival[i], r.arrival_ns) << i;
    ASSERT_EQ(start[i], r.start_ns) << i;
    ASSERT_EQ(finish[i], r.finish_ns) << i;
    ASSERT_EQ(processor[i], r.processor) << i;
    ASSERT_EQ(design[i], r.design) << i;
    ASSERT_EQ(dropped[i], r.dropped) << i;
    ASSERT_EQ(violated[i], r.violated) << i;
  }
}

TEST_F(Hdf5SinkTest, WritesEveryRequestFieldAcrossSeveralChunks) {
  const SyntheticRun run = make_run(2500);
  const auto file = testing::open_file(write(run, "t.h5"));
  expect_requests_equal(file.get(), run.requests);
}

struct Layout {
  size_t chunk_rows;
  Compression compression;
  int deflate_level;
};

class Hdf5SinkLayoutTest : public Hdf5SinkTest, public ::testing::WithParamInterface<Layout> {};

TEST_P(Hdf5SinkLayoutTest, RoundTripsEveryValueWhateverTheChunkingAndCompression) {
  const SyntheticRun run = make_run(2500);
  const Hdf5SinkOptions opts{.chunk_rows = GetParam().chunk_rows,
                             .compression = GetParam().compression,
                             .deflate_level = GetParam().deflate_level};
  const auto file = testing::open_file(write(run, "t.h5", opts));
  expect_requests_equal(file.get(), run.requests);
  const auto temp = read_column<double>(file.get(), "/samples/temp_c");
  ASSERT_EQ(temp.size(), run.samples.size());
  for (size_t i = 0; i < temp.size(); ++i) ASSERT_EQ(temp[i], run.samples[i].temp_c) << i;
  const auto ds = testing::open_dataset(file.get(), "/requests/id");
  const Codec codec{GetParam().compression, GetParam().deflate_level};
  const std::vector<H5Z_filter_t> expected =
      codec.raw() ? std::vector<H5Z_filter_t>{}
                  : std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, codec.compression == Compression::kLz4
                                                                      ? H5Z_filter_t{32004}
                                                                      : H5Z_filter_t{H5Z_FILTER_DEFLATE}};
  EXPECT_EQ(testing::filters(ds.get()), expected);
}

INSTANTIATE_TEST_SUITE_P(ChunkSizesAndLevels, Hdf5SinkLayoutTest,
                         ::testing::Values(Layout{1, Compression::kDeflate, 0}, Layout{1, Compression::kDeflate, 1},
                                           Layout{7, Compression::kDeflate, 9}, Layout{1000, Compression::kDeflate, 0},
                                           Layout{2500, Compression::kDeflate, 1}, Layout{65536, Compression::kDeflate, 1},
                                           Layout{1, Compression::kLz4, 1}, Layout{7, Compression::kLz4, 1},
                                           Layout{2500, Compression::kLz4, 1}, Layout{65536, Compression::kLz4, 0},
                                           Layout{1000, Compression::kNone, 1}));

TEST_F(Hdf5SinkTest, WritesTheOtherTablesValues) {
  const SyntheticRun run = make_run(2500);
  const auto file = testing::open_file(write(run, "t.h5"));
  const hid_t f = file.get();

  const auto exec_start = read_column<int64_t>(f, "/executions/start_ns");
  const auto exec_threads = read_column<int32_t>(f, "/executions/threads");
  ASSERT_EQ(exec_start.size(), run.executions.size());
  EXPECT_EQ(exec_start[1234], run.executions[1234].start_ns);
  EXPECT_EQ(exec_threads[1234], run.executions[1234].threads);

  const auto power = read_column<double>(f, "/samples/power_mw");
  ASSERT_EQ(power.size(), run.samples.size());
  EXPECT_DOUBLE_EQ(power[600], run.samples[600].power_mw);

  EXPECT_EQ(read_column<double>(f, "/events/value"), (std::vector<double>{0.0, 0.25, 0.5}));
  EXPECT_EQ(read_column<int32_t>(f, "/events/processor"), (std::vector<int32_t>{-1, 1, 1}));
  EXPECT_EQ(read_column<double>(f, "/dvfs/freq_mhz").size(), 40u);

  EXPECT_EQ(read_column<uint32_t>(f, "/summary/task"), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(read_column<double>(f, "/summary/latency_mean_ms"), (std::vector<double>{12.5, 13.5, 14.5}));
}

TEST_F(Hdf5SinkTest, EveryTableIsAGroupOfColumnsSharingOneRowDimensionScale) {
  const auto file = testing::open_file(write(make_run(2500), "t.h5"));
  const hid_t f = file.get();

  EXPECT_EQ(children(f, "/"), (std::vector<std::string>{"config", "requests", "executions", "events", "switches",
                                                        "dvfs", "samples", "summary", "energy", "lookup"}));
  EXPECT_EQ(children(f, "/requests"),
            (std::vector<std::string>{"row", "id", "task", "arrival_ns", "start_ns", "finish_ns", "processor", "design",
                                      "dropped", "violated"}));
  for (const std::string table : {"requests", "executions", "events", "switches", "dvfs", "samples", "summary"}) {
    const auto row = testing::open_dataset(f, "/" + table + "/row");
    ASSERT_GT(H5DSis_scale(row.get()), 0) << table;
    char name[16] = {};
    H5DSget_scale_name(row.get(), name, sizeof name);
    EXPECT_STREQ(name, "row");
    const auto rows = read_column<int64_t>(f, "/" + table + "/row");
    for (size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i], static_cast<int64_t>(i)) << table;
    for (const std::string& column : children(f, "/" + table)) {
      if (column == "row") continue;
      const auto ds = testing::open_dataset(f, "/" + table + "/" + column);
      EXPECT_GT(H5DSis_attached(ds.get(), row.get(), 0), 0) << table << "/" << column;
      EXPECT_EQ(testing::length(ds.get()), rows.size()) << table << "/" << column;
      EXPECT_FALSE(string_attr(ds.get(), "description").empty()) << table << "/" << column;
      EXPECT_EQ(testing::filters(ds.get()), (std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, 32004}));  // the default: LZ4
    }
  }
}

TEST_F(Hdf5SinkTest, ColumnsCarryUnitsAndLookupAttributes) {
  const auto file = testing::open_file(write(make_run(10), "t.h5"));
  const hid_t f = file.get();
  const auto units = [&](const std::string& path) {
    return string_attr(testing::open_dataset(f, path).get(), "units");
  };

  EXPECT_EQ(units("/requests/arrival_ns"), "ns");
  EXPECT_EQ(units("/requests/id"), "1");
  EXPECT_EQ(units("/requests/row"), "1");
  EXPECT_EQ(units("/switches/cost_ns"), "ns");
  EXPECT_EQ(units("/dvfs/freq_mhz"), "MHz");
  EXPECT_EQ(units("/samples/power_mw"), "mW");
  EXPECT_EQ(units("/samples/temp_c"), "degC");
  EXPECT_EQ(units("/summary/latency_p99_ms"), "ms");
  EXPECT_EQ(units("/summary/throughput_hz"), "Hz");

  const auto lookup_of = [&](const std::string& path) {
    return string_attr(testing::open_dataset(f, path).get(), "lookup");
  };
  EXPECT_EQ(lookup_of("/requests/task"), "tasks");
  EXPECT_EQ(lookup_of("/executions/processor"), "processors");
  EXPECT_EQ(lookup_of("/switches/to_design"), "designs");
  EXPECT_EQ(lookup_of("/events/kind"), "event_kinds");
  EXPECT_EQ(lookup_of("/switches/reason"), "switch_reasons");
  EXPECT_FALSE(testing::has_attr(testing::open_dataset(f, "/requests/arrival_ns").get(), "lookup"));
}

TEST_F(Hdf5SinkTest, ChunksAreCappedToSmallTablesAndFullSizedForLargeOnes) {
  const auto file = testing::open_file(write(make_run(2500), "t.h5"));
  const hid_t f = file.get();
  const auto chunk = [&](const std::string& path) { return testing::chunk_rows(testing::open_dataset(f, path).get()); };
  EXPECT_EQ(chunk("/requests/arrival_ns"), 1000u);  // 2500 rows: several full chunks
  EXPECT_EQ(chunk("/samples/time_ns"), 625u);       // never filled one chunk: sized to its rows
  EXPECT_EQ(chunk("/events/time_ns"), 3u);
  EXPECT_EQ(chunk("/switches/time_ns"), 1u);  // empty
}

TEST_F(Hdf5SinkTest, EmptyTablesExistWithTheirSchema) {
  const auto file = testing::open_file(write(make_run(0), "t.h5"));
  const hid_t f = file.get();
  EXPECT_EQ(children(f, "/switches"),
            (std::vector<std::string>{"row", "time_ns", "task", "from_design", "to_design", "reason", "cost_ns"}));
  EXPECT_TRUE(read_column<int64_t>(f, "/switches/cost_ns").empty());
  EXPECT_TRUE(read_column<int64_t>(f, "/requests/arrival_ns").empty());
  EXPECT_TRUE(read_strings(f, "/lookup/switch_reasons").empty());
}

TEST_F(Hdf5SinkTest, WritesProvenanceConfigLookupsAndRunTotals) {
  const SyntheticRun run = make_run(10);
  const auto file = testing::open_file(write(run, "t.h5"));
  const hid_t f = file.get();

  EXPECT_EQ(string_attr(f, "schema"), "socsim-trace");
  EXPECT_EQ(number_attr<int64_t>(f, "schema_version"), kSchemaVersion);
  EXPECT_EQ(string_attr(f, "socsim_version"), "0.1.0");
  EXPECT_EQ(string_attr(f, "git_commit"), "0123456789abcdef");
  EXPECT_EQ(string_attr(f, "command_line"), run.info.command_line);
  EXPECT_EQ(number_attr<uint64_t>(f, "seed"), 0xFEEDFACECAFEBEEFull);
  EXPECT_EQ(string_attr(f, "scheduler"), "rass");
  EXPECT_EQ(string_attr(f, "soc"), "snapdragon865");
  EXPECT_EQ(string_attr(f, "scenario"), "scenarios/synthetic.json");
  EXPECT_EQ(string_attr(f, "config_sha256"), std::string(64, 'a'));
  EXPECT_EQ(string_attr(f, "time_unit"), "ns");

  EXPECT_EQ(children(f, "/config"), (std::vector<std::string>{"models", "scenario", "soc"}));
  EXPECT_EQ(read_strings(f, "/config/scenario"), (std::vector<std::string>{run.info.config_json.at("scenario")}));

  EXPECT_EQ(read_strings(f, "/lookup/tasks"), (std::vector<std::string>{"detect", "classify", "segment"}));
  EXPECT_EQ(read_strings(f, "/lookup/processors"), run.summary.lookups.at("processors"));

  const auto summary = testing::open_group(f, "/summary");
  EXPECT_EQ(number_attr<uint64_t>(summary.get(), "events"), run.summary.events);
  EXPECT_EQ(number_attr<int64_t>(summary.get(), "sim_time_ns"), run.summary.sim_time_ns);
}

TEST_F(Hdf5SinkTest, SameRecordsGiveByteIdenticalFilesWithEveryCompression) {
  const SyntheticRun run = make_run(2500);
  for (Compression c : {Compression::kLz4, Compression::kDeflate, Compression::kNone}) {
    Hdf5SinkOptions opts = small_chunks();
    opts.compression = c;
    const std::string a = bytes(write(run, "a.h5", opts));
    const std::string b = bytes(write(run, "b.h5", opts));
    ASSERT_FALSE(a.empty());
    EXPECT_TRUE(a == b) << compression_name(c);
  }
}

TEST_F(Hdf5SinkTest, DifferentRecordsGiveDifferentFiles) {
  EXPECT_NE(bytes(write(make_run(2500, 0), "a.h5")), bytes(write(make_run(2500, 1), "b.h5")));
}

TEST_F(Hdf5SinkTest, BackgroundAndInlineWritersGiveIdenticalBytes) {
  const SyntheticRun run = make_run(2500);
  const int flushes_before = g_fdatasyncs;
  const std::string background = bytes(write(run, "bg.h5", small_chunks(true)));
  EXPECT_EQ(g_fdatasyncs, flushes_before);  // under 1 MiB: left to the publication's fsync
  const std::string inline_ = bytes(write(run, "inline.h5", small_chunks(false)));
  ASSERT_FALSE(background.empty());
  ASSERT_LT(background.size(), size_t{1} << 20);
  EXPECT_TRUE(background == inline_);
}

// Past 1 MiB the background writer has the file flushed to disk as it grows; the inline one does
// not. The bytes are the same.
TEST_F(Hdf5SinkTest, BackgroundWriterFlushesALargeTraceAndWritesTheInlineWritersBytes) {
  const SyntheticRun run = make_run(40000);
  auto raw = [](bool background) {
    return Hdf5SinkOptions{.chunk_rows = 1000, .compression = Compression::kNone, .background_writer = background};
  };
  const int before_background = g_fdatasyncs;
  const std::string background = bytes(write(run, "bg.h5", raw(true)));
  ASSERT_GT(background.size(), size_t{2} << 20);
  EXPECT_GE(g_fdatasyncs - before_background, 1);
  const int before_inline = g_fdatasyncs;
  const std::string inline_ = bytes(write(run, "inline.h5", raw(false)));
  EXPECT_EQ(g_fdatasyncs, before_inline);
  EXPECT_TRUE(background == inline_);
}

// A failed background flush may have lost data that the publication's fsync does not report:
// the trace is not published.
TEST_F(Hdf5SinkTest, AFailedBackgroundFlushStopsThePublication) {
  const SyntheticRun run = make_run(40000);
  g_fail_fdatasyncs = true;
  const int before = g_fdatasyncs;
  try {
    write(run, "t.h5", Hdf5SinkOptions{.chunk_rows = 1000, .compression = Compression::kNone});
    ADD_FAILURE() << "end() returned";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("t.h5.part-"), std::string::npos) << e.what();
  }
  g_fail_fdatasyncs = false;
  EXPECT_GE(g_fdatasyncs - before, 1);
  EXPECT_FALSE(fs::exists(path("t.h5")));
  EXPECT_TRUE(starting_with("t.h5.").empty()) << "no temporary, no lock file left";
}

TEST_F(Hdf5SinkTest, NothingAppearsUnderTheFinalNameBeforeEnd) {
  const SyntheticRun run = make_run(2500);
  auto sink = make_hdf5_sink(path("t.h5"), small_chunks());
  sink->begin(run.info);
  for (const auto& r : run.requests) sink->on_request(r);
  EXPECT_FALSE(fs::exists(path("t.h5")));
  EXPECT_EQ(starting_with("t.h5.part-").size(), 1u);
  EXPECT_TRUE(fs::exists(path("t.h5.lock")));
  sink->end(run.summary);
  EXPECT_TRUE(fs::exists(path("t.h5")));
  EXPECT_TRUE(starting_with("t.h5.").empty()) << "no temporary, no lock file left";
}

TEST_F(Hdf5SinkTest, EndIncompleteKeepsTheTraceMarkedUnderTheInterruptedName) {
  const SyntheticRun run = make_run(2500);
  auto sink = make_hdf5_sink(path("t.h5"), small_chunks());
  sink->begin(run.info);
  for (const auto& r : run.requests) sink->on_request(r);
  sink->end_incomplete(run.summary, {"SIGTERM", "interrupted by SIGTERM"});
  EXPECT_FALSE(fs::exists(path("t.h5")));
  EXPECT_TRUE(starting_with("t.h5.").empty());
  ASSERT_TRUE(fs::exists(path("t.interrupted.h5")));
  const auto f = testing::open_file(path("t.interrupted.h5"));
  EXPECT_EQ(string_attr(f.get(), "status"), "interrupted");
  EXPECT_EQ(string_attr(f.get(), "stop_reason"), "SIGTERM");
  EXPECT_EQ(string_attr(f.get(), "stop_message"), "interrupted by SIGTERM");
  expect_requests_equal(f.get(), run.requests);
  // A complete trace carries no status.
  EXPECT_FALSE(testing::has_attr(testing::open_file(write(run, "c.h5")).get(), "status"));
}

TEST(Hdf5SinkPaths, InterruptedTracePath) {
  EXPECT_EQ(interrupted_trace_path("results/q.h5"), "results/q.interrupted.h5");
  EXPECT_EQ(interrupted_trace_path("q.h5"), "q.interrupted.h5");
  EXPECT_EQ(interrupted_trace_path("out/trace"), "out/trace.interrupted.h5");
  EXPECT_EQ(interrupted_trace_path("out/.h5"), "out/.h5.interrupted.h5");
  EXPECT_EQ(interrupted_trace_path(".h5"), ".h5.interrupted.h5");
}

TEST_F(Hdf5SinkTest, EndReplacesAnOlderFileUnderTheFinalName) {
  { std::ofstream(path("t.h5")) << "stale"; }
  write(make_run(10), "t.h5");
  EXPECT_EQ(string_attr(testing::open_file(path("t.h5")).get(), "schema"), "socsim-trace");
}

TEST_F(Hdf5SinkTest, AbortLeavesNoFile) {
  for (bool background : {true, false}) {
    const SyntheticRun run = make_run(2500);
    auto sink = make_hdf5_sink(path("t.h5"), small_chunks(background));
    sink->begin(run.info);
    for (const auto& r : run.requests) sink->on_request(r);
    sink->abort();
    EXPECT_TRUE(fs::is_empty(dir_)) << "background=" << background;
    EXPECT_EQ(testing::open_files(), 0);
  }
}

TEST_F(Hdf5SinkTest, DestroyingTheSinkBeforeEndLeavesNoFile) {
  const SyntheticRun run = make_run(2500);
  {
    auto sink = make_hdf5_sink(path("t.h5"), small_chunks());
    sink->begin(run.info);
    for (const auto& r : run.requests) sink->on_request(r);
  }
  EXPECT_TRUE(fs::is_empty(dir_));
  EXPECT_EQ(testing::open_files(), 0);
}

TEST_F(Hdf5SinkTest, MissingDirectoryThrowsIoErrorNamingThePath) {
  const std::string file = path("no/such/dir/t.h5");
  auto sink = make_hdf5_sink(file);
  try {
    sink->begin(make_run(1).info);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("No such file or directory"), std::string::npos) << e.what();
  }
}

TEST_F(Hdf5SinkTest, ReadOnlyDirectoryThrowsIoErrorNamingThePath) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  fs::create_directory(path("ro"));
  fs::permissions(path("ro"), fs::perms::owner_read | fs::perms::owner_exec);
  auto sink = make_hdf5_sink(path("ro/t.h5"));
  EXPECT_THROW(
      try { sink->begin(make_run(1).info); } catch (const IoError& e) {
        EXPECT_NE(std::string(e.what()).find(path("ro/t.h5")), std::string::npos) << e.what();
        throw;
      },
      IoError);
  fs::permissions(path("ro"), fs::perms::owner_all);
}

// A full disk while records stream in, simulated with a file size limit (writes beyond it fail
// with EFBIG). The limit is lifted before abort(): HDF5 can then close the file, as after ENOSPC
// once the sink has truncated it.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    old_signal_ = ::signal(SIGXFSZ, SIG_IGN);
    ::getrlimit(RLIMIT_FSIZE, &old_);
    rlimit limit = old_;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &old_);
    ::signal(SIGXFSZ, old_signal_);
  }

 private:
  rlimit old_{};
  sighandler_t old_signal_;
};

TEST_F(Hdf5SinkTest, WriteFailureSurfacesAtALaterAppendAsIoError) {
  for (bool background : {true, false}) {
    const SyntheticRun run = make_run(20000);
    auto sink = make_hdf5_sink(path("t.h5"), {.chunk_rows = 1000, .compression = Compression::kNone, .background_writer = background});
    sink->begin(run.info);
    {
      FileSizeLimit limit(64 * 1024);
      try {
        for (const auto& r : run.requests) sink->on_request(r);
        ADD_FAILURE() << "expected IoError, background=" << background;
      } catch (const IoError& e) {
        EXPECT_NE(std::string(e.what()).find(": cannot write /requests/"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(path("t.h5.part-")), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("File too large"), std::string::npos) << e.what();
      }
    }
    EXPECT_THROW(sink->end(run.summary), IoError) << "the error is sticky";
    sink->abort();
    EXPECT_TRUE(fs::is_empty(dir_)) << "background=" << background;
    EXPECT_EQ(testing::open_files(), 0) << "the file was closed, not abandoned";
  }
}

// The HDF5 file is created by the writer's first job: when that fails (here HDF5 refuses a config
// document named with a missing group), the failure surfaces at begin() (inline writer) or at a
// later call (background writer), never as a crash of the jobs queued behind it, and nothing is
// left behind.
TEST_F(Hdf5SinkTest, AFileThatCannotBeCreatedFailsTheRunAndLeavesNothing) {
  for (bool background : {true, false}) {
    SyntheticRun run = make_run(5000);
    run.info.config_json["no/such/group"] = "{}";
    auto sink = make_hdf5_sink(path("t.h5"), {.chunk_rows = 1000, .background_writer = background});
    try {
      run.replay(*sink);
      ADD_FAILURE() << "expected IoError, background=" << background;
    } catch (const IoError& e) {
      EXPECT_NE(std::string(e.what()).find(path("t.h5.part-")), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("no/such/group"), std::string::npos) << e.what();
    }
    sink->abort();
    EXPECT_TRUE(fs::is_empty(dir_)) << "background=" << background;
    EXPECT_EQ(testing::open_files(), 0) << "background=" << background;
  }
}

TEST_F(Hdf5SinkTest, FailedEndThrowsIoErrorAndLeavesNoPartFile) {
  fs::create_directories(path("t.h5/occupied"));  // rename onto a non-empty directory fails
  auto sink = make_hdf5_sink(path("t.h5"), small_chunks());
  try {
    make_run(10).replay(*sink);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(path("t.h5")), std::string::npos) << e.what();
  }
  EXPECT_TRUE(starting_with("t.h5.").empty());
  EXPECT_TRUE(fs::is_directory(path("t.h5/occupied")));
  EXPECT_EQ(testing::open_files(), 0);
}

TEST_F(Hdf5SinkTest, ASecondWriterOfTheSamePathIsRefusedAndTheFirstCompletes) {
  const SyntheticRun run = make_run(2500);
  auto first = make_hdf5_sink(path("t.h5"), small_chunks());
  first->begin(run.info);
  auto second = make_hdf5_sink(path("t.h5"), small_chunks());
  try {
    second->begin(run.info);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(path("t.h5") + ": is being written by another process"), std::string::npos)
        << e.what();
  }
  for (const auto& r : run.requests) first->on_request(r);
  first->end(run.summary);
  const auto f = testing::open_file(path("t.h5"));
  expect_requests_equal(f.get(), run.requests);
  EXPECT_TRUE(starting_with("t.h5.").empty());
}

TEST_F(Hdf5SinkTest, ALinkPlantedWhereTheOldTemporaryWasIsNeitherFollowedNorReplaced) {
  { std::ofstream(path("victim")) << "precious"; }
  fs::create_symlink(path("victim"), path("t.h5.part"));
  write(make_run(100), "t.h5");
  EXPECT_EQ(bytes(path("victim")), "precious");
  EXPECT_TRUE(fs::is_symlink(path("t.h5.part")));
  const auto f = testing::open_file(path("t.h5"));
  EXPECT_EQ(string_attr(f.get(), "schema"), "socsim-trace");
}

TEST_F(Hdf5SinkTest, ALinkPlantedAsTheLockFileIsRefusedNotFollowed) {
  { std::ofstream(path("victim")) << "precious"; }
  fs::create_symlink(path("victim"), path("t.h5.lock"));
  auto sink = make_hdf5_sink(path("t.h5"), small_chunks());
  try {
    sink->begin(make_run(1).info);
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("is a symbolic link"), std::string::npos) << e.what();
  }
  EXPECT_EQ(bytes(path("victim")), "precious");
  EXPECT_FALSE(fs::exists(path("t.h5")));
}

TEST_F(Hdf5SinkTest, ALinkAtTheFinalNameIsReplacedNotWrittenThrough) {
  { std::ofstream(path("victim")) << "precious"; }
  fs::create_symlink(path("victim"), path("t.h5"));
  write(make_run(100), "t.h5");
  EXPECT_EQ(bytes(path("victim")), "precious");
  EXPECT_FALSE(fs::is_symlink(path("t.h5")));
}

TEST(Hdf5SinkContract, RecordsBeforeBeginAreRejected) {
  auto sink = make_hdf5_sink("never_written.h5");
  EXPECT_THROW(sink->on_request(RequestRecord{}), std::logic_error);
}

TEST(Hdf5SinkOptions, RejectsOutOfRangeOptions) {
  EXPECT_THROW(make_hdf5_sink("x.h5", {.chunk_rows = 0}), std::invalid_argument);
  EXPECT_THROW(make_hdf5_sink("x.h5", {.deflate_level = 10}), std::invalid_argument);
}

}  // namespace
}  // namespace socsim::trace
