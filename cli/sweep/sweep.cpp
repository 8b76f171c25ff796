#include "cli/sweep/sweep.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "cli/sweep/scheduler_check.h"
#include "sim/core/error.h"
#include "sim/core/sha256.h"
#include "sim/sched/registry.h"
#include "sim/trace_hdf5/durable_file.h"
#include "solver/register.h"

namespace socsim::cli {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string duration_text(double s) {
  const long t = static_cast<long>(s + 0.5);
  return t >= 3600 ? fmt::format("{}h{:02}m", t / 3600, t / 60 % 60) : fmt::format("{}m{:02}s", t / 60, t % 60);
}

}  // namespace

Sweep plan_sweep(const std::string& campaign_path, bool force) {
  Sweep s;
  s.campaign = config::load_campaign(campaign_path);
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  config::ExpandOptions opts;
  opts.force = force;
  opts.check = [&](const spec::Scenario& sc) { return check_scheduler(registry, sc); };
  s.runs = config::expand_campaign(s.campaign, opts);
  return s;
}

Shard parse_shard(const std::string& text) {
  Shard s;
  char slash = 0, extra = 0;
  std::istringstream in(text);
  if (!(in >> s.k >> slash >> s.n) || slash != '/' || (in >> extra) || s.n == 0 || s.k == 0 || s.k > s.n ||
      text.find('-') != std::string::npos)
    throw UsageError("--shard wants K/N with 1 <= K <= N, e.g. 2/8, got \"" + text + "\"");
  return s;
}

namespace {

// DIR holds this campaign's runs, made from other data or by another socsim build: the ids of the
// runs that changed are not in `sweep`. Drops their manifest lines, traces, logs and scenarios so
// that they run again, and records the new plan.
void replan(const fs::path& dir, const config::RunPlan& old, const Sweep& sweep) {
  std::set<std::string> current;
  for (const auto& r : sweep.runs) current.insert(r.id);
  size_t stale = 0;
  for (const auto& r : old.runs) {
    if (current.count(r.id)) continue;
    ++stale;
    std::error_code ec;
    fs::remove(dir / "runs" / (r.id + ".h5"), ec);
    fs::remove(dir / "runs" / (r.id + ".h5.part"), ec);
    fs::remove(dir / "logs" / (r.id + ".log"), ec);
    fs::remove(dir / "scenarios" / (r.id + ".json"), ec);
  }
  std::ifstream in(dir / "manifest.jsonl");
  std::string line, kept;
  while (std::getline(in, line)) {
    const auto e = config::parse_manifest_line(line);
    if (e && current.count(e->id)) kept += line + "\n";
  }
  in.close();
  if (fs::exists(dir / "manifest.jsonl")) trace::publish_text((dir / "manifest.jsonl").string(), kept);
  std::cerr << fmt::format("socsim: {} of {} runs in {} were made from other SoC, model or profile data or by another "
                           "socsim build; running them again\n",
                           stale, old.runs.size(), dir.string());
  trace::publish_text((dir / "campaign.json").string(), config::plan_json(sweep.campaign, sweep.runs));
}

}  // namespace

void prepare_dir(const std::string& dir, const Sweep& sweep, bool resume) {
  std::error_code ec;
  for (const char* sub : {"runs", "scenarios", "logs"}) {
    fs::create_directories(fs::path(dir) / sub, ec);
    if (ec) throw IoError("cannot create " + (fs::path(dir) / sub).string() + ": " + ec.message());
  }
  const fs::path plan_path = fs::path(dir) / "campaign.json";
  if (fs::exists(plan_path)) {
    const config::RunPlan plan = config::read_plan(plan_path.string());
    bool same = plan.runs.size() == sweep.runs.size();
    for (size_t i = 0; same && i < plan.runs.size(); ++i) same = plan.runs[i].id == sweep.runs[i].id;
    if (same) return;
    const bool same_campaign = plan.runs.size() == sweep.runs.size() && plan.campaign_sha256 == sha256_hex(sweep.campaign.text);
    if (same_campaign && resume) return replan(fs::path(dir), plan, sweep);
    if (same_campaign)
      throw ConfigError({{plan_path.string(), "",
                          "this directory holds runs of this campaign made from other SoC, model or profile data or by "
                          "another socsim build (their run ids differ); expected --resume to run the changed runs "
                          "again, or a fresh directory"}});
    throw ConfigError({{plan_path.string(), "",
                        fmt::format("this directory holds the runs of another campaign ({}, {} runs; this one has "
                                    "{}); expected a fresh directory or the same campaign",
                                    plan.campaign_file, plan.runs.size(), sweep.runs.size())}});
  }
  trace::publish_text(plan_path.string(), config::plan_json(sweep.campaign, sweep.runs));
}

std::vector<config::ManifestEntry> read_manifest(const std::string& dir) {
  std::vector<config::ManifestEntry> out;
  std::ifstream in(fs::path(dir) / "manifest.jsonl");
  std::string line;
  while (std::getline(in, line))
    if (auto e = config::parse_manifest_line(line)) out.push_back(std::move(*e));
  return out;
}

std::vector<size_t> select_runs(const std::string& dir, const Sweep& sweep, const Shard& shard, bool resume) {
  std::set<std::string> finished, recorded;
  for (const auto& e : read_manifest(dir)) {
    recorded.insert(e.id);
    if (e.exit_code == 0 && fs::exists(fs::path(dir) / e.trace)) finished.insert(e.id);
  }
  std::vector<size_t> todo;
  size_t already = 0;
  for (const auto& run : sweep.runs) {
    if (run.index % shard.n != shard.k - 1) continue;
    // A complete trace that the manifest does not list: its run finished after (or as) the sweep
    // that started it died. Traces appear under their final name only complete, so it counts.
    if (resume && !recorded.count(run.id) && fs::exists(fs::path(dir) / "runs" / (run.id + ".h5"))) {
      record_run(dir, sweep, run.index, 0);
      finished.insert(run.id);
    }
    if (finished.count(run.id)) {
      ++already;
      if (resume) continue;
    }
    todo.push_back(run.index);
  }
  if (!resume && already > 0)
    throw ConfigError({{(fs::path(dir) / "manifest.jsonl").string(), "",
                        fmt::format("{} of the runs to do are already finished in this directory (expected --resume "
                                    "to skip them, or a fresh directory)",
                                    already)}});
  if (resume) {
    // What killed runs left: temporaries of traces and logs (unless a live process still writes
    // them) and the partial traces of runs stopped by their parent's death.
    for (const char* sub : {"runs", "logs", "scenarios"}) trace::remove_stale_temporaries((fs::path(dir) / sub).string());
    for (size_t i : todo) {
      std::error_code ec;
      fs::remove(fs::path(dir) / "runs" / (sweep.runs[i].id + ".interrupted.h5"), ec);
    }
  }
  return todo;
}

void write_scenarios(const std::string& dir, const Sweep& sweep, const std::vector<size_t>& todo) {
  for (size_t i : todo) {
    const auto& run = sweep.runs[i];
    const fs::path path = fs::path(dir) / "scenarios" / (run.id + ".json");
    std::error_code ec;
    if (fs::exists(path, ec) && read_text(path) == run.scenario_json) continue;
    trace::publish_text(path.string(), run.scenario_json);
  }
}

ChildRun child_for(const std::string& dir, const config::CampaignRun& run, const std::string& exe) {
  const fs::path abs = fs::absolute(dir).lexically_normal();
  ChildRun c;
  c.argv = {exe, "run", "scenarios/" + run.id + ".json", "-o", "runs/" + run.id + ".h5", "--format", "csv"};
  c.log_path = (abs / "logs" / (run.id + ".log")).string();
  c.cwd = abs.string();
  return c;
}

void record_run(const std::string& dir, const Sweep& sweep, size_t index, int exit_code) {
  const auto& run = sweep.runs[index];
  config::ManifestEntry e;
  e.index = run.index;
  e.id = run.id;
  for (size_t a = 0; a < sweep.campaign.axes.size(); ++a) e.coordinates[sweep.campaign.axes[a].name] = run.coordinates[a];
  e.coordinates["replication"] = std::to_string(run.replication);
  e.seed = run.seed;
  e.exit_code = exit_code;
  e.trace = "runs/" + run.id + ".h5";
  const std::string line = config::manifest_line(e);
  const std::string path = (fs::path(dir) / "manifest.jsonl").string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError("cannot open " + path + ": " + std::strerror(errno));
  const ssize_t n = ::write(fd, line.data(), line.size());  // one write: lines never interleave
  const int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size())) throw IoError("cannot append to " + path + ": " + std::strerror(err));
}

Progress::Progress(size_t total, const std::string& what)
    : total_(total), what_(what), tty_(isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()),
      last_line_(start_) {}

void Progress::done(bool failed) {
  ++done_;
  failed_ += failed ? 1 : 0;
  const auto now = std::chrono::steady_clock::now();
  const bool last = done_ == total_;
  if (!tty_ && !last && now - last_line_ < kPlainPeriod) return;
  last_line_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double eta = elapsed / static_cast<double>(done_) * static_cast<double>(total_ - done_);
  const std::string line = fmt::format("{}: {}/{} runs done, {} failed, elapsed {}{}", what_, done_, total_, failed_,
                                       duration_text(elapsed), last ? "" : ", ETA " + duration_text(eta));
  if (tty_) std::cerr << "\r" << line << "\x1b[K" << (last ? "\n" : "") << std::flush;
  else std::cerr << line << "\n" << std::flush;
}

#ifndef SOCSIM_HAVE_MPI
bool mpi_available() { return false; }
MpiResult dispatch_mpi(const std::string&, const Sweep&, const std::string&, const std::function<std::vector<size_t>()>&) {
  throw UsageError("--backend mpi: this socsim was built without MPI (install libopenmpi-dev and rebuild)");
}
#endif

}  // namespace socsim::cli
