// tune_malloc: after it, the heap the run allocates from is advised for transparent huge pages.
// (Its effect on start-up is measured by `make bench-sweep`, not here.)
#include "cli/process_heap.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace socsim::cli {
namespace {

// The "THPeligible" line of the /proc/self/smaps mapping that holds `p` ("" if none).
std::string thp_eligible_of(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<uintptr_t>(p);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    uintptr_t lo = 0, hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-') {
      inside = lo <= at && at < hi;
    } else if (inside && line.rfind("THPeligible:", 0) == 0) {
      return line;
    }
  }
  return "";
}

bool thp_available() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(f, modes);
  return !modes.empty() && modes.find("[never]") == std::string::npos;
}

TEST(ProcessHeap, BlocksAllocatedAfterTuningLieInHugePageEligibleMemory) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer replaces the heap";
#endif
  if (!thp_available()) GTEST_SKIP() << "transparent huge pages are off on this machine";
  tune_malloc();
  void* block = std::malloc(size_t{1} << 20);
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, size_t{1} << 20);
  const std::string line = thp_eligible_of(block);
  std::free(block);
  ASSERT_FALSE(line.empty()) << "no mapping in /proc/self/smaps holds the block";
  EXPECT_NE(line.find('1'), std::string::npos) << line;
}

}  // namespace
}  // namespace socsim::cli
