// config::to_json of a model library writes its text directly (sim/config/json_text_impl.h); it
// must be byte for byte what dumping the equivalent nlohmann document gave, since a trace's
// /config and config_sha256 are made of it (golden runs fingerprint /config). The reference below
// is the nlohmann-based writer it replaced.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>

#include "sim/config/config.h"
#include "sim/config/json_text_impl.h"
#include "sim/config/to_json_impl.h"

namespace socsim::config {
namespace {

template <typename T, typename Convert>
Json reference_per_engine(const std::map<spec::ProcessorKind, T>& values, Convert convert) {
  Json j = Json::object();
  for (const auto& [kind, v] : values) j[spec::to_string(kind)] = convert(v);
  return j;
}

std::string reference(const spec::ModelLibrary& lib, const std::string& soc_name) {
  Json j;
  j["root"] = lib.root;
  j["soc"] = soc_name;
  j["families"] = Json::array();
  for (const auto& f : lib.families) {
    Json fj;
    fj["family"] = f.name;
    fj["task"] = f.task;
    fj["dataset"] = f.dataset;
    set_if(fj, "accuracy_metric", f.accuracy_metric);
    fj["variants"] = Json::array();
    for (const auto& v : lib.variants) {
      if (v.family != f.name) continue;
      Json vj;
      vj["name"] = v.name;
      vj["params_m"] = number(v.params_m);
      vj["gflops"] = number(v.gflops);
      vj["parallel_frac"] = number(v.parallel_frac);
      vj["memory_bound_frac"] = number(v.memory_bound_frac);
      vj["precisions"] = Json::array();
      for (const auto& b : v.builds) {
        Json bj;
        bj["precision"] = spec::to_string(b.precision);
        bj["accuracy_pct"] = number(b.accuracy_pct);
        bj["size_mib"] = number(b.size_mib);
        bj["memory_mib"] = reference_per_engine(b.memory_mib, number);
        bj["load_ms"] = reference_per_engine(b.load, ms);
        vj["precisions"].push_back(std::move(bj));
      }
      fj["variants"].push_back(std::move(vj));
    }
    j["families"].push_back(std::move(fj));
  }
  j["profiles"] = Json::array();
  for (const auto& p : lib.profiles) {
    if (p.soc != soc_name) continue;
    Json pj;
    pj["variant"] = p.variant;
    pj["precision"] = spec::to_string(p.precision);
    pj["engine"] = p.engine;
    if (p.threads > 0) pj["threads"] = p.threads;
    pj["latency_ms"] = ms(p.latency_mean);
    pj["latency_sd_ms"] = ms(p.latency_sd);
    pj["bandwidth_gbps"] = number(p.bandwidth_gbps);
    pj["estimated"] = p.estimated;
    pj["source"] = p.source;
    j["profiles"].push_back(std::move(pj));
  }
  return j.dump(2);
}

TEST(ToJsonModels, ShippedLibraryMatchesNlohmannForEverySoc) {
  const spec::ModelLibrary lib = load_model_library(std::string(SOCSIM_SOURCE_DIR) + "/models");
  std::set<std::string> socs;
  for (const auto& p : lib.profiles) socs.insert(p.soc);
  ASSERT_GE(socs.size(), 5u);
  socs.insert("no_such_soc");  // no profiles at all
  for (const auto& soc : socs) EXPECT_EQ(to_json(lib, soc), reference(lib, soc)) << soc;
}

TEST(ToJsonModels, EdgeValuesMatchNlohmann) {
  spec::ModelLibrary lib;
  lib.root = "/tmp/mod\"els\\ \xc3\xa9t\xc3\xa9 \x7f";
  lib.families.push_back({"fam", "task\n\t\x01", "", "", "f.json"});  // empty dataset, no metric
  spec::Variant v;
  v.name = "v";
  v.family = "fam";
  v.params_m = 1e-7;
  v.gflops = 1e300;
  v.parallel_frac = -0.0;
  v.memory_bound_frac = std::numeric_limits<double>::quiet_NaN();
  spec::Build b;
  b.accuracy_pct = 9007199254740992.0;  // 2^53: written as a double
  b.size_mib = -9007199254740991.0;
  b.memory_mib = {{spec::ProcessorKind::kNpu, 1.5}, {spec::ProcessorKind::kCpu, 2}, {spec::ProcessorKind::kGpu, 0.1}};
  b.load = {{spec::ProcessorKind::kGpu, Duration::ns(1)}, {spec::ProcessorKind::kDsp, Duration::ns(123456789)}};
  v.builds.push_back(b);
  v.builds.push_back(spec::Build{});  // empty per-engine maps
  lib.variants.push_back(v);
  lib.variants.push_back(spec::Variant{"w", "fam", "", 0, 0, 0, 0, {}});  // no builds
  spec::Profile p;
  p.soc = "s";
  p.variant = "v";
  p.engine = "cpu_big";
  p.threads = 4;
  p.latency_mean = Duration::ns(33333333);
  p.latency_sd = Duration::ns(0);
  p.bandwidth_gbps = std::numeric_limits<double>::infinity();
  p.estimated = true;
  p.source = "";
  lib.profiles.push_back(p);
  p.threads = 0;
  p.source = "\xe6\x97\xa5\xe6\x9c\xac";
  lib.profiles.push_back(p);
  EXPECT_EQ(to_json(lib, "s"), reference(lib, "s"));
}

TEST(ToJsonModels, InvalidUtf8IsRefusedAsNlohmannRefusesIt) {
  spec::ModelLibrary lib;
  lib.root = "bad \xff";
  EXPECT_THROW(reference(lib, "s"), Json::type_error);
  EXPECT_THROW(to_json(lib, "s"), Json::type_error);
}

TEST(JsonText, RefusesUnsortedKeys) {
  JsonText w;
  w.begin_object().key("b").integer(1);
  EXPECT_THROW(w.key("a"), std::logic_error);
  EXPECT_THROW(w.key("b"), std::logic_error);
}

}  // namespace
}  // namespace socsim::config
