#include <algorithm>
#include <filesystem>

#include "sim/config/config.h"
#include "sim/config/engines_impl.h"
#include "sim/config/estimates_impl.h"
#include "sim/config/json_read_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/model_loader_impl.h"
#include "sim/config/schema_check_impl.h"
#include "sim/config/soc_loader_impl.h"

namespace socsim::config {
namespace {

spec::Dvfs read_dvfs(const Fields& f) {
  spec::Dvfs d;
  for (const Fields& o : f.items("opps"))
    d.opps.push_back({o.number("freq_mhz"), o.number("voltage_mv"), o.number("power_mw")});
  double max_freq = 0;
  for (const auto& opp : d.opps) max_freq = std::max(max_freq, opp.freq_mhz);
  d.ref_freq_mhz = f.number("ref_freq_mhz", max_freq);
  d.transition = f.duration("transition_us", TimeUnit::kUs).value_or(Duration());
  return d;
}

spec::Cluster read_cluster(const Fields& f) {
  spec::Cluster c;
  c.name = f.text("name");
  c.core_type = f.text("core_type");
  c.cores = f.integer("cores");
  c.capacity = f.number("capacity");
  c.dnn_speed = f.number("dnn_speed", c.capacity / 1024);
  c.idle_power_mw = f.number("idle_power_mw");
  c.dvfs = read_dvfs(f.object("dvfs"));
  return c;
}

spec::Processor read_processor(const Fields& f) {
  spec::Processor p;
  p.name = f.text("name");
  p.kind = parse_processor_kind(f.text("kind")).value();  // the schema allows only known kinds
  p.model = f.text("model");
  for (const Fields& c : f.items("clusters")) p.clusters.push_back(read_cluster(c));
  if (f.has("dvfs")) p.dvfs = read_dvfs(f.object("dvfs"));
  p.idle_power_mw = f.number("idle_power_mw");
  return p;
}

spec::Thermal read_thermal(const Fields& f) {
  spec::Thermal t;
  t.ambient_c = f.number("ambient_c");
  t.resistance_c_per_w = f.number("resistance_c_per_w");
  t.capacitance_j_per_c = f.number("capacitance_j_per_c");
  for (const Fields& trip : f.items("trips"))
    t.trips.push_back({trip.text("name"), trip.number("temp_c"), trip.number("hysteresis_c"),
                       trip.number("max_freq_frac"), trip.texts("processors")});
  return t;
}

spec::Soc read_soc_fields(const Fields& f) {
  spec::Soc soc;
  soc.name = f.text("name");
  soc.display_name = f.text("display_name");
  soc.devices = f.texts("devices");
  for (const Fields& p : f.items("processors")) soc.processors.push_back(read_processor(p));
  const Fields memory = f.object("memory");
  soc.memory = {memory.number("dram_bw_gbps"), memory.number("total_mib"), memory.number("app_memory_mib")};
  if (f.has("thermal")) soc.thermal = read_thermal(f.object("thermal"));
  soc.file = f.reporter().file();
  return soc;
}

}  // namespace

std::optional<spec::Soc> soc_from_json(const Json& doc, Reporter& r) {
  if (!check_schema(Kind::kSoc, doc, r)) return std::nullopt;
  check_estimates(doc, r);
  spec::Soc soc = read_soc_fields(Fields(doc, Pointer(), r));
  check_soc(soc, r);
  if (r.errors() > 0) return std::nullopt;
  return soc;
}

std::optional<spec::Soc> read_soc(Reporter& r) {
  std::optional<Json> doc = parse_file(r);
  return doc ? soc_from_json(*doc, r) : std::nullopt;
}

spec::Soc load_soc(const std::string& path) {
  Diagnostics diags;
  Reporter r(diags, path);
  std::optional<spec::Soc> soc = read_soc(r);
  diags.throw_if_any();
  return *soc;
}

bool is_soc_file_ref(const std::string& ref) {
  return ref.find('/') != std::string::npos || std::filesystem::path(ref).extension() == ".json";
}

std::string soc_file(const std::string& ref, const std::string& beside) {
  if (is_soc_file_ref(ref)) return ref;
  return (std::filesystem::path(beside).parent_path() / (ref + ".json")).string();
}

std::vector<std::string> soc_names_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const std::string& f : json_files_in(dir)) names.push_back(std::filesystem::path(f).stem().string());
  return names;
}

std::string find_soc(const std::string& ref, const std::string& beside, const std::string& origin,
                     const std::string& pointer) {
  const std::string path = soc_file(ref, beside);
  std::error_code ec;
  if (is_soc_file_ref(ref) || std::filesystem::is_regular_file(path, ec)) return path;
  const std::string dir = std::filesystem::path(beside).parent_path().string();
  throw ConfigError({{origin, pointer, unknown_name("SoC", ref, soc_names_in(dir.empty() ? "." : dir)) + " (SoC names are the files in " +
                                      (dir.empty() ? std::string(".") : dir) + "/)"}});
}

}  // namespace socsim::config
