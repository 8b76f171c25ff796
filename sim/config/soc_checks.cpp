#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "sim/config/engines_impl.h"
#include "sim/config/messages_impl.h"
#include "sim/config/soc_loader_impl.h"

namespace socsim::config {
namespace {

using spec::ProcessorKind;

void check_opps(const spec::Dvfs& d, const Pointer& at, Reporter& r) {
  for (size_t k = 1; k < d.opps.size(); ++k) {
    const spec::OperatingPoint& prev = d.opps[k - 1];
    const spec::OperatingPoint& opp = d.opps[k];
    if (opp.freq_mhz <= prev.freq_mhz)
      r.error(at / "opps" / k / "freq_mhz",
              fmt::format("{} MHz is not above the previous operating point's {} MHz (expected strictly "
                          "ascending frequencies)",
                          number_text(opp.freq_mhz), number_text(prev.freq_mhz)));
    if (opp.power_mw < prev.power_mw)
      r.error(at / "opps" / k / "power_mw",
              fmt::format("{} mW is below the previous operating point's {} mW (expected power non-decreasing "
                          "with frequency)",
                          number_text(opp.power_mw), number_text(prev.power_mw)));
  }
}

// The lowest and highest operating points of a non-empty domain, whatever their order.
std::pair<double, double> freq_bounds(const spec::Dvfs& d) {
  auto [lo, hi] = std::minmax_element(d.opps.begin(), d.opps.end(),
                                      [](const auto& a, const auto& b) { return a.freq_mhz < b.freq_mhz; });
  return {lo->freq_mhz, hi->freq_mhz};
}

void check_ref_freq(const spec::Dvfs& d, const Pointer& at, Reporter& r) {
  if (!within_opps(d.ref_freq_mhz, d))
    r.error(at / "ref_freq_mhz", fmt::format("{} MHz is outside the operating points (expected {})",
                                             number_text(d.ref_freq_mhz), opp_range(d)));
}

void check_dvfs(const spec::Dvfs& d, const Pointer& at, Reporter& r) {
  check_opps(d, at, r);
  check_ref_freq(d, at, r);
}

// CPUs have clusters, each with its DVFS domain; accelerators have one DVFS domain of their own.
void check_processor(const spec::Processor& p, const Pointer& at, Reporter& r) {
  const char* kind = spec::to_string(p.kind);
  if (p.kind == ProcessorKind::kCpu) {
    if (p.clusters.empty()) r.error(at, "missing key \"clusters\" (expected for a cpu processor)");
    if (p.dvfs) r.error(at / "dvfs", "unexpected key \"dvfs\" on a cpu processor (expected \"dvfs\" in each cluster)");
  } else {
    if (!p.dvfs) r.error(at, fmt::format("missing key \"dvfs\" (expected for a {} processor)", kind));
    if (!p.clusters.empty())
      r.error(at / "clusters", fmt::format("unexpected key \"clusters\" on a {} processor (expected only on cpu "
                                           "processors)",
                                           kind));
  }
  std::vector<NamedAt> cluster_names;
  for (size_t j = 0; j < p.clusters.size(); ++j) {
    cluster_names.push_back({p.clusters[j].name, at / "clusters" / j / "name"});
    check_dvfs(p.clusters[j].dvfs, at / "clusters" / j / "dvfs", r);
  }
  report_duplicates(cluster_names, "cluster name", r);
  if (p.dvfs) check_dvfs(*p.dvfs, at / "dvfs", r);
}

void check_thermal(const spec::Thermal& t, const spec::Soc& soc, Reporter& r) {
  const Pointer trips = Pointer() / "thermal" / "trips";
  for (size_t k = 0; k < t.trips.size(); ++k) {
    const spec::ThermalTrip& trip = t.trips[k];
    if (k > 0 && trip.temp_c < t.trips[k - 1].temp_c)
      r.error(trips / k / "temp_c", fmt::format("{} C is below the previous trip's {} C (expected trips in "
                                                "ascending temperature)",
                                                number_text(trip.temp_c), number_text(t.trips[k - 1].temp_c)));
    for (size_t j = 0; j < trip.processors.size(); ++j)
      if (soc.find_processor(trip.processors[j]) < 0)
        r.error(trips / k / "processors" / j, unknown_name("processor", trip.processors[j], processor_names(soc)));
  }
}

}  // namespace

std::string opp_range(const spec::Dvfs& d) {
  auto [lo, hi] = freq_bounds(d);
  return fmt::format("{}..{} MHz", number_text(lo), number_text(hi));
}

bool within_opps(double mhz, const spec::Dvfs& d) {
  auto [lo, hi] = freq_bounds(d);
  return mhz >= lo && mhz <= hi;
}

void check_soc(const spec::Soc& soc, Reporter& r) {
  std::vector<NamedAt> names;
  for (size_t i = 0; i < soc.processors.size(); ++i) {
    const Pointer at = Pointer() / "processors" / i;
    names.push_back({soc.processors[i].name, at / "name"});
    check_processor(soc.processors[i], at, r);
  }
  report_duplicates(names, "processor name", r);
  if (soc.thermal) check_thermal(*soc.thermal, soc, r);
}

}  // namespace socsim::config
