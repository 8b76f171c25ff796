#include "sim/calib/measurements.h"

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include "sim/core/csv.h"
#include "sim/core/error.h"

namespace socsim::calib {
namespace {

const std::set<std::string> kKinds = {"cpu", "gpu", "npu", "dsp"};
const std::set<std::string> kPrecisions = {"fp32", "fp16", "dr8", "fx8", "ffx8"};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Rows of a file after checking its header; diagnostics for records with the wrong column count.
std::vector<CsvRecord> records(const std::string& path, const std::vector<std::string>& header,
                               std::vector<Diagnostic>& diags) {
  auto recs = parse_csv(read_text(path), path);
  std::string want;
  for (const auto& h : header) want += (want.empty() ? "" : ",") + h;
  if (recs.empty() || recs.front().fields != header) {
    throw ConfigError({{path, "", "the header must be \"" + want + "\"", 1}});
  }
  std::vector<CsvRecord> out;
  for (size_t i = 1; i < recs.size(); ++i) {
    if (recs[i].fields.size() != header.size()) {
      diags.push_back({path, "", std::to_string(recs[i].fields.size()) + " columns (expected " +
                                     std::to_string(header.size()) + ": " + want + ")", recs[i].line});
    } else {
      out.push_back(recs[i]);
    }
  }
  return out;
}

bool parse_number(const std::string& s, double& v) {
  if (s.empty()) return false;
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(v);
}

bool parse_int(const std::string& s, int& v) {
  if (s.empty() || s.size() > 4 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  v = std::stoi(s);
  return true;
}

// "1@1.0+3@0.85+4@0.3" -> clusters; false when malformed.
bool parse_clusters(const std::string& s, std::vector<Device::Cluster>& out) {
  static const std::regex one(R"(([0-9]{1,2})@([0-9]*\.?[0-9]+))");
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, '+')) {
    std::smatch m;
    if (!std::regex_match(part, m, one)) return false;
    Device::Cluster c{std::stoi(m[1]), std::stod(m[2])};
    if (c.cores < 1 || !(c.speed > 0 && c.speed <= 1)) return false;
    if (!out.empty() && c.speed > out.back().speed) return false;  // fastest first
    out.push_back(c);
  }
  return !out.empty() && out.front().speed == 1;
}

}  // namespace

int Device::total_cores() const {
  int n = 0;
  for (const auto& c : clusters) n += c.cores;
  return n;
}

Device device_of(const spec::Soc& soc) {
  Device d;
  d.name = soc.name;
  d.preset = true;
  for (const auto& p : soc.processors) {
    d.processors.insert(spec::to_string(p.kind));
    if (p.kind != spec::ProcessorKind::kCpu || !d.clusters.empty()) continue;
    const double top = p.clusters.front().capacity;
    for (const auto& c : p.clusters) d.clusters.push_back({c.cores, c.capacity / top});
  }
  return d;
}

MeasurementSet load_measurements(const std::string& dir, const std::map<std::string, spec::Soc>& presets) {
  MeasurementSet set;
  std::vector<Diagnostic> diags;
  for (const auto& [name, soc] : presets) set.devices[name] = device_of(soc);

  const std::string socs_csv = dir + "/socs.csv";
  for (const auto& r : records(socs_csv, {"soc", "clusters", "description", "source"}, diags)) {
    const auto& f = r.fields;
    auto bad = [&](const std::string& msg) { diags.push_back({socs_csv, "", msg, r.line}); };
    Device d;
    d.name = f[0];
    d.processors = kKinds;
    if (f[0].empty()) bad("soc: empty");
    else if (set.devices.count(f[0])) bad("soc: \"" + f[0] + "\" is defined twice (or is a preset)");
    else if (!f[1].empty() && !parse_clusters(f[1], d.clusters))
      bad("clusters: \"" + f[1] + "\" (expected count@speed joined by +, fastest first, first speed 1, speeds in (0, 1])");
    else if (f[3].empty()) bad("source: empty (every device names its source)");
    else set.devices[d.name] = d;
  }

  const std::string models_csv = dir + "/models.csv";
  for (const auto& r : records(models_csv, {"model", "library_variant", "description", "source"}, diags)) {
    const auto& f = r.fields;
    if (f[0].empty() || set.models.count(f[0])) diags.push_back({models_csv, "", "model: empty or defined twice: \"" + f[0] + "\"", r.line});
    else if (f[3].empty()) diags.push_back({models_csv, "", "source: empty", r.line});
    else set.models[f[0]] = f[1];
  }

  set.file = dir + "/latency.csv";
  std::set<std::string> keys;
  for (const auto& r : records(set.file, {"soc", "processor", "threads", "runtime", "model", "precision", "ms", "source", "notes"}, diags)) {
    const auto& f = r.fields;
    Measurement m{f[0], f[1], f[3], f[4], f[5], f[7], f[8], 0, 0, r.line};
    const size_t before = diags.size();
    auto bad = [&](const std::string& msg) { diags.push_back({set.file, "", msg, r.line}); };
    const auto dev = set.devices.find(m.soc);
    if (dev == set.devices.end()) bad("soc: unknown SoC \"" + m.soc + "\" (expected a preset of socs/ or a row of socs.csv)");
    if (!kKinds.count(m.processor)) bad("processor: \"" + m.processor + "\" (expected cpu, gpu, npu or dsp)");
    else if (dev != set.devices.end() && !dev->second.processors.count(m.processor))
      bad("processor: SoC \"" + m.soc + "\" has no " + m.processor);
    if (m.processor == "cpu") {
      const int cores = dev == set.devices.end() ? 0 : dev->second.total_cores();
      if (dev != set.devices.end() && cores == 0) bad("soc: \"" + m.soc + "\" has no clusters in socs.csv, so CPU rows cannot be placed");
      else if (!parse_int(f[2], m.threads) || m.threads < 1 || (cores && m.threads > cores))
        bad("threads: \"" + f[2] + "\" (expected 1.." + std::to_string(cores) + " for a CPU row)");
    } else if (!f[2].empty()) {
      bad("threads: \"" + f[2] + "\" (accelerator rows leave threads empty)");
    }
    if (m.runtime.empty()) bad("runtime: empty");
    if (!set.models.count(m.model)) bad("model: unknown model \"" + m.model + "\" (expected a row of models.csv)");
    if (!kPrecisions.count(m.precision)) bad("precision: \"" + m.precision + "\" (expected fp32, fp16, dr8, fx8 or ffx8)");
    if (!parse_number(f[6], m.ms) || !(m.ms > 0)) bad("ms: \"" + f[6] + "\" (expected a positive number of milliseconds)");
    if (m.source.empty()) bad("source: empty (every measurement names its source: a URL or repository path)");
    const std::string key = m.soc + "|" + m.processor + "|" + f[2] + "|" + m.runtime + "|" + m.model + "|" + m.precision;
    if (diags.size() == before && !keys.insert(key).second) bad("the same soc, processor, threads, runtime, model and precision as an earlier row");
    if (diags.size() == before) set.rows.push_back(m);
  }
  if (!diags.empty()) throw ConfigError(std::move(diags));
  return set;
}

}  // namespace socsim::calib
