// `socsim profile import`: parsing TFLite benchmark_model logs (samples in the tool's real output
// format under tests/data/benchmark_model/) and planning the profiles-file update.
#include "sim/library/profile_import.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/config/config_test_support.h"

namespace socsim::config {
namespace {

namespace fs = std::filesystem;

using testing::diagnostics_of;
using testing::has_diagnostic;

std::string sample(const std::string& name) { return std::string(SOCSIM_TEST_DATA) + "/benchmark_model/" + name; }

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<Diagnostic> log_errors(const std::string& text) {
  return diagnostics_of([&] { parse_benchmark_log_text(text, "run.log"); });
}

// ---- the parser on the real-format samples ----

TEST(BenchmarkLog, CpuRunWithInfoPrefixes) {
  const BenchmarkLog log = parse_benchmark_log(sample("efficientnet_lite0_fp32_cpu4.log"));
  ASSERT_TRUE(log.timed);
  EXPECT_EQ(log.timed->line, 17);  // the second run (the first is the warm-up)
  EXPECT_EQ(log.timed->count, 92);
  EXPECT_DOUBLE_EQ(log.timed->min_us, 10652);
  EXPECT_DOUBLE_EQ(log.timed->max_us, 12973);
  EXPECT_DOUBLE_EQ(log.mean_us, 10934.6);
  ASSERT_TRUE(log.sd_us);
  EXPECT_DOUBLE_EQ(*log.sd_us, 412);
  EXPECT_DOUBLE_EQ(log.init_us, 41352);
  EXPECT_EQ(log.summary_line, 19);
  EXPECT_DOUBLE_EQ(log.footprint_init_mb.value(), 32.2734);
  EXPECT_DOUBLE_EQ(log.footprint_overall_mb.value(), 38.9023);
  EXPECT_DOUBLE_EQ(log.peak_mb.value(), 44.8516);
  EXPECT_EQ(log.num_threads, 4);
  EXPECT_FALSE(log.delegate);
}

TEST(BenchmarkLog, GpuRunInTheOlderUnprefixedFormat) {
  const BenchmarkLog log = parse_benchmark_log(sample("efficientnet_lite0_fp16_gpu.log"));
  EXPECT_DOUBLE_EQ(log.mean_us, 6127.3);
  EXPECT_DOUBLE_EQ(log.sd_us.value(), 236);
  EXPECT_DOUBLE_EQ(log.init_us, 912447);
  EXPECT_DOUBLE_EQ(log.footprint_overall_mb.value(), 68.0039);  // "Peak memory footprint (MB): ..."
  EXPECT_FALSE(log.peak_mb);
  EXPECT_EQ(log.delegate, "gpu");
  EXPECT_EQ(log.delegate_line, 4);
  EXPECT_FALSE(log.num_threads);
}

TEST(BenchmarkLog, NnapiRun) {
  const BenchmarkLog log = parse_benchmark_log(sample("efficientnet_lite0_fx8_nnapi.log"));
  EXPECT_DOUBLE_EQ(log.mean_us, 1655.82);
  EXPECT_DOUBLE_EQ(log.sd_us.value(), 113);
  EXPECT_EQ(log.timed->count, 604);
  EXPECT_EQ(log.delegate, "nnapi");
  EXPECT_DOUBLE_EQ(log.footprint_overall_mb.value(), 17.2617);
}

TEST(BenchmarkLog, LogcatPrefixesScientificNotationAndASingleWarmupRun) {
  const BenchmarkLog log = parse_benchmark_log(sample("albert_base_fp32_cpu1_logcat.log"));
  EXPECT_DOUBLE_EQ(log.mean_us, 1.01873e6);
  EXPECT_DOUBLE_EQ(log.sd_us.value(), 21407);
  EXPECT_EQ(log.timed->count, 50);
  EXPECT_EQ(log.num_threads, 1);
  EXPECT_DOUBLE_EQ(log.init_us, 83417);
}

TEST(BenchmarkLog, RunWhoseTimesWereAllEqual) {
  const BenchmarkLog log = parse_benchmark_log_text(
      "Running benchmark for at least 1 iterations and at least 0.5 seconds but terminate if exceeding 150 seconds.\n"
      "count=3 curr=900(all same)\n"
      "Running benchmark for at least 50 iterations and at least 1 seconds but terminate if exceeding 150 seconds.\n"
      "count=50 curr=812(all same)\n"
      "Inference timings in us: Init: 10, First inference: 900, Warmup (avg): 900, Inference (avg): 812\n",
      "run.log");
  EXPECT_DOUBLE_EQ(log.mean_us, 812);
  EXPECT_DOUBLE_EQ(log.sd_us.value(), 0);
}

TEST(BenchmarkLog, SummaryAloneGivesTheMeanWithoutSpread) {
  const BenchmarkLog log = parse_benchmark_log_text(
      "INFO: Inference timings in us: Init: 3337, First inference: 81913, Warmup (avg): 58984.7, Inference (avg): "
      "56265.8\n",
      "run.log");
  EXPECT_FALSE(log.timed);
  EXPECT_DOUBLE_EQ(log.mean_us, 56265.8);
  EXPECT_FALSE(log.sd_us);
}

// ---- malformed logs ----

TEST(BenchmarkLog, EmptyLog) {
  auto diags = diagnostics_of([] { parse_benchmark_log(sample("empty.log")); });
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_TRUE(has_diagnostic(diags, {"empty.log: error: empty log"}));
}

TEST(BenchmarkLog, TruncatedLogNamesTheCutLineAndTheMissingSummary) {
  auto diags = diagnostics_of([] { parse_benchmark_log(sample("truncated.log")); });
  EXPECT_TRUE(has_diagnostic(diags, {"truncated.log:17: error:", "stop short: no max=, avg=, std="}));
  EXPECT_TRUE(has_diagnostic(diags, {"no \"Inference timings in us:\" summary line after the run started on line 16"}));
}

TEST(BenchmarkLog, GarbageNumbersAreReportedWithTheirLine) {
  auto diags = diagnostics_of([] { parse_benchmark_log(sample("garbage_numbers.log")); });
  EXPECT_TRUE(has_diagnostic(diags, {"garbage_numbers.log:17: error:", "bad value \"10934.6.2\" for avg="}));
  EXPECT_TRUE(has_diagnostic(diags, {"bad value \"4l2\" for std="}));
}

TEST(BenchmarkLog, MissingFile) {
  EXPECT_TRUE(has_diagnostic(diagnostics_of([] { parse_benchmark_log(sample("no_such.log")); }),
                             {"no_such.log: error: cannot read file"}));
}

TEST(BenchmarkLog, TextThatIsNotABenchmarkLog) {
  EXPECT_TRUE(has_diagnostic(log_errors("hello\nworld\n"),
                             {"run.log: error: no \"Inference timings in us:\" summary line (expected the output"}));
}

TEST(BenchmarkLog, SummaryCutShort) {
  EXPECT_TRUE(has_diagnostic(log_errors("Inference timings in us: Init: 41352, First inference: 19236\n"),
                             {"run.log:1: error: no \"Inference (avg):\" in the summary line"}));
}

TEST(BenchmarkLog, TimedRunWithoutStatistics) {
  const std::string text = read(sample("efficientnet_lite0_fp32_cpu4.log"));
  EXPECT_TRUE(has_diagnostic(log_errors(replaced(text, "INFO: count=92 ", "INFO: ")),
                             {"run.log:19: error: the timed run started on line 16 has no"}));
}

TEST(BenchmarkLog, DryRunWithNoInferences) {
  EXPECT_TRUE(has_diagnostic(
      log_errors("Running benchmark for at least 0 iterations and at least -1 seconds but terminate if exceeding 150 "
                 "seconds.\ncount=0\nInference timings in us: Init: 10, First inference: nan, Warmup (avg): nan, "
                 "Inference (avg): nan\n"),
      {"run.log:2: error: the timed run made no inferences (count=0"}));
}

TEST(BenchmarkLog, StatisticsThatDisagreeWithTheSummary) {
  const std::string text = read(sample("efficientnet_lite0_fp32_cpu4.log"));
  EXPECT_TRUE(
      has_diagnostic(log_errors(replaced(text, "Inference (avg): 10934.6", "Inference (avg): 12934.6")),
                     {"run.log:19: error: \"Inference (avg): 12934.6\" differs from the timed run's avg=10934.6"}));
}

TEST(BenchmarkLog, TwoRunsInOneLog) {
  const std::string text = read(sample("efficientnet_lite0_fp32_cpu4.log"));
  EXPECT_TRUE(has_diagnostic(log_errors(text + text), {"2 benchmark summaries", "expected the log of one run"}));
}

TEST(BenchmarkLog, FailedBenchmark) {
  const std::string text = read(sample("efficientnet_lite0_fp32_cpu4.log"));
  EXPECT_TRUE(has_diagnostic(log_errors(text + "Benchmarking failed.\n"), {"the benchmark failed"}));
}

// ---- planning the import ----

ImportRequest request(const std::string& variant, const std::string& precision, const std::string& engine, int threads,
                      const std::string& root = SOCSIM_SOURCE_DIR) {
  ImportRequest r;
  r.soc = "snapdragon865";
  r.variant = variant;
  r.precision = precision;
  r.engine = engine;
  r.threads = threads;
  r.models_dir = root + "/models";
  return r;
}

// A scratch copy of the shipped socs/ and models/, removed at the end of the test.
class ScratchLibrary {
 public:
  ScratchLibrary() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::path(::testing::TempDir()) /
            ("socsim_import_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    for (const char* dir : {"socs", "models"})
      fs::copy(fs::path(SOCSIM_SOURCE_DIR) / dir, root_ / dir, fs::copy_options::recursive);
  }
  ~ScratchLibrary() { fs::remove_all(root_); }
  std::string root() const { return root_.string(); }
  std::string profiles(const std::string& soc) const {
    return (root_ / "models" / "profiles" / (soc + ".json")).string();
  }

 private:
  fs::path root_;
};

TEST(ProfileImport, UpdatesTheExistingEntryInPlace) {
  const BenchmarkLog log = parse_benchmark_log(sample("efficientnet_lite0_fp32_cpu4.log"));
  const ImportPlan plan = plan_profile_import(log, request("efficientnet_lite0", "fp32", "cpu", 4));
  EXPECT_EQ(plan.action, ImportPlan::Action::kUpdated);
  EXPECT_EQ(plan.entry_pointer, "/profiles/2");
  EXPECT_EQ(plan.profiles_file, std::string(SOCSIM_SOURCE_DIR) + "/models/profiles/snapdragon865.json");
  EXPECT_NE(plan.entry_text.find("\"latency_ms\": 10.9346,"), std::string::npos) << plan.entry_text;
  EXPECT_NE(plan.entry_text.find("\"latency_sd_ms\": 0.412,"), std::string::npos);
  EXPECT_NE(
      plan.entry_text.find("\"source\": \"imported from efficientnet_lite0_fp32_cpu4.log (TFLite benchmark_model) "
                           "on snapdragon865 cpu with 4 threads"),
      std::string::npos);
  EXPECT_NE(plan.entry_text.find("\"estimated\": false\n}"), std::string::npos);
  EXPECT_EQ(plan.entry_text.find("method"), std::string::npos);
  // bytes per inference kept: 16 GB/s at 11.212 ms becomes 16 x 11.212 / 10.9346 GB/s
  EXPECT_NE(plan.entry_text.find("\"bandwidth_gbps\": 16.41,"), std::string::npos);

  // Only the entry changed: the text before and after it is the file's own.
  const std::string before = read(plan.profiles_file);
  const std::string head =
      "    {\n      \"variant\": \"efficientnet_lite0\",\n      \"precision\": \"fp32\",\n"
      "      \"engine\": \"cpu\",\n      \"threads\": 4,";
  const size_t start = before.find(head);
  ASSERT_NE(start, std::string::npos);
  EXPECT_EQ(plan.text.substr(0, start + head.size()), before.substr(0, start + head.size()));
  const size_t next = before.find("\n    },\n", start);
  const size_t next_new = plan.text.find("\n    },\n", start);
  EXPECT_EQ(plan.text.substr(next_new), before.substr(next));
  EXPECT_EQ(plan.family_file, std::string(SOCSIM_SOURCE_DIR) + "/models/efficientnet_lite.json");
  EXPECT_EQ(plan.build_pointer, "/variants/0/precisions/0");
  EXPECT_EQ(plan.engine_kind, "cpu");
  EXPECT_TRUE(plan.family_load_ms && plan.family_memory_mib);
  EXPECT_TRUE(plan.warnings.empty());
}

TEST(ProfileImport, InsertsANewEntryAtItsSortedPosition) {
  const BenchmarkLog log = parse_benchmark_log_text(
      replaced(read(sample("efficientnet_lite0_fp32_cpu4.log")), "Num threads: [4]", "Num threads: [3]"), "cpu3.log");
  const ImportPlan plan = plan_profile_import(log, request("efficientnet_lite0", "fp32", "cpu", 3));
  EXPECT_EQ(plan.action, ImportPlan::Action::kInserted);
  EXPECT_EQ(plan.entry_pointer, "/profiles/2");  // after threads 1 and 2, before threads 4
  // no entry for 3 threads: bandwidth from the nearest thread count's entry
  EXPECT_NE(plan.entry_text.find("scaled from the 2-thread entry"), std::string::npos) << plan.entry_text;
}

TEST(ProfileImport, AppendsToAFileThatIsNotSorted) {
  ScratchLibrary lib;
  write(lib.profiles("snapdragon865"),
        "{\n  \"soc\": \"snapdragon865\",\n  \"profiles\": [\n"
        "    {\"variant\": \"efficientnet_lite0\", \"precision\": \"fp32\", \"engine\": \"gpu\", \"latency_ms\": 8, "
        "\"source\": \"test\"},\n"
        "    {\"variant\": \"efficientnet_lite0\", \"precision\": \"fp32\", \"engine\": \"cpu\", \"threads\": 4, "
        "\"latency_ms\": 11, \"source\": \"test\"}\n  ]\n}\n");
  const BenchmarkLog log = parse_benchmark_log(sample("efficientnet_lite0_fp16_gpu.log"));
  const ImportPlan plan = plan_profile_import(log, request("efficientnet_lite0", "fp16", "gpu", 0, lib.root()));
  EXPECT_EQ(plan.action, ImportPlan::Action::kAppended);
  EXPECT_EQ(plan.entry_pointer, "/profiles/2");
  EXPECT_EQ(plan.entry_text.find("bandwidth_gbps"), std::string::npos);  // no entry of this design to scale from
}

TEST(ProfileImport, CreatesTheProfilesFileOfASocWithoutOne) {
  ScratchLibrary lib;
  fs::remove(lib.profiles("snapdragon865"));
  const BenchmarkLog log = parse_benchmark_log(sample("efficientnet_lite0_fx8_nnapi.log"));
  const ImportPlan plan = plan_profile_import(log, request("efficientnet_lite0", "fx8", "npu", 0, lib.root()));
  EXPECT_EQ(plan.action, ImportPlan::Action::kCreated);
  EXPECT_EQ(plan.entry_pointer, "/profiles/0");
  EXPECT_EQ(plan.text.rfind("{\n  \"soc\": \"snapdragon865\",\n  \"description\": ", 0), 0u) << plan.text;
}

TEST(ProfileImport, TheResultIsRevalidatedWithTheLibrary) {
  // A spread larger than the mean passes the parser but not the loader's checks.
  const BenchmarkLog log = parse_benchmark_log_text(
      replaced(read(sample("efficientnet_lite0_fp16_gpu.log")), "avg=6127.3 std=236", "avg=6127.3 std=7236"),
      "wide.log");
  auto diags = diagnostics_of([&] { plan_profile_import(log, request("efficientnet_lite0", "fp16", "gpu", 0)); });
  EXPECT_TRUE(has_diagnostic(diags, {"snapdragon865.json: error: /profiles/9/latency_sd_ms: spread 7.236 ms is larger",
                                     "[in the imported entry]"}));
}

TEST(ProfileImport, EngineThatDoesNotRunThePrecisionFailsTheRevalidation) {
  const BenchmarkLog log = parse_benchmark_log(sample("efficientnet_lite0_fx8_nnapi.log"));
  auto diags = diagnostics_of([&] { plan_profile_import(log, request("efficientnet_lite0", "fx8", "gpu", 0)); });
  EXPECT_TRUE(has_diagnostic(diags, {"/precision: gpu engine \"gpu\" does not run fx8", "[in the imported entry]"}));
}

TEST(ProfileImport, RequestErrorsNameTheFileAtFault) {
  const BenchmarkLog log = parse_benchmark_log(sample("efficientnet_lite0_fp32_cpu4.log"));
  EXPECT_TRUE(has_diagnostic(diagnostics_of([&] {
                               ImportRequest r = request("efficientnet_lite0", "fp32", "cpu", 4);
                               r.soc = "snapdragon999";
                               plan_profile_import(log, r);
                             }),
                             {"socs: error: unknown SoC \"snapdragon999\" (expected one of:", "snapdragon865"}));
  auto diags = diagnostics_of([&] { plan_profile_import(log, request("mobilevit_xxs", "fx8", "tpu", 4)); });
  EXPECT_TRUE(has_diagnostic(diags, {"mobilevit.json: error: variant \"mobilevit_xxs\" has no fx8 build"}));
  EXPECT_TRUE(has_diagnostic(diags, {"snapdragon865.json: error: /processors: unknown processor \"tpu\""}));
  EXPECT_TRUE(
      has_diagnostic(diagnostics_of([&] { plan_profile_import(log, request("efficientnet_lite0", "fp32", "cpu", 0)); }),
                     {"/processors/0: cpu engine \"cpu\" needs --threads 1..8"}));
  EXPECT_TRUE(
      has_diagnostic(diagnostics_of([&] { plan_profile_import(log, request("efficientnet_lite0", "fp32", "gpu", 4)); }),
                     {"/processors/1: --threads given for gpu engine \"gpu\""}));
  EXPECT_TRUE(
      has_diagnostic(diagnostics_of([&] { plan_profile_import(log, request("efficientnet_lite0", "fp32", "cpu", 2)); }),
                     {"efficientnet_lite0_fp32_cpu4.log:3: error: the run used 4 threads"}));
}

TEST(ProfileImport, DelegateThatDoesNotFitTheEngineIsAWarning) {
  const BenchmarkLog log = parse_benchmark_log(sample("efficientnet_lite0_fp16_gpu.log"));
  const ImportPlan plan = plan_profile_import(log, request("efficientnet_lite0", "fp16", "cpu", 4));
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_NE(plan.warnings[0].find("used the gpu delegate, but engine \"cpu\" is a cpu processor"), std::string::npos);
}

TEST(SocsByName, DefaultFolderAndNames) {
  EXPECT_EQ(default_socs_dir("models"), "socs");
  EXPECT_EQ(default_socs_dir("/x/models/"), "/x/socs");
  const auto names = soc_names(std::string(SOCSIM_SOURCE_DIR) + "/socs");
  EXPECT_NE(std::find(names.begin(), names.end(), "tensor_g2"), names.end());
  EXPECT_EQ(load_soc_named(std::string(SOCSIM_SOURCE_DIR) + "/socs", "tensor_g2").name, "tensor_g2");
}

}  // namespace
}  // namespace socsim::config
