// config::to_json of a model library: written as text directly (JsonText), keys in nlohmann's
// sorted order, so that the text is what dumping the equivalent nlohmann document with indent 2
// gave (tests/config/to_json_models_test.cpp compares the two).
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/config/config.h"
#include "sim/config/json_text_impl.h"

namespace socsim::config {
namespace {

double in_ms(Duration d) { return static_cast<double>(d.count_ns()) / 1e6; }

// Per-engine-kind values, keyed by the kind's name in sorted order.
template <typename T, typename Write>
void per_engine(JsonText& w, const std::map<spec::ProcessorKind, T>& values, Write write) {
  std::vector<std::pair<std::string, const T*>> sorted;
  for (const auto& [kind, v] : values) sorted.emplace_back(spec::to_string(kind), &v);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  w.begin_object();
  for (const auto& [name, v] : sorted) write(w.key(name), *v);
  w.end_object();
}

void build_json(JsonText& w, const spec::Build& b) {
  w.begin_object();
  w.key("accuracy_pct").number(b.accuracy_pct);
  per_engine(w.key("load_ms"), b.load, [](JsonText& w, Duration d) { w.number(in_ms(d)); });
  per_engine(w.key("memory_mib"), b.memory_mib, [](JsonText& w, double v) { w.number(v); });
  w.key("precision").string(spec::to_string(b.precision));
  w.key("size_mib").number(b.size_mib);
  w.end_object();
}

void variant_json(JsonText& w, const spec::Variant& v) {
  w.begin_object();
  w.key("gflops").number(v.gflops);
  w.key("memory_bound_frac").number(v.memory_bound_frac);
  w.key("name").string(v.name);
  w.key("parallel_frac").number(v.parallel_frac);
  w.key("params_m").number(v.params_m);
  w.key("precisions").begin_array();
  for (const auto& b : v.builds) build_json(w, b);
  w.end_array();
  w.end_object();
}

void family_json(JsonText& w, const spec::Family& f, const spec::ModelLibrary& lib) {
  w.begin_object();
  if (!f.accuracy_metric.empty()) w.key("accuracy_metric").string(f.accuracy_metric);
  w.key("dataset").string(f.dataset);
  w.key("family").string(f.name);
  w.key("task").string(f.task);
  w.key("variants").begin_array();
  for (const auto& v : lib.variants)
    if (v.family == f.name) variant_json(w, v);
  w.end_array();
  w.end_object();
}

void profile_json(JsonText& w, const spec::Profile& p) {
  w.begin_object();
  w.key("bandwidth_gbps").number(p.bandwidth_gbps);
  w.key("engine").string(p.engine);
  w.key("estimated").boolean(p.estimated);
  w.key("latency_ms").number(in_ms(p.latency_mean));
  w.key("latency_sd_ms").number(in_ms(p.latency_sd));
  w.key("precision").string(spec::to_string(p.precision));
  w.key("source").string(p.source);
  if (p.threads > 0) w.key("threads").integer(p.threads);
  w.key("variant").string(p.variant);
  w.end_object();
}

}  // namespace

std::string to_json(const spec::ModelLibrary& lib, const std::string& soc_name) {
  // ~300 bytes per profile and ~1 KiB per variant: one allocation for the whole text.
  JsonText w(4096 + 1024 * lib.variants.size() + 320 * lib.profiles.size());
  w.begin_object();
  w.key("families").begin_array();
  for (const auto& f : lib.families) family_json(w, f, lib);
  w.end_array();
  w.key("profiles").begin_array();
  for (const auto& p : lib.profiles)
    if (p.soc == soc_name) profile_json(w, p);
  w.end_array();
  w.key("root").string(lib.root);
  w.key("soc").string(soc_name);
  w.end_object();
  return w.take();
}

}  // namespace socsim::config
