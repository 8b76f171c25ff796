// Helpers for the sim/config tests: fixture paths and assertions on diagnostics.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "sim/config/config.h"

namespace socsim::config::testing {

// A fixture under tests/data/config/.
inline std::string fixture(const std::string& relative) {
  return std::string(SOCSIM_TEST_DATA) + "/config/" + relative;
}

// Runs `load`, which must throw a ConfigError, and returns the diagnostics it holds.
template <typename Load>
std::vector<Diagnostic> diagnostics_of(Load load) {
  try {
    load();
  } catch (const ConfigError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "expected a ConfigError";
  return {};
}

inline std::string listing(const std::vector<Diagnostic>& diags) {
  std::string all;
  for (const auto& d : diags) all += "\n  " + d.format();
  return all;
}

// Succeeds when one diagnostic's formatted text ("file: error: /pointer: message") contains
// every one of `parts`; else lists all diagnostics.
inline ::testing::AssertionResult has_diagnostic(const std::vector<Diagnostic>& diags,
                                                 std::initializer_list<std::string> parts) {
  for (const auto& d : diags) {
    const std::string text = d.format();
    bool all = true;
    for (const auto& part : parts) all = all && text.find(part) != std::string::npos;
    if (all) return ::testing::AssertionSuccess();
  }
  std::string wanted;
  for (const auto& part : parts) wanted += " [" + part + "]";
  return ::testing::AssertionFailure() << "no diagnostic contains" << wanted << "; got:" << listing(diags);
}

// Validating `file` (under tests/data/config) fails with a diagnostic containing all `parts`.
inline ::testing::AssertionResult fails_with(const std::string& file, std::initializer_list<std::string> parts) {
  return has_diagnostic(diagnostics_of([&] { validate_file(fixture(file)); }), parts);
}

}  // namespace socsim::config::testing
