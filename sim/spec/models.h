// Immutable model library, as loaded from models/*.json and models/profiles/*.json by sim/config.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/spec/soc.h"

namespace socsim::spec {

enum class Precision { kFp32, kFp16, kDr8, kFx8, kFfx8 };

const char* to_string(Precision p);
std::optional<Precision> parse_precision(const std::string& s);

// One build of a variant at one precision.
struct Build {
  Precision precision = Precision::kFp32;
  double accuracy_pct = 0;
  double size_mib = 0;
  std::map<ProcessorKind, double> memory_mib;  // resident memory per engine kind
  std::map<ProcessorKind, Duration> load;      // load + delegate initialisation per engine kind
};

struct Variant {
  std::string name;
  std::string family;
  std::string task;  // the app task it serves (image_classification, ...)
  double params_m = 0;
  double gflops = 0;
  double parallel_frac = 0;
  double memory_bound_frac = 0;
  std::vector<Build> builds;

  const Build* find_build(Precision p) const {
    for (const auto& b : builds)
      if (b.precision == p) return &b;
    return nullptr;
  }
};

struct Family {
  std::string name;
  std::string task;
  std::string dataset;
  std::string accuracy_metric;
  std::string file;
};

// Latency of one (variant, precision, engine, threads) on one SoC at the reference frequency.
struct Profile {
  std::string soc;
  std::string variant;
  Precision precision = Precision::kFp32;
  std::string engine;  // processor name within the SoC
  int threads = 0;     // CPU threads; 0 for accelerators
  Duration latency_mean;
  Duration latency_sd;
  double bandwidth_gbps = 0;
  bool estimated = false;
  std::string source;
};

struct ModelLibrary {
  std::vector<Family> families;
  std::vector<Variant> variants;  // all families' variants, in load order (families sorted by file)
  std::vector<Profile> profiles;  // all SoCs' profiles
  std::string root;               // the folder it was loaded from

  const Variant* find_variant(const std::string& name) const {
    for (const auto& v : variants)
      if (v.name == name) return &v;
    return nullptr;
  }
  const Profile* find_profile(const std::string& soc, const std::string& variant, Precision p,
                              const std::string& engine, int threads) const {
    for (const auto& pr : profiles)
      if (pr.soc == soc && pr.variant == variant && pr.precision == p && pr.engine == engine &&
          pr.threads == threads)
        return &pr;
    return nullptr;
  }
};

}  // namespace socsim::spec
