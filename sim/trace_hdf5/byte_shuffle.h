// HDF5's shuffle filter on the write side: byte j of element i of n elements of elem_size bytes
// goes to out[j * n + i] (byte planes, which compress better than the elements). Stored chunks
// must match what HDF5's own filter would produce byte for byte, since readers unshuffle with it.
//
// Element sizes 2, 4, 8 and 16 take a vector kernel where SSE2 is available (every x86-64):
// 16 elements at a time, transposed by four rounds of byte interleaving in registers; the
// remaining elements and every other size take the plain loop. Both give the same bytes
// (byte_shuffle_test checks every size against the plain loop).
#pragma once

#include <cstddef>

namespace socsim::trace {

// `in` and `out` hold n * elem_size bytes each and do not overlap.
void byte_shuffle(const std::byte* in, std::byte* out, size_t n, size_t elem_size);

}  // namespace socsim::trace
