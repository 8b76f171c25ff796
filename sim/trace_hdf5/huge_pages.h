// Memory for the trace's large, long-lived buffers (record blocks, packed and encoded columns)
// from transparent huge pages. On the VMs socsim is measured on, a first touch of a 4 KiB page
// costs 11-20 us (a quickstart hour with its trace took ~4 500 of them, as long as a third of the
// untraced run), while a 2 MiB huge page costs ~0.3 us per 4 KiB, the price of zeroing it: from
// 128 KiB up (32 small pages, ~400 us) a whole huge page (~160 us) is cheaper.
//
// Contract: allocate(n) returns memory for n bytes, 64-byte aligned. Requests of kHugeMin bytes or
// more are carved one after the other from 2 MiB-aligned mmaps of whole 2 MiB pages advised
// MADV_HUGEPAGE (a kernel that declines falls back to small pages: same bytes, slower); a mapping
// goes back to the OS when everything carved from it is freed. Smaller requests go to operator
// new. free(p, n) takes exactly what allocate(n) gave. Thread-safe (one mutex; these buffers are
// few and long-lived).
#pragma once

#include <cstddef>
#include <new>

namespace socsim::trace::huge_pages {

inline constexpr size_t kHugePage = size_t{2} << 20;
inline constexpr size_t kHugeMin = size_t{128} << 10;  // below: a huge page would mostly be zeroing

void* allocate(size_t bytes);          // throws std::bad_alloc
void free(void* p, size_t bytes) noexcept;  // bytes: as given to allocate()

// A standard allocator over allocate()/free(), for std::vector of trivially copyable elements.
template <class T>
struct Allocator {
  using value_type = T;
  Allocator() = default;
  template <class U>
  Allocator(const Allocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)
  T* allocate(size_t n) { return static_cast<T*>(huge_pages::allocate(n * sizeof(T))); }
  void deallocate(T* p, size_t n) noexcept { huge_pages::free(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const Allocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace socsim::trace::huge_pages
