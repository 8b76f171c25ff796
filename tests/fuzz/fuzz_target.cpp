// One libFuzzer harness per loader, all built from this file: SOCSIM_FUZZ_TARGET names the
// socsim::fuzz::Target (see tests/fuzz/CMakeLists.txt). ConfigError is caught inside feed();
// any other exception escapes on purpose: std::terminate prints its type and what(), aborts,
// and libFuzzer saves the input as a crasher.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const socsim::fuzz::Sandbox sandbox(SOCSIM_FUZZ_FIXTURES);
  sandbox.feed(socsim::fuzz::Target::SOCSIM_FUZZ_TARGET, std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
