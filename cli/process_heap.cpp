#include "cli/process_heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace socsim::cli {
namespace {

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
constexpr size_t kHugeHeap = size_t{32} << 20;

// The heap's unaligned start, taken once and kept for the process's life; volatile so the
// compiler cannot drop the allocation as unused.
void* volatile heap_head = nullptr;

// Grows the heap by kHugeHeap (plus M_TOP_PAD), advises the grown part's whole 2 MiB pages
// MADV_HUGEPAGE and hands it back to the top of the heap, so later allocations are served from
// huge pages where the kernel has them (what glibc.malloc.hugetlb=1 does, which can only be set in
// the environment). The part below the first whole huge page is taken and never freed, so the
// run's own allocations start on one.
void advise_huge_heap() {
  void* block = std::malloc(kHugeHeap);  // below M_MMAP_THRESHOLD: from the heap, at its top
  if (!block) return;
  const auto start = reinterpret_cast<uintptr_t>(block);
  const auto first = (start + kHugePage - 1) & ~(kHugePage - 1);
  const auto last = reinterpret_cast<uintptr_t>(sbrk(0)) & ~(kHugePage - 1);
  const bool advised = last > first && madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE) == 0;
  std::free(block);
  if (advised && first - start > 64) heap_head = std::malloc(first - start - sizeof(size_t));
}

}  // namespace

void tune_malloc() {
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_ARENA_MAX, 1);  // the trace writer's thread allocates from the same (huge-page) heap
  advise_huge_heap();
}

}  // namespace socsim::cli
