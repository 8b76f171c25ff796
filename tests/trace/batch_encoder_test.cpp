// BatchEncoder: the same stored bytes whatever the number of threads, each chunk a zlib stream of
// the shuffled input that zlib itself inflates (what HDF5's deflate filter does when reading).
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <vector>

#include "sim/trace_hdf5/chunk_encoder.h"

namespace socsim::trace {
namespace {

std::vector<std::vector<std::byte>> columns() {
  std::vector<std::vector<std::byte>> cols;
  for (size_t c = 0; c < 7; ++c) {
    std::vector<int64_t> v(4096 + 17 * c);
    for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(i * (c + 1) * 7919 % 100003);
    const auto bytes = std::as_bytes(std::span(v));
    cols.emplace_back(bytes.begin(), bytes.end());
  }
  return cols;
}

std::vector<std::vector<std::byte>> encode_with(int level, size_t threads, const std::vector<std::vector<std::byte>>& cols) {
  BatchEncoder encoder(level, threads);
  std::vector<BatchEncoder::Chunk> chunks;
  for (const auto& c : cols) chunks.push_back({c, sizeof(int64_t)});
  return encoder.encode(chunks);
}

TEST(BatchEncoder, SameBytesWhateverTheThreadCount) {
  const auto cols = columns();
  const auto one = encode_with(1, 1, cols);
  ASSERT_EQ(one.size(), cols.size());
  for (size_t threads : {2u, 3u, 16u}) EXPECT_EQ(encode_with(1, threads, cols), one) << threads << " threads";
  EXPECT_EQ(encode_with(0, 2, cols), cols);  // level 0: stored raw
}

TEST(BatchEncoder, ChunksAreShuffledZlibStreams) {
  const auto cols = columns();
  const auto stored = encode_with(1, 2, cols);
  for (size_t c = 0; c < cols.size(); ++c) {
    std::vector<std::byte> inflated(cols[c].size());
    uLongf size = inflated.size();
    ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(inflated.data()), &size,
                         reinterpret_cast<const Bytef*>(stored[c].data()), stored[c].size()), Z_OK);
    ASSERT_EQ(size, cols[c].size());
    const size_t n = cols[c].size() / sizeof(int64_t);
    for (size_t i = 0; i < n; ++i)  // byte j of element i sits at j * n + i
      for (size_t j = 0; j < sizeof(int64_t); ++j) ASSERT_EQ(inflated[j * n + i], cols[c][i * sizeof(int64_t) + j]);
    EXPECT_LT(stored[c].size(), cols[c].size());
  }
}

}  // namespace
}  // namespace socsim::trace
