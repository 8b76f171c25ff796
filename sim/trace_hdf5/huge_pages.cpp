#include "sim/trace_hdf5/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace socsim::trace::huge_pages {
namespace {

size_t mapped_size(size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }

}  // namespace

void* allocate(size_t bytes) {
  if (bytes < kHugeMin) return ::operator new(bytes);
  const size_t size = mapped_size(bytes);
  // Over-map by one huge page, then unmap the unaligned head and the tail.
  void* raw = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) ::munmap(raw, aligned - start);
  const uintptr_t end = start + size + kHugePage;
  if (end > aligned + size) ::munmap(reinterpret_cast<void*>(aligned + size), end - (aligned + size));
  void* p = reinterpret_cast<void*>(aligned);
  static_cast<void>(::madvise(p, size, MADV_HUGEPAGE));  // advice: small pages if refused
  return p;
}

void free(void* p, size_t bytes) noexcept {
  if (p == nullptr) return;
  if (bytes < kHugeMin) {
    ::operator delete(p);
    return;
  }
  ::munmap(p, mapped_size(bytes));
}

}  // namespace socsim::trace::huge_pages
