#include <cmath>

#include "sim/config/config.h"
#include "sim/config/to_json_impl.h"

namespace socsim::config {
namespace {

Json in_units(Duration d, double ns_per_unit) { return number(static_cast<double>(d.count_ns()) / ns_per_unit); }

}  // namespace

Json number(double v) {
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (std::trunc(v) == v && std::fabs(v) < kExactIntegers) return static_cast<int64_t>(v);
  return v;
}

Json us(Duration d) { return in_units(d, 1e3); }
Json ms(Duration d) { return in_units(d, 1e6); }
Json seconds(Duration d) { return in_units(d, 1e9); }

void set_if(Json& obj, const char* key, const std::string& text) {
  if (!text.empty()) obj[key] = text;
}
void set_if(Json& obj, const char* key, double v) {
  if (v > 0) obj[key] = number(v);
}

namespace {

Json dvfs_json(const spec::Dvfs& d) {
  Json j;
  j["opps"] = Json::array();
  for (const auto& opp : d.opps) {
    Json o;
    o["freq_mhz"] = number(opp.freq_mhz);
    o["power_mw"] = number(opp.power_mw);
    set_if(o, "voltage_mv", opp.voltage_mv);
    j["opps"].push_back(std::move(o));
  }
  j["ref_freq_mhz"] = number(d.ref_freq_mhz);
  j["transition_us"] = us(d.transition);
  return j;
}

Json cluster_json(const spec::Cluster& c) {
  Json j;
  j["name"] = c.name;
  j["core_type"] = c.core_type;
  j["cores"] = c.cores;
  j["capacity"] = number(c.capacity);
  j["dnn_speed"] = number(c.dnn_speed);
  j["idle_power_mw"] = number(c.idle_power_mw);
  j["dvfs"] = dvfs_json(c.dvfs);
  return j;
}

Json processor_json(const spec::Processor& p) {
  Json j;
  j["name"] = p.name;
  j["kind"] = spec::to_string(p.kind);
  j["idle_power_mw"] = number(p.idle_power_mw);
  set_if(j, "model", p.model);
  if (p.dvfs) j["dvfs"] = dvfs_json(*p.dvfs);
  for (const auto& c : p.clusters) j["clusters"].push_back(cluster_json(c));
  return j;
}

Json trip_json(const spec::ThermalTrip& trip) {
  Json j;
  j["temp_c"] = number(trip.temp_c);
  j["hysteresis_c"] = number(trip.hysteresis_c);
  j["max_freq_frac"] = number(trip.max_freq_frac);
  set_if(j, "name", trip.name);
  if (!trip.processors.empty()) j["processors"] = trip.processors;
  return j;
}

Json thermal_json(const spec::Thermal& t) {
  Json j;
  j["ambient_c"] = number(t.ambient_c);
  j["resistance_c_per_w"] = number(t.resistance_c_per_w);
  j["capacitance_j_per_c"] = number(t.capacitance_j_per_c);
  j["trips"] = Json::array();
  for (const auto& trip : t.trips) j["trips"].push_back(trip_json(trip));
  return j;
}

}  // namespace

std::string to_json(const spec::Soc& soc) {
  Json j;
  j["name"] = soc.name;
  j["display_name"] = soc.display_name;
  j["devices"] = soc.devices;
  for (const auto& p : soc.processors) j["processors"].push_back(processor_json(p));
  j["memory"]["dram_bw_gbps"] = number(soc.memory.dram_bw_gbps);
  j["memory"]["app_memory_mib"] = number(soc.memory.app_memory_mib);
  set_if(j["memory"], "total_mib", soc.memory.total_mib);
  if (soc.thermal) j["thermal"] = thermal_json(*soc.thermal);
  return j.dump(2);
}

}  // namespace socsim::config
