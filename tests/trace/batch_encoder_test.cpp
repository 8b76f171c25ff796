// BatchEncoder: the same stored bytes whatever the number of threads; deflate chunks are zlib
// streams of the shuffled input that zlib itself inflates (what HDF5's deflate filter does when
// reading), LZ4 chunks decode (lz4_chunk.h) to the shuffled input, raw chunks are the input.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <vector>

#include "sim/trace_hdf5/chunk_encoder.h"
#include "sim/trace_hdf5/lz4_chunk.h"

namespace socsim::trace {
namespace {

constexpr Codec kDeflate1{Compression::kDeflate, 1};
constexpr Codec kLz4{Compression::kLz4, 1};

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

std::vector<std::vector<std::byte>> encode_with(Codec codec, size_t threads,
                                                const std::vector<std::vector<std::byte>>& cols) {
  BatchEncoder encoder(codec, threads);
  std::vector<BatchEncoder::Chunk> chunks;
  for (const auto& c : cols) chunks.push_back({c, sizeof(int64_t)});
  std::vector<std::vector<std::byte>> out;
  for (std::span<const std::byte> s : encoder.encode(chunks)) out.emplace_back(s.begin(), s.end());
  return out;
}

// Byte j of element i sits at j * n + i.
void expect_shuffled(const std::vector<std::byte>& shuffled, const std::vector<std::byte>& col) {
  ASSERT_EQ(shuffled.size(), col.size());
  const size_t n = col.size() / sizeof(int64_t);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < sizeof(int64_t); ++j) ASSERT_EQ(shuffled[j * n + i], col[i * sizeof(int64_t) + j]);
}

TEST(BatchEncoder, SameBytesWhateverTheThreadCount) {
  const auto cols = columns();
  for (Codec codec : {kDeflate1, kLz4}) {
    const auto one = encode_with(codec, 1, cols);
    ASSERT_EQ(one.size(), cols.size());
    for (size_t threads : {2u, 3u, 16u})
      EXPECT_EQ(encode_with(codec, threads, cols), one) << compression_name(codec.compression) << " " << threads;
  }
  EXPECT_EQ(encode_with(Codec{Compression::kDeflate, 0}, 2, cols), cols);  // level 0: stored raw
  EXPECT_EQ(encode_with(Codec{Compression::kNone, 1}, 2, cols), cols);
}

TEST(BatchEncoder, DeflateChunksAreShuffledZlibStreams) {
  const auto cols = columns();
  const auto stored = encode_with(kDeflate1, 2, cols);
  for (size_t c = 0; c < cols.size(); ++c) {
    std::vector<std::byte> inflated(cols[c].size());
    uLongf size = inflated.size();
    ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(inflated.data()), &size,
                         reinterpret_cast<const Bytef*>(stored[c].data()), stored[c].size()), Z_OK);
    ASSERT_EQ(size, cols[c].size());
    expect_shuffled(inflated, cols[c]);
    EXPECT_LT(stored[c].size(), cols[c].size());
  }
}

TEST(BatchEncoder, Lz4ChunksAreShuffledLz4Chunks) {
  const auto cols = columns();
  const auto stored = encode_with(kLz4, 1, cols);
  for (size_t c = 0; c < cols.size(); ++c) {
    std::vector<std::byte> decoded;
    lz4::decode(stored[c], decoded);
    expect_shuffled(decoded, cols[c]);
    EXPECT_LT(stored[c].size(), cols[c].size());
  }
}

}  // namespace
}  // namespace socsim::trace
