// socsim compare SCENARIO... [--soc S...] [--scheduler X...] [--seeds 1-5] [-j N] [-o DIR] [--resume]
//                [--reference NAME] [--duration-s X] [--param k=v]... [--format table|csv|json]
// Compares schedulers over the matrix scenario x SoC x scheduler x seed. The matrix becomes a zip
// campaign, DIR/compare-campaign.json, run by the sweep machinery (cli/sweep/sweep.h): each run its
// own `socsim run` child (so results cannot depend on -j), DIR a complete sweep directory (run
// files, manifest, summary.csv and index.h5 from merge). Reports per scenario one row per
// scheduler x SoC: the metrics' mean and 95 % confidence interval over seeds, the app's
// optimality among the compared runs and its ratio to the reference scheduler's. The same numbers
// go to DIR/compare.csv; per-run numbers to DIR/runs.csv. The campaign file also runs elsewhere:
// `socsim sweep DIR/compare-campaign.json -o D --shard K/N` on a cluster.
#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/compare_stats.h"
#include "cli/options.h"
#include "cli/run_job.h"
#include "cli/sweep/merge.h"
#include "cli/sweep/process_pool.h"
#include "cli/sweep/sweep.h"
#include "cli/table.h"
#include "sim/core/csv.h"
#include "sim/core/error.h"
#include "sim/sched/registry.h"
#include "solver/register.h"
#include "sim/trace_hdf5/durable_file.h"

namespace socsim::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCampaignFile = "compare-campaign.json";

struct Run {
  size_t scenario, soc, scheduler;
  uint64_t seed;
  std::string trace;
  RunMetrics metrics;
  double optimality = 0, ratio = 0;
  int exit_code = -1;
};

struct Row {  // one scheduler x SoC of one scenario
  size_t scenario, soc, scheduler;
  std::map<std::string, Estimate> estimates;
};

// --seeds: each token a comma-separated list of seeds N and ranges A-B (A <= B); "1-3 7" and
// "1-3,7" are the same. Anything else is a usage error naming the bad part.
std::vector<uint64_t> parse_seeds(const std::vector<std::string>& tokens) {
  const auto bad = [](const std::string& part, const std::string& why) {
    return UsageError("--seeds: \"" + part + "\" " + why +
                      " (expected seeds and ranges A-B, separated by commas or spaces, e.g. --seeds 1-5 or --seeds 1,3,8)");
  };
  const auto number = [&](const std::string& text, const std::string& part) {
    uint64_t v = 0;
    const char* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || p != end) {
      if (part.find("..") != std::string::npos) throw bad(part, "is not a seed or a range; did you mean A-B?");
      throw bad(part, "is not a seed or a range");
    }
    return v;
  };
  std::vector<uint64_t> out;
  std::set<uint64_t> seen;
  for (const auto& token : tokens) {
    std::stringstream in(token);
    std::string part;
    bool any = false;
    while (std::getline(in, part, ',')) {
      any = true;
      const auto dash = part.find('-');
      const uint64_t a = number(part.substr(0, dash), part);
      const uint64_t b = dash == std::string::npos ? a : number(part.substr(dash + 1), part);
      if (b < a) throw bad(part, "is a range that ends before it starts");
      if (b - a >= 100000) throw bad(part, "is a range of more than 100000 seeds");
      for (uint64_t x = a; x <= b; ++x)
        if (seen.insert(x).second) out.push_back(x);
        else throw bad(part, "names seed " + std::to_string(x) + " twice");
    }
    if (!any || token.back() == ',') throw bad(token, "has an empty part");
  }
  if (out.empty()) throw UsageError("--seeds names no seed (expected e.g. --seeds 1-5)");
  return out;
}

std::string json_number(double v) { return std::isfinite(v) ? fmt::format("{:.9g}", v) : "null"; }

std::string cell(const Estimate& e) {
  if (!std::isfinite(e.mean)) return "n/a";
  return e.n > 1 ? fmt::format("{:.4g}±{:.2g}", e.mean, e.ci95) : fmt::format("{:.4g}", e.mean);
}

std::string relative_to(const std::string& path, const fs::path& dir) {
  return fs::absolute(path).lexically_normal().lexically_relative(fs::absolute(dir).lexically_normal()).generic_string();
}

// What compare writes into DIR, besides the sweep's own files; and report.html, `socsim report
// DIR`'s default output, which would describe the earlier compare.
const char* const kOwnFiles[] = {kCampaignFile, "compare.csv", "runs.csv", "report.html"};
const char* const kSweepFiles[] = {"campaign.json", "manifest.jsonl", "summary.csv", "index.h5", "runs", "scenarios", "logs"};

// Without --resume, compare starts afresh: an earlier compare's files in DIR are removed. A DIR
// with other contents is left alone (UsageError): compare does not delete what it did not write.
void clear_previous(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec) || fs::is_empty(dir, ec)) return;
  if (!fs::exists(dir / kCampaignFile, ec) && !fs::exists(dir / "compare.csv", ec))
    throw UsageError("-o " + dir.string() + " exists and holds no earlier socsim compare (expected a new directory, or "
                     "one compare wrote)");
  for (const char* name : kOwnFiles) fs::remove(dir / name, ec);
  for (const char* name : kSweepFiles) fs::remove_all(dir / name, ec);
}

// With --resume, DIR must hold nothing or an earlier compare of the same matrix (the same
// campaign text; runs whose scenario files changed since get new ids and run again).
void check_resumable(const fs::path& dir, const std::string& campaign_text) {
  std::error_code ec;
  if (!fs::exists(dir, ec) || fs::is_empty(dir, ec)) return;
  std::ifstream in(dir / kCampaignFile, std::ios::binary);
  std::ostringstream earlier;
  earlier << in.rdbuf();
  if (!in || earlier.str() != campaign_text)
    throw UsageError("--resume: " + dir.string() + " holds no earlier compare of this matrix (expected the same scenarios, " +
                     "SoCs, schedulers, seeds and options as before, or no --resume to start afresh)");
}

}  // namespace

int cmd_compare(const Args& args) {
  po::options_description desc("options");
  std::vector<std::string> scenarios, socs, schedulers, params, seeds_text;
  std::string out_dir, reference, format;
  int jobs = 0;
  double duration_s = 0;
  desc.add_options()
      ("scenario", po::value(&scenarios)->multitoken()->required(), "scenario files")
      ("soc", po::value(&socs)->multitoken(), "SoCs (files or names beside each scenario's SoC); default: each scenario's own")
      ("scheduler", po::value(&schedulers)->multitoken(), "schedulers; default: each scenario's own")
      ("seeds", po::value(&seeds_text)->multitoken(), "seeds and ranges, e.g. 1-5, 1,3,8 or 1 3 8; default: each scenario's seed")
      ("jobs,j", po::value(&jobs)->default_value(0), "runs at once (0: one per core)")
      ("output,o", po::value(&out_dir)->default_value("results/compare"), "directory for the sweep, traces and CSVs")
      ("resume", "keep the runs an earlier compare of the same matrix finished in DIR; run the rest")
      ("reference", po::value(&reference), "scheduler the optimality ratio is relative to (default: carin if compared, else the first)")
      ("duration-s", po::value(&duration_s), "override every scenario's simulated duration, seconds")
      ("param", po::value(&params)->composing(), "scheduler parameter key=value for every scheduler that has it")
      ("format", po::value(&format)->default_value("table"), "output format: table, csv or json");
  po::positional_options_description pos;
  pos.add("scenario", -1);
  po::variables_map vm;
  if (!parse_args(args, "socsim compare SCENARIO... [options]", desc, pos, vm)) return exit_code::kOk;
  const Format fmt = parse_format(format);
  if (jobs <= 0) jobs = static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
  const bool resume = vm.count("resume") > 0;
  const std::vector<std::optional<std::string>> soc_axis = socs.empty() ? std::vector<std::optional<std::string>>{std::nullopt}
                                                                        : std::vector<std::optional<std::string>>(socs.begin(), socs.end());
  const auto param_values = parse_params(params);
  const std::optional<std::vector<uint64_t>> seed_list =
      vm.count("seeds") ? std::optional(parse_seeds(seeds_text)) : std::nullopt;

  // Check every combination before running anything: bad input costs nothing. Per scenario and
  // scheduler: the parameters its runs get (the scenario's own when it is the scenario's
  // scheduler, else the defaults; then every --param the scheduler has).
  std::vector<config::LoadedScenario> loaded;                 // per scenario
  std::vector<std::vector<std::string>> scheduler_names;      // per scenario
  std::vector<std::vector<std::string>> soc_names(scenarios.size());
  std::vector<std::vector<std::map<std::string, std::string>>> run_params(scenarios.size());  // per scenario, scheduler
  std::set<std::string> used_params;
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  for (size_t s = 0; s < scenarios.size(); ++s) {
    RunRequest base;
    base.scenario_path = scenarios[s];
    loaded.push_back(prepare_scenario(base));
    const auto& own = loaded.back().scenario.scheduler;
    scheduler_names.push_back(schedulers.empty() ? std::vector<std::string>{own.name} : schedulers);
    for (const auto& soc : soc_axis) {
      RunRequest req = base;
      req.soc = soc;
      soc_names[s].push_back(prepare_scenario(req).soc.name);
    }
    for (const auto& name : scheduler_names[s]) {
      RunRequest req = base;
      if (name != own.name) req.scheduler = name;
      if (const auto it = registry.all().find(name); it != registry.all().end())
        for (const auto& [k, v] : param_values)
          for (const auto& spec : it->second.params)
            if (spec.name == k) {
              req.params[k] = v;
              used_params.insert(k);
            }
      prepare_scenario(req);  // checks the name, the parameters' values and the files it reads
      std::map<std::string, std::string> p = name == own.name ? own.params : std::map<std::string, std::string>{};
      for (const auto& [k, v] : req.params) p[k] = v;
      run_params[s].push_back(std::move(p));
    }
  }
  for (size_t s = 0; s < scenarios.size(); ++s)
    for (const auto& name : scheduler_names[s]) {
      spec::Scenario sc = loaded[s].scenario;
      sc.scheduler.name = name;
      if (const std::string w = slo_warning(sc); !w.empty()) std::cerr << "socsim compare: warning: " << w << "\n";
    }
  for (const auto& [k, v] : param_values)
    if (!used_params.count(k)) throw UsageError("--param " + k + ": no compared scheduler has such a parameter");

  // The matrix, in canonical order, as a zip campaign in DIR.
  const fs::path dir(out_dir);
  std::vector<Run> runs;
  std::vector<config::ZipRun> zip;
  for (size_t s = 0; s < scenarios.size(); ++s) {
    const std::vector<uint64_t> seeds = seed_list ? *seed_list : std::vector<uint64_t>{loaded[s].scenario.seed};
    for (size_t c = 0; c < soc_axis.size(); ++c)
      for (size_t x = 0; x < scheduler_names[s].size(); ++x)
        for (uint64_t seed : seeds) {
          runs.push_back({s, c, x, seed, {}, {}, 0, 0, -1});
          std::optional<std::string> soc = soc_axis[c];
          if (soc && config::is_soc_file_ref(*soc)) soc = relative_to(*soc, dir);
          zip.push_back({relative_to(scenarios[s], dir), soc, scheduler_names[s][x], scheduler_names[s][x], run_params[s][x], seed});
        }
  }
  std::vector<std::pair<std::string, std::string>> set;
  if (vm.count("duration-s")) set.emplace_back("/duration_s", fmt::format("{}", duration_s));
  const std::string campaign_text = config::zip_campaign_text(
      "compare", "Written by socsim compare: its matrix of scenario x SoC x scheduler x seed.", zip, set);
  const std::string campaign_path = (dir / kCampaignFile).string();
  const bool fresh_dir = !fs::exists(dir);
  if (resume) check_resumable(dir, campaign_text);
  else clear_previous(dir);
  fs::create_directories(dir);
  trace::publish_text(campaign_path, campaign_text);
  Sweep sweep;
  try {
    sweep = plan_sweep(campaign_path, true);
    prepare_dir(out_dir, sweep, resume);
  } catch (const ConfigError&) {
    if (fresh_dir) fs::remove_all(dir);  // bad input leaves nothing behind
    throw;
  }

  // The sweep: this process's pool of children, each run recorded in the manifest as it ends.
  const auto todo = select_runs(out_dir, sweep, Shard{}, resume);
  write_scenarios(out_dir, sweep, todo);
  const std::string exe = self_executable();
  std::vector<ChildRun> children;
  for (size_t i : todo) children.push_back(child_for(out_dir, sweep.runs[i], exe));
  for (auto& r : runs) r.exit_code = 0;  // finished earlier, unless run now
  Progress progress(todo.size(), "compare");
  run_children(children, jobs, [&](size_t k, int code) {
    record_run(out_dir, sweep, todo[k], code);
    runs[todo[k]].exit_code = code;
    if (code != 0)
      std::cerr << fmt::format("socsim compare: run {} failed (exit {}); log: {}\n", sweep.runs[todo[k]].id, code,
                               children[k].log_path);
    progress.done(code != 0);
  });
  for (size_t i = 0; i < runs.size(); ++i) {
    runs[i].trace = (dir / "runs" / (sweep.runs[i].id + ".h5")).string();
    if (runs[i].exit_code == 0) runs[i].metrics = read_run_metrics(runs[i].trace);
  }
  merge_sweep(out_dir, true);

  // Optimality among the runs of one scenario on one SoC with one seed; ratio to the reference.
  std::vector<std::string> references(scenarios.size());
  for (size_t s = 0; s < scenarios.size(); ++s) {
    const auto& names = scheduler_names[s];
    std::string ref = reference;
    if (ref.empty()) ref = std::find(names.begin(), names.end(), "carin") != names.end() ? "carin" : names.front();
    const auto ref_it = std::find(names.begin(), names.end(), ref);
    if (ref_it == names.end()) throw UsageError("--reference " + ref + " is not among the compared schedulers");
    references[s] = ref;
    const size_t ref_index = static_cast<size_t>(ref_it - names.begin());
    if (!spec::has_objectives(loaded[s].scenario)) {  // nothing to score: n/a, not a tie at 1
      std::cerr << "socsim compare: warning: " << scenarios[s]
                << " states no SLO objectives: optimality and its ratio are n/a (add \"slo\": {\"objectives\": …})\n";
      for (auto& r : runs)
        if (r.scenario == s) r.optimality = r.ratio = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    std::map<std::pair<size_t, uint64_t>, std::vector<Run*>> groups;
    for (auto& r : runs)
      if (r.scenario == s && r.exit_code == 0) groups[{r.soc, r.seed}].push_back(&r);
    for (auto& [key, group] : groups) {
      std::vector<const RunMetrics*> metrics;
      for (const Run* r : group) metrics.push_back(&r->metrics);
      const auto opt = run_optimality(loaded[s].scenario, metrics);
      double ref_opt = 0;
      for (size_t i = 0; i < group.size(); ++i) {
        group[i]->optimality = opt[i];
        if (group[i]->scheduler == ref_index) ref_opt = opt[i];
      }
      for (Run* r : group) r->ratio = ref_opt > 0 ? r->optimality / ref_opt : std::numeric_limits<double>::quiet_NaN();
    }
  }

  std::vector<Row> rows;
  for (size_t s = 0; s < scenarios.size(); ++s)
    for (size_t c = 0; c < soc_axis.size(); ++c)
      for (size_t x = 0; x < scheduler_names[s].size(); ++x) {
        Row row{s, c, x, {}};
        std::map<std::string, std::vector<double>> samples;
        for (const auto& r : runs) {
          if (r.scenario != s || r.soc != c || r.scheduler != x || r.exit_code != 0) continue;
          for (const auto& [k, v] : r.metrics.values) samples[k].push_back(v);
          samples["optimality"].push_back(r.optimality);
          samples["optimality_ratio"].push_back(r.ratio);
        }
        for (const auto& col : compare_columns()) row.estimates[col.name] = estimate(samples[col.name]);
        rows.push_back(std::move(row));
      }

  // CSV (also written to DIR/compare.csv).
  std::ostringstream csv;
  CsvRow header;
  for (const char* c : {"scenario", "soc", "scheduler", "runs", "optimality_function", "reference", "ci_method"})
    header.text(c);
  for (const auto& col : compare_columns()) header.text(std::string(col.name) + "_mean").text(std::string(col.name) + "_ci95");
  csv << header.line();
  for (const auto& row : rows) {
    CsvRow line;
    line.text(loaded[row.scenario].scenario.name).text(soc_names[row.scenario][row.soc]);
    line.text(scheduler_names[row.scenario][row.scheduler]).integer(row.estimates.at("optimality").n);
    line.text(loaded[row.scenario].scenario.optimality).text(references[row.scenario]).text(kCiMethod);
    for (const auto& col : compare_columns()) {
      const Estimate& e = row.estimates.at(col.name);
      line.num(e.mean, 9).num(e.ci95, 9);
    }
    csv << line.line();
  }
  trace::publish_text((dir / "compare.csv").string(), csv.str());
  std::ostringstream runs_csv;
  CsvRow runs_header;
  for (const char* c : {"scenario", "soc", "scheduler", "seed", "exit_code", "trace", "optimality", "optimality_ratio"})
    runs_header.text(c);
  for (const auto& col : compare_columns())
    if (std::string(col.name).rfind("optimality", 0) != 0) runs_header.text(col.name);
  runs_csv << runs_header.line();
  for (const auto& r : runs) {
    CsvRow line;
    line.text(loaded[r.scenario].scenario.name).text(soc_names[r.scenario][r.soc]);
    line.text(scheduler_names[r.scenario][r.scheduler]).integer(r.seed).integer(r.exit_code).text(r.trace);
    line.num(r.optimality, 9).num(r.ratio, 9);
    for (const auto& col : compare_columns())
      if (std::string(col.name).rfind("optimality", 0) != 0)
        line.num(r.metrics.values.contains(col.name) ? r.metrics.values.at(col.name) : 0.0, 9);
    runs_csv << line.line();
  }
  trace::publish_text((dir / "runs.csv").string(), runs_csv.str());

  if (fmt == Format::kCsv) std::cout << csv.str();
  if (fmt == Format::kJson) {
    std::cout << "[";
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& row = rows[i];
      std::cout << fmt::format("{}\n  {{\"scenario\": \"{}\", \"soc\": \"{}\", \"scheduler\": \"{}\", \"runs\": {}, "
                               "\"optimality_function\": \"{}\", \"reference\": \"{}\", \"ci_method\": \"{}\", \"metrics\": {{",
                               i ? "," : "", loaded[row.scenario].scenario.name, soc_names[row.scenario][row.soc],
                               scheduler_names[row.scenario][row.scheduler], row.estimates.at("optimality").n,
                               loaded[row.scenario].scenario.optimality, references[row.scenario], kCiMethod);
      bool first = true;
      for (const auto& col : compare_columns()) {
        const Estimate& e = row.estimates.at(col.name);
        std::cout << fmt::format("{}\"{}\": {{\"mean\": {}, \"ci95\": {}, \"n\": {}}}", first ? "" : ", ", col.name,
                                 json_number(e.mean), json_number(e.ci95), e.n);
        first = false;
      }
      std::cout << "}}";
    }
    std::cout << "\n]\n";
  }
  if (fmt == Format::kTable) {
    const std::vector<std::pair<const char*, const char*>> shown = {
        {"accuracy_pct", "acc_%"},        {"latency_mean_ms", "mean_ms"}, {"latency_p90_ms", "p90_ms"},
        {"latency_sd_ms", "sd_ms"},       {"cold_start_ms", "cold_ms"},   {"throughput_hz", "thru_hz"},   {"memory_mib", "mem_mib"},
        {"energy_mj_per_inference", "mJ/inf"}, {"violation_rate", "viol"}, {"switches", "switches"},
        {"storage_mib", "store_mib"},     {"solve_time_ms", "solve_ms"},  {"optimality", "optimality"},
        {"optimality_ratio", "ratio"}};
    const size_t width = terminal_width();
    for (size_t s = 0; s < scenarios.size(); ++s) {
      const auto& sc = loaded[s].scenario;
      std::vector<std::string> header = {"scheduler", "soc"};
      for (const auto& [_, label] : shown) header.push_back(label);
      TextTable table(header, 2);
      size_t n = 0;
      for (const auto& row : rows) {
        if (row.scenario != s) continue;
        n = std::max(n, row.estimates.at("latency_mean_ms").n);
        std::vector<std::string> cells = {scheduler_names[s][row.scheduler], soc_names[s][row.soc]};
        for (const auto& [name, _] : shown) cells.push_back(cell(row.estimates.at(name)));
        table.add_row(std::move(cells));
      }
      std::cout << fmt::format("\n{} | optimality {} | n = {} seed(s) per row | {}\n", sc.name,
                               spec::has_objectives(sc) ? sc.optimality : "n/a (no SLO objectives)", n,
                               n > 1 ? fmt::format("mean ± half-width of the {}", kCiMethod)
                                     : std::string("one run per row: no confidence interval"));
      table.print(std::cout, width);
    }
    std::cout << fmt::format("\ntraces in {}, logs in {}; numbers in {} (per run: {})\n", (dir / "runs").string(),
                             (dir / "logs").string(), (dir / "compare.csv").string(), (dir / "runs.csv").string());
  }
  return progress.failures() > 0 ? exit_code::kRunFailed : exit_code::kOk;
}

}  // namespace socsim::cli
