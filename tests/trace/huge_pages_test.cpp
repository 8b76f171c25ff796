// huge_pages: buffers of kHugeMin bytes or more are carved one after the other from 2 MiB-aligned
// mappings (aligned, disjoint, writable, two ~0.9 MiB record blocks sharing one huge page), and
// smaller ones come from operator new; a std::vector over the allocator keeps its contents.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "sim/trace_hdf5/huge_pages.h"

namespace socsim::trace {
namespace {

TEST(HugePages, CarvesAlignedDisjointBuffersFromHugePages) {
  constexpr size_t kBlock = 900 << 10;
  // A whole huge page first: whatever earlier buffers left, the next one starts a fresh mapping.
  void* filler = huge_pages::allocate(huge_pages::kHugePage);
  auto* a = static_cast<std::byte*>(huge_pages::allocate(kBlock));
  auto* b = static_cast<std::byte*>(huge_pages::allocate(kBlock));
  auto* c = static_cast<std::byte*>(huge_pages::allocate(kBlock));
  for (std::byte* p : {a, b, c}) {
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u);
    std::memset(p, 0x5a, kBlock);  // writable, all of it
  }
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % huge_pages::kHugePage, 0u);
  EXPECT_EQ(b, a + kBlock);  // the second shares the first's huge page
  EXPECT_TRUE(c >= b + kBlock || c + kBlock <= a);  // the third does not fit: elsewhere
  EXPECT_EQ(a[kBlock - 1], std::byte{0x5a});
  huge_pages::free(a, kBlock);
  huge_pages::free(b, kBlock);
  huge_pages::free(c, kBlock);
  huge_pages::free(filler, huge_pages::kHugePage);
  auto* d = static_cast<std::byte*>(huge_pages::allocate(kBlock));  // reuses or maps again: usable
  std::memset(d, 1, kBlock);
  huge_pages::free(d, kBlock);
}

TEST(HugePages, SmallBuffersAndVectorsWork) {
  void* small = huge_pages::allocate(100);
  std::memset(small, 0, 100);
  huge_pages::free(small, 100);
  std::vector<int64_t, huge_pages::Allocator<int64_t>> v;
  for (int64_t i = 0; i < 100000; ++i) v.push_back(i * 3);  // grows across the threshold
  for (int64_t i = 0; i < 100000; ++i) ASSERT_EQ(v[static_cast<size_t>(i)], i * 3);
}

}  // namespace
}  // namespace socsim::trace
