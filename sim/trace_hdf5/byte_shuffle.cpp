#include "sim/trace_hdf5/byte_shuffle.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace socsim::trace {
namespace {

// Elements [first, n): one pass over the input, E output streams (with E known, the compiler
// unrolls the inner loop).
template <size_t E>
void shuffle_loop(const std::byte* in, std::byte* out, size_t first, size_t n) {
  for (size_t i = first; i < n; ++i)
    for (size_t j = 0; j < E; ++j) out[j * n + i] = in[i * E + j];
}

#if defined(__SSE2__)
// 16 elements of E bytes are 16 * E bytes in E registers; byte f = e * E + j of them belongs at
// j * 16 + e of the planes' 16-byte rows. Interleaving the first half of the bytes with the second
// (unpacklo/unpackhi of register m with register m + E/2) rotates a byte's index bits left by one;
// four rounds move the element's four bits from the top of the index to the bottom, which is
// exactly f -> j * 16 + e: register j then holds plane j's 16 bytes.
template <size_t E>
size_t shuffle_sse2(const std::byte* in, std::byte* out, size_t n) {
  static_assert(E >= 2 && E <= 16 && (E & (E - 1)) == 0);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m128i v[E], w[E];
    for (size_t k = 0; k < E; ++k) v[k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i * E + 16 * k));
    for (int round = 0; round < 4; ++round) {
      for (size_t m = 0; m < E / 2; ++m) {
        w[2 * m] = _mm_unpacklo_epi8(v[m], v[m + E / 2]);
        w[2 * m + 1] = _mm_unpackhi_epi8(v[m], v[m + E / 2]);
      }
      std::copy(w, w + E, v);
    }
    for (size_t j = 0; j < E; ++j) _mm_storeu_si128(reinterpret_cast<__m128i*>(out + j * n + i), v[j]);
  }
  return i;
}
#endif

template <size_t E>
void shuffle_fixed(const std::byte* in, std::byte* out, size_t n) {
  size_t done = 0;
#if defined(__SSE2__)
  done = shuffle_sse2<E>(in, out, n);
#endif
  shuffle_loop<E>(in, out, done, n);
}

}  // namespace

void byte_shuffle(const std::byte* in, std::byte* out, size_t n, size_t elem_size) {
  switch (elem_size) {
    case 1:
      std::copy(in, in + n, out);
      return;
    case 2:
      return shuffle_fixed<2>(in, out, n);
    case 4:
      return shuffle_fixed<4>(in, out, n);
    case 8:
      return shuffle_fixed<8>(in, out, n);
    case 16:
      return shuffle_fixed<16>(in, out, n);
    default:
      for (size_t j = 0; j < elem_size; ++j)
        for (size_t i = 0; i < n; ++i) out[j * n + i] = in[i * elem_size + j];
  }
}

}  // namespace socsim::trace
