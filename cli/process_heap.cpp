#include "cli/process_heap.h"

#include <malloc.h>

namespace socsim::cli {

void tune_malloc() {
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
}

}  // namespace socsim::cli
