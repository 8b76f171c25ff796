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

#include "sim/core/error.h"
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
  opts.check = [&](const spec::Scenario& sc) { registry.params(sc.scheduler.name, sc.scheduler.params, sc.file); };
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

void prepare_dir(const std::string& dir, const Sweep& sweep) {
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
    if (!same)
      throw ConfigError({{plan_path.string(), "",
                          fmt::format("this directory holds the runs of another campaign ({}, {} runs; this one has "
                                      "{}); expected a fresh directory or the same campaign",
                                      plan.campaign_file, plan.runs.size(), sweep.runs.size())}});
    return;
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
  std::set<std::string> finished;
  for (const auto& e : read_manifest(dir))
    if (e.exit_code == 0 && fs::exists(fs::path(dir) / e.trace)) finished.insert(e.id);
  std::vector<size_t> todo;
  size_t already = 0;
  for (const auto& run : sweep.runs) {
    if (run.index % shard.n != shard.k - 1) continue;
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
  if (resume)
    for (size_t i : todo) {
      std::error_code ec;
      fs::remove(fs::path(dir) / "runs" / (sweep.runs[i].id + ".h5.part"), ec);
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
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError("cannot open " + path + ": " + std::strerror(errno));
  const ssize_t n = ::write(fd, line.data(), line.size());  // one write: lines never interleave
  const int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size())) throw IoError("cannot append to " + path + ": " + std::strerror(err));
}

Progress::Progress(size_t total, const std::string& what)
    : total_(total), what_(what), tty_(isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

void Progress::done(bool failed) {
  ++done_;
  failed_ += failed ? 1 : 0;
  if (!tty_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta = done_ ? elapsed / static_cast<double>(done_) * static_cast<double>(total_ - done_) : 0;
  std::cerr << fmt::format("\r{}: {}/{} runs done, {} failed, ETA {}   ", what_, done_, total_, failed_,
                           duration_text(eta))
            << (done_ == total_ ? "\n" : "") << std::flush;
}

#ifndef SOCSIM_HAVE_MPI
bool mpi_available() { return false; }
MpiResult dispatch_mpi(const std::string&, const Sweep&, const std::string&, const std::function<std::vector<size_t>()>&) {
  throw UsageError("--backend mpi: this socsim was built without MPI (install libopenmpi-dev and rebuild)");
}
#endif

}  // namespace socsim::cli
