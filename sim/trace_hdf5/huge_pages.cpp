#include "sim/trace_hdf5/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>
#include <map>
#include <mutex>

namespace socsim::trace::huge_pages {
namespace {

constexpr size_t kAlign = 64;

size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

// `size` bytes (a multiple of kHugePage), kHugePage-aligned, advised MADV_HUGEPAGE.
std::byte* map_huge(size_t size) {
  // Over-map by one huge page, then unmap the unaligned head and the tail.
  void* raw = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = round_up(start, kHugePage);
  if (aligned > start) ::munmap(raw, aligned - start);
  const uintptr_t end = start + size + kHugePage;
  if (end > aligned + size) ::munmap(reinterpret_cast<void*>(aligned + size), end - (aligned + size));
  static_cast<void>(::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE));  // small pages if refused
  return reinterpret_cast<std::byte*>(aligned);
}

// Mapped huge pages, carved front to back: a record block (~0.9 MiB) would otherwise leave most of
// its 2 MiB page unused (the quickstart's peak RSS grew by half). A region is unmapped when the
// last allocation carved from it is freed; its free tail is only reused while it is the current one.
struct Region {
  std::byte* base;
  size_t size;
  size_t used = 0;
  size_t live = 0;
};

struct Regions {
  std::mutex mutex;
  std::map<uintptr_t, Region> by_base;
  Region* current = nullptr;
};

Regions& regions() {
  static Regions* r = new Regions;  // never destroyed: buffers may be freed during static destruction
  return *r;
}

}  // namespace

void* allocate(size_t bytes) {
  if (bytes < kHugeMin) return ::operator new(bytes);
  const size_t need = round_up(bytes, kAlign);
  Regions& r = regions();
  std::lock_guard lock(r.mutex);
  if (r.current == nullptr || r.current->used + need > r.current->size) {
    const size_t size = round_up(need, kHugePage);
    std::byte* base = map_huge(size);
    r.current = &r.by_base.emplace(reinterpret_cast<uintptr_t>(base), Region{base, size}).first->second;
  }
  std::byte* p = r.current->base + r.current->used;
  r.current->used += need;
  ++r.current->live;
  return p;
}

void free(void* p, size_t bytes) noexcept {
  if (p == nullptr) return;
  if (bytes < kHugeMin) {
    ::operator delete(p);
    return;
  }
  Regions& r = regions();
  std::lock_guard lock(r.mutex);
  auto it = r.by_base.upper_bound(reinterpret_cast<uintptr_t>(p));
  --it;  // the region holding p: allocate() carved p from it
  Region& region = it->second;
  if (--region.live > 0) return;
  if (&region == r.current) {
    region.used = 0;  // empty again: carve from its start
    return;
  }
  ::munmap(region.base, region.size);
  r.by_base.erase(it);
}

}  // namespace socsim::trace::huge_pages
