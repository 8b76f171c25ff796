// Parsing the output of TensorFlow Lite's benchmark_model tool (tensorflow/lite/tools/benchmark:
// BenchmarkModel::Run prints each run's statistics, BenchmarkLoggingListener::OnBenchmarkEnd the
// summary and memory lines). See profile_import.h for what is extracted.
#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

#include "sim/config/diagnostics_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/library/profile_import.h"

namespace socsim::config {
namespace {

constexpr size_t kMaxLogBytes = 64u << 20;

constexpr std::string_view kRunStart = "Running benchmark for at least ";
constexpr std::string_view kSummary = "Inference timings in us: ";
constexpr std::string_view kFootprint = "Memory footprint delta from the start of the tool (MB): ";
constexpr std::string_view kFootprintOld = "Peak memory footprint (MB): ";  // TFLite before 2.4
constexpr std::string_view kPeak = "Overall peak memory footprint (MB) via periodic monitoring: ";
constexpr std::string_view kThreads = "Num threads: [";
constexpr std::string_view kAllSame = "(all same)";
constexpr std::string_view kFailed = "Benchmarking failed";

// "Use gpu: [1]" (older versions: "Use gpu : [1]"), matched case-insensitively without spaces.
constexpr std::pair<std::string_view, std::string_view> kDelegates[] = {
    {"usegpu:[1]", "gpu"}, {"usennapi:[1]", "nnapi"}, {"usehexagon:[1]", "hexagon"}};

std::optional<double> parse_number(std::string_view text) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

// The text after `marker` in `line`, if the line contains it.
std::optional<std::string_view> after(std::string_view line, std::string_view marker) {
  const size_t at = line.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  return line.substr(at + marker.size());
}

std::string squeezed_lower(std::string_view line) {
  std::string out;
  for (char c : line)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Reads the numbers of one log line and reports the bad ones at that line.
class LineReader {
 public:
  LineReader(Reporter& r, int line) : r_(r), line_(line) {}

  // `text` as a finite number >= 0, else reported as the value of `what`.
  std::optional<double> number(std::string_view text, std::string_view what) {
    std::optional<double> v = parse_number(text);
    if (!v || !std::isfinite(*v) || *v < 0) {
      r_.error({}, fmt::format("bad value {} for {} (expected a finite number >= 0)", quote(text), what), line_);
      return std::nullopt;
    }
    return v;
  }

  // The value of `key` in `values`, as number(); a missing key is reported.
  std::optional<double> field(const std::map<std::string, std::string_view, std::less<>>& values, std::string_view key,
                              std::string_view where) {
    auto it = values.find(key);
    if (it == values.end()) {
      r_.error({}, fmt::format("no {}= in {} (the line is cut short or not benchmark_model's)", key, where), line_);
      return std::nullopt;
    }
    return number(it->second, fmt::format("{}=", key));
  }

 private:
  Reporter& r_;
  int line_;
};

// "key=value key=value ..." -> {key: value}.
std::map<std::string, std::string_view, std::less<>> key_values(std::string_view text) {
  std::map<std::string, std::string_view, std::less<>> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view token = text.substr(i, end - i);
    const size_t eq = token.find('=');
    if (eq != std::string_view::npos) out.emplace(std::string(token.substr(0, eq)), token.substr(eq + 1));
    i = end;
  }
  return out;
}

// "Init: 855, First inference: 49060, ..." -> {"Init": "855", ...}.
std::map<std::string, std::string_view, std::less<>> labelled_values(std::string_view text) {
  std::map<std::string, std::string_view, std::less<>> out;
  while (!text.empty()) {
    size_t end = text.find(", ");
    std::string_view item = text.substr(0, end);
    const size_t colon = item.find(": ");
    if (colon != std::string_view::npos) out.emplace(std::string(item.substr(0, colon)), item.substr(colon + 2));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 2);
  }
  return out;
}

std::string_view trim_end(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// One "Running benchmark ..." block: where it starts and its statistics, once seen.
struct Block {
  int line = 0;
  bool has_stats = false;
  std::optional<BenchmarkRun> stats;  // absent when has_stats but the line was bad (reported)
};

class LogParser {
 public:
  LogParser(const std::string& file, Diagnostics& d) : r_(d, file) { log_.file = file; }

  void line(std::string_view text, int n) {
    text = trim_end(text);
    if (!text.empty()) any_text_ = true;
    if (text.find(kFailed) != std::string_view::npos)
      r_.error({}, "the benchmark failed (\"Benchmarking failed\"; expected the log of a completed run)", n);
    if (after(text, kRunStart)) {
      blocks_.push_back({n, false, std::nullopt});
    } else if (auto stats = statistics_text(text); stats && awaiting_stats()) {
      blocks_.back().has_stats = true;
      blocks_.back().stats = run_stats(*stats, n);
    }
    if (auto rest = after(text, kSummary)) summaries_.push_back({n, std::string(*rest)});
    if (auto rest = after(text, kFootprint)) footprint(*rest, n);
    if (auto rest = after(text, kFootprintOld)) footprint(*rest, n);
    if (auto rest = after(text, kPeak)) log_.peak_mb = LineReader(r_, n).number(*rest, "the peak memory footprint");
    if (auto rest = after(text, kThreads)) threads(*rest, n);
    const std::string squeezed = squeezed_lower(text);
    for (const auto& [marker, name] : kDelegates)
      if (squeezed.find(marker) != std::string::npos) {
        log_.delegate = std::string(name);
        log_.delegate_line = n;
      }
  }

  // Reports what is missing or inconsistent; the log is valid when nothing was reported.
  BenchmarkLog finish() {
    if (!any_text_) {
      r_.error({}, "empty log (expected the output of TensorFlow Lite's benchmark_model tool)");
      return log_;
    }
    if (summaries_.empty()) {
      no_summary();
      return log_;
    }
    if (summaries_.size() > 1) {
      std::vector<std::string> lines;
      for (const auto& s : summaries_) lines.push_back(std::to_string(s.line));
      r_.error(
          {},
          fmt::format("{} benchmark summaries \"Inference timings in us:\" (lines {}; expected the log of one run)",
                      summaries_.size(), join(lines)),
          summaries_[1].line);
      return log_;
    }
    summary(summaries_[0].text, summaries_[0].line);
    return log_;
  }

 private:
  struct Summary {
    int line;
    std::string text;
  };

  bool awaiting_stats() const { return !blocks_.empty() && !blocks_.back().has_stats && summaries_.empty(); }

  // The statistics part of a line ("count=..."), when the line has one at a word start.
  static std::optional<std::string_view> statistics_text(std::string_view text) {
    for (size_t at = text.find("count="); at != std::string_view::npos; at = text.find("count=", at + 1))
      if (at == 0 || text[at - 1] == ' ') return text.substr(at);
    return std::nullopt;
  }

  std::optional<BenchmarkRun> run_stats(std::string_view text, int n) {
    LineReader in(r_, n);
    const bool all_same = text.find(kAllSame) != std::string_view::npos;
    std::string plain(text.substr(0, text.find(kAllSame)));
    const auto values = key_values(plain);
    BenchmarkRun run;
    run.line = n;
    std::optional<double> count = in.field(values, "count", "the run's statistics");
    if (!count) return std::nullopt;
    run.count = static_cast<int64_t>(*count);
    if (run.count == 0) return run;
    // "count=N curr=T" (with "(all same)" when N > 1): every run took T.
    if (all_same || (values.size() == 2 && values.contains("curr"))) {
      std::optional<double> curr = in.field(values, "curr", "the run's statistics");
      if (!curr) return std::nullopt;
      run.min_us = run.max_us = run.avg_us = *curr;
      return run;
    }
    std::vector<std::string> missing;
    for (const char* key : {"min", "max", "avg", "std"})
      if (!values.contains(key)) missing.push_back(std::string(key) + "=");
    if (!missing.empty()) {
      r_.error({},
               fmt::format("the run's statistics stop short: no {} (the line is cut or not benchmark_model's)",
                           join(missing)),
               n);
      return std::nullopt;
    }
    std::optional<double> min = in.field(values, "min", "the run's statistics");
    std::optional<double> max = in.field(values, "max", "the run's statistics");
    std::optional<double> avg = in.field(values, "avg", "the run's statistics");
    std::optional<double> sd = in.field(values, "std", "the run's statistics");
    if (!min || !max || !avg || !sd) return std::nullopt;
    run.min_us = *min;
    run.max_us = *max;
    run.avg_us = *avg;
    run.std_us = *sd;
    return run;
  }

  void footprint(std::string_view text, int n) {
    LineReader in(r_, n);
    const auto values = key_values(text);
    log_.footprint_init_mb = in.field(values, "init", "the memory footprint");
    log_.footprint_overall_mb = in.field(values, "overall", "the memory footprint");
  }

  void threads(std::string_view text, int n) {
    const size_t close = text.find(']');
    std::optional<double> v = parse_number(text.substr(0, close));
    if (close == std::string_view::npos || !v || *v != std::floor(*v)) {
      r_.error({}, fmt::format("bad thread count {} (expected \"Num threads: [N]\")", quote(text)), n);
      return;
    }
    if (*v < 1) return;  // -1: the tool's default (not set)
    log_.num_threads = static_cast<int>(*v);
    log_.threads_line = n;
  }

  void no_summary() {
    const std::string missing = "no \"Inference timings in us:\" summary line";
    if (blocks_.empty())
      r_.error({}, missing + " (expected the output of TensorFlow Lite's benchmark_model tool)");
    else
      r_.error({}, fmt::format("{} after the run started on line {} (the log is truncated or the run did not finish)",
                               missing, blocks_.back().line));
  }

  void summary(std::string_view text, int n) {
    log_.summary_line = n;
    LineReader in(r_, n);
    const auto values = labelled_values(text);
    const auto get = [&](std::string_view label) -> std::optional<double> {
      auto it = values.find(label);
      if (it == values.end()) {
        r_.error({}, fmt::format("no \"{}:\" in the summary line (the line is cut short)", label), n);
        return std::nullopt;
      }
      return in.number(it->second, fmt::format("\"{}\"", label));
    };
    std::optional<double> init = get("Init");
    std::optional<double> inference = get("Inference (avg)");
    if (init) log_.init_us = *init;
    timed_run(inference, n);
  }

  // The timed run is the last block before the summary; without any, the summary gives the mean.
  void timed_run(std::optional<double> inference_avg, int summary_line) {
    if (blocks_.empty()) {
      if (inference_avg) log_.mean_us = *inference_avg;
      positive_mean(summary_line);
      return;
    }
    const Block& timed = blocks_.back();
    if (!timed.has_stats) {
      r_.error({},
               fmt::format("the timed run started on line {} has no \"count=... avg=... std=...\" statistics line "
                           "(the log is truncated or edited)",
                           timed.line),
               summary_line);
      return;
    }
    if (!timed.stats) return;  // its bad line is reported
    const BenchmarkRun& run = *timed.stats;
    if (run.count == 0) {
      r_.error({}, "the timed run made no inferences (count=0; expected a run without --dry_run)", run.line);
      return;
    }
    log_.timed = run;
    log_.mean_us = run.avg_us;
    log_.sd_us = run.std_us;
    if (inference_avg && std::fabs(*inference_avg - run.avg_us) > 1e-6 * run.avg_us)
      r_.error({},
               fmt::format("\"Inference (avg): {}\" differs from the timed run's avg={} on line {} (expected the "
                           "same run; the log mixes two runs)",
                           number_text(*inference_avg), number_text(run.avg_us), run.line),
               summary_line);
    positive_mean(run.line);
  }

  void positive_mean(int n) {
    if (log_.mean_us <= 0 && r_.errors() == 0)
      r_.error({}, "mean inference time is 0 us (expected a positive latency)", n);
  }

  Reporter r_;
  BenchmarkLog log_;
  std::vector<Block> blocks_;
  std::vector<Summary> summaries_;
  bool any_text_ = false;
};

}  // namespace

BenchmarkLog parse_benchmark_log_text(const std::string& text, const std::string& file) {
  Diagnostics d;
  LogParser parser(file, d);
  int n = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    parser.line(std::string_view(text).substr(start, end - start), ++n);
    start = end + 1;
  }
  BenchmarkLog log = parser.finish();
  d.throw_if_any();
  return log;
}

BenchmarkLog parse_benchmark_log(const std::string& path) {
  Diagnostics d;
  Reporter r(d, path);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    r.error({}, fmt::format("cannot read file: {}", std::strerror(errno)));
    d.throw_all();
  }
  std::string text;
  char buffer[1 << 16];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, f.get())) > 0 && text.size() <= kMaxLogBytes)
    text.append(buffer, got);
  if (std::ferror(f.get())) r.error({}, fmt::format("cannot read file: {}", std::strerror(errno)));
  if (text.size() > kMaxLogBytes)
    r.error({}, fmt::format("file is larger than {} MiB (expected a benchmark_model log)", kMaxLogBytes >> 20));
  d.throw_if_any();
  return parse_benchmark_log_text(text, path);
}

}  // namespace socsim::config
