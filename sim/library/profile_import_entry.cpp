// Placing an imported profile entry in a profiles document (see profile_import_impl.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "sim/config/messages_impl.h"
#include "sim/library/profile_import_impl.h"

namespace socsim::config {
namespace {

constexpr size_t kUnknown = static_cast<size_t>(-1);

double round_to(double v, double step) { return std::round(v / step) * step; }

bool same_design(const OrderedJson& e, const ImportedProfile& p, bool with_threads) {
  return e.value("variant", "") == p.variant && e.value("precision", "") == spec::to_string(p.precision) &&
         e.value("engine", "") == p.engine && (!with_threads || e.value("threads", 0) == p.threads);
}

// The entry in the shipped files' key order.
OrderedJson make_entry(const ImportedProfile& p, std::optional<double> bandwidth_gbps, const std::string& source) {
  OrderedJson e = OrderedJson::object();
  e["variant"] = p.variant;
  e["precision"] = spec::to_string(p.precision);
  e["engine"] = p.engine;
  if (p.threads > 0) e["threads"] = p.threads;
  e["latency_ms"] = p.latency_ms;
  if (p.latency_sd_ms) e["latency_sd_ms"] = *p.latency_sd_ms;
  if (bandwidth_gbps) e["bandwidth_gbps"] = *bandwidth_gbps;
  e["source"] = source;
  e["estimated"] = false;
  return e;
}

// The entry whose bytes per inference the new one keeps: the one it replaces (`replaced`), else
// the same design with the nearest thread count; nullptr when none states a bandwidth.
const OrderedJson* bandwidth_reference(const OrderedJson& profiles, const ImportedProfile& p, size_t replaced) {
  if (replaced != kUnknown) return profiles[replaced].contains("bandwidth_gbps") ? &profiles[replaced] : nullptr;
  const OrderedJson* best = nullptr;
  for (const OrderedJson& e : profiles) {
    if (!same_design(e, p, false) || !e.contains("bandwidth_gbps")) continue;
    if (best == nullptr ||
        std::abs(e.value("threads", 0) - p.threads) < std::abs(best->value("threads", 0) - p.threads))
      best = &e;
  }
  return best;
}

}  // namespace

EntryOrder::Key EntryOrder::key(const OrderedJson& entry) const {
  const spec::Variant* v = lib_.find_variant(entry.value("variant", ""));
  std::optional<spec::Precision> p = spec::parse_precision(entry.value("precision", ""));
  const int engine = soc_.find_processor(entry.value("engine", ""));
  return Key{v ? static_cast<size_t>(v - lib_.variants.data()) : kUnknown, p ? static_cast<int>(*p) : 99,
             engine >= 0 ? static_cast<size_t>(engine) : kUnknown, entry.value("threads", 0)};
}

bool EntryOrder::less(const OrderedJson& a, const OrderedJson& b) const { return key(a) < key(b); }

Placement place_profile(OrderedJson& profiles, const ImportedProfile& p, const EntryOrder& order) {
  size_t replaced = kUnknown;
  for (size_t i = 0; i < profiles.size() && replaced == kUnknown; ++i)
    if (same_design(profiles[i], p, true)) replaced = i;

  std::optional<double> bandwidth;
  std::string source = p.source;
  if (const OrderedJson* ref = bandwidth_reference(profiles, p, replaced)) {
    const double ref_bw = ref->value("bandwidth_gbps", 0.0);
    const double ref_latency = ref->value("latency_ms", 0.0);
    const double bw = round_to(ref_bw * ref_latency / p.latency_ms, 0.01);
    if (bw > 0) {
      bandwidth = bw;
      source += fmt::format(
          "; bandwidth_gbps scaled from the {} ({} GB/s at {} ms) to keep its bytes per inference",
          replaced != kUnknown ? "entry this one replaced" : fmt::format("{}-thread entry", ref->value("threads", 0)),
          number_text(ref_bw), number_text(ref_latency));
    }
  }
  OrderedJson entry = make_entry(p, bandwidth, source);

  if (replaced != kUnknown) {
    profiles[replaced] = std::move(entry);
    return {ImportPlan::Action::kUpdated, replaced};
  }
  const auto less = [&](const OrderedJson& a, const OrderedJson& b) { return order.less(a, b); };
  if (!std::is_sorted(profiles.begin(), profiles.end(), less)) {
    profiles.push_back(std::move(entry));
    return {ImportPlan::Action::kAppended, profiles.size() - 1};
  }
  const auto at = std::upper_bound(profiles.begin(), profiles.end(), entry, less);
  const auto index = static_cast<size_t>(at - profiles.begin());
  profiles.insert(at, std::move(entry));
  return {ImportPlan::Action::kInserted, index};
}

OrderedJson new_profiles_document(const spec::Soc& soc) {
  OrderedJson doc = OrderedJson::object();
  doc["soc"] = soc.name;
  doc["description"] = fmt::format(
      "Latency profiles of the {} measured with TensorFlow Lite's benchmark_model tool and imported with "
      "`socsim profile import`.",
      soc.display_name.empty() ? soc.name : soc.display_name);
  doc["profiles"] = OrderedJson::array();
  return doc;
}

std::string render(const OrderedJson& doc) { return doc.dump(2) + "\n"; }

}  // namespace socsim::config
