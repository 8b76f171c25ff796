// byte_shuffle (byte_shuffle.h): the same byte planes as HDF5's shuffle filter defines them, for
// every element size and for counts around the vector kernel's 16-element steps (so both the
// kernel and the loop that finishes a chunk are checked against the definition).
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "sim/trace_hdf5/byte_shuffle.h"

namespace socsim::trace {
namespace {

// The definition (H5Zshuffle.c): byte j of element i to j * n + i.
std::vector<std::byte> planes(const std::vector<std::byte>& in, size_t n, size_t elem_size) {
  std::vector<std::byte> out(in.size());
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < elem_size; ++j) out[j * n + i] = in[i * elem_size + j];
  return out;
}

std::vector<std::byte> random_bytes(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::byte> v(size);
  for (std::byte& b : v) b = static_cast<std::byte>(rng());
  return v;
}

TEST(ByteShuffle, MatchesTheFilterForEveryElementSizeAndCount) {
  for (size_t elem_size : {1, 2, 3, 4, 5, 8, 16}) {
    for (size_t n : {0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 48, 100, 16384, 16389}) {
      const std::vector<std::byte> in = random_bytes(n * elem_size, static_cast<uint32_t>(97 * elem_size + n));
      std::vector<std::byte> out(in.size(), std::byte{0xAA});
      byte_shuffle(in.data(), out.data(), n, elem_size);
      ASSERT_EQ(out, planes(in, n, elem_size)) << elem_size << "-byte elements, n = " << n;
    }
  }
}

TEST(ByteShuffle, EightByteValuesBecomeLittleEndianBytePlanes) {
  // 16 int64 values 0x0706050403020100 + i * 0x1010101010101010: plane j holds byte j of each, in
  // element order.
  std::vector<int64_t> values(16);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<int64_t>(0x0706050403020100ULL + i * 0x1010101010101010ULL);
  std::vector<std::byte> out(values.size() * 8);
  byte_shuffle(reinterpret_cast<const std::byte*>(values.data()), out.data(), values.size(), 8);
  for (size_t j = 0; j < 8; ++j)
    for (size_t i = 0; i < 16; ++i)
      ASSERT_EQ(std::to_integer<unsigned>(out[j * 16 + i]), (j + 16 * i) & 0xFF) << "plane " << j << ", element " << i;
}

}  // namespace
}  // namespace socsim::trace
