// The entry points shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp) and by the
// regression test that replays their crashers (tests/fuzz/regression_test.cpp).
//
// Contract under test: any byte string, fed to a config loader, either loads or throws
// socsim::ConfigError. Only ConfigError is caught here; anything else escapes to the caller
// (libFuzzer reports it as a crash, gtest as a failure), as do crashes and sanitizer reports.
//
// The loaders take paths, so the bytes are written to a file inside a per-process sandbox
// directory that also holds copies of the tiny test fixtures, for references to resolve:
//   <sandbox>/socs/tiny.json                     the tiny SoC
//   <sandbox>/models/tinynet.json                the tiny model library
//   <sandbox>/models/profiles/tinysoc.json
//   <sandbox>/soc/input.json                     SoC target: load_soc
//   <sandbox>/family/input.json                  family target: load_model_library(<sandbox>/family),
//   <sandbox>/family/profiles/tinysoc.json         with the tiny profiles to cross-check against
//   <sandbox>/profiles/tinynet.json              profiles target: load_model_library(<sandbox>/profiles),
//   <sandbox>/profiles/profiles/tinysoc.json         with the tiny family the profiles must name
//   <sandbox>/scenarios/input.json               scenario target: load_scenario ("../socs/tiny.json"
//                                                  and "../models" resolve, as in tests/data/config)
//   <sandbox>/scenarios/valid.json               a valid scenario, the base campaigns may name
//   <sandbox>/campaigns/input.json               campaign target: load_campaign ("../scenarios/valid.json")
// The validate target runs validate_file on the bytes twice: as scenarios/input.json and as
// profiles/profiles/tinysoc.json (a profiles file inside a library is checked against its families).
#pragma once

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "cli/campaign/campaign.h"
#include "sim/config/config.h"

namespace socsim::fuzz {

enum class Target { kSoc, kModelFamily, kProfiles, kScenario, kValidate, kCampaign };

inline constexpr Target kAllTargets[] = {Target::kSoc,      Target::kModelFamily, Target::kProfiles,
                                         Target::kScenario, Target::kValidate,    Target::kCampaign};

// Also the name of the harness (fuzz_<name>) and of its folder in tests/data/fuzz_regressions/.
inline const char* to_string(Target t) {
  switch (t) {
    case Target::kSoc:
      return "soc";
    case Target::kModelFamily:
      return "family";
    case Target::kProfiles:
      return "profiles";
    case Target::kScenario:
      return "scenario";
    case Target::kValidate:
      return "validate";
    case Target::kCampaign:
      return "campaign";
  }
  return "?";
}

class Sandbox {
 public:
  // `fixtures` is tests/data/config of the source tree.
  explicit Sandbox(const std::filesystem::path& fixtures)
      : root_(std::filesystem::temp_directory_path() / ("socsim-fuzz-" + std::to_string(::getpid()))) {
    namespace fs = std::filesystem;
    fs::remove_all(root_);
    const auto copy = [&](const char* from, const char* to) {
      fs::create_directories((root_ / to).parent_path());
      fs::copy_file(fixtures / from, root_ / to);
    };
    copy("socs/tiny.json", "socs/tiny.json");
    copy("models/tinynet.json", "models/tinynet.json");
    copy("models/profiles/tinysoc.json", "models/profiles/tinysoc.json");
    copy("models/profiles/tinysoc.json", "family/profiles/tinysoc.json");
    copy("models/tinynet.json", "profiles/tinynet.json");
    copy("scenarios/valid.json", "scenarios/valid.json");
    fs::create_directories(root_ / "campaigns");
    fs::create_directories(root_ / "soc");
    fs::create_directories(root_ / "profiles/profiles");
    fs::create_directories(root_ / "scenarios");
  }
  ~Sandbox() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // Feeds `bytes` to the loader(s) of `target` (a profile file as profiles/tinysoc.json: in a library
  // folder, profile files are named after their SoC). Returns true when the input loaded, false when it
  // was rejected with a ConfigError; anything else propagates.
  bool feed(Target target, std::string_view bytes) const {
    switch (target) {
      case Target::kSoc:
        return loads([&] { config::load_soc(write("soc/input.json", bytes)); });
      case Target::kModelFamily:
        return loads([&] {
          write("family/input.json", bytes);
          config::load_model_library((root_ / "family").string());
        });
      case Target::kProfiles:
        return loads([&] {
          write("profiles/profiles/tinysoc.json", bytes);
          config::load_model_library((root_ / "profiles").string());
        });
      case Target::kScenario:
        return loads([&] { config::load_scenario(write("scenarios/input.json", bytes)); });
      case Target::kCampaign:
        return loads([&] { config::load_campaign(write("campaigns/input.json", bytes)); });
      case Target::kValidate: {
        const bool as_scenario = loads([&] { config::validate_file(write("scenarios/input.json", bytes), config::check_campaign_file); });
        const bool in_library = loads([&] { config::validate_file(write("profiles/profiles/tinysoc.json", bytes), config::check_campaign_file); });
        return as_scenario || in_library;
      }
    }
    return false;
  }

 private:
  template <typename Load>
  static bool loads(Load load) {
    try {
      load();
      return true;
    } catch (const ConfigError&) {
      return false;
    }
  }

  std::string write(const char* relative, std::string_view bytes) const {
    const std::filesystem::path path = root_ / relative;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    // Not a finding in the loader: the harness itself could not run.
    if (!out) throw std::logic_error("fuzz harness: cannot write " + path.string());
    return path.string();
  }

  std::filesystem::path root_;
};

}  // namespace socsim::fuzz
