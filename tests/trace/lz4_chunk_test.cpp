// The chunk format of HDF5 filter 32004 (lz4_chunk.h): header fields big-endian, one block per
// chunk, incompressible blocks stored as they are, any block size decoded as the plugin does, and
// malformed chunks refused. (tests/cli/test_trace_compression.py reads whole traces with the
// plugin itself, through h5py.)
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/trace_hdf5/lz4_chunk.h"

namespace socsim::trace {
namespace {

std::vector<std::byte> bytes_of(std::initializer_list<int> v) {
  std::vector<std::byte> out;
  for (int b : v) out.push_back(static_cast<std::byte>(b));
  return out;
}

uint64_t be(const std::vector<std::byte>& v, size_t at, size_t n) {
  uint64_t x = 0;
  for (size_t i = 0; i < n; ++i) x = (x << 8) | std::to_integer<uint64_t>(v[at + i]);
  return x;
}

std::vector<std::byte> encoded(const std::vector<std::byte>& in) {
  std::vector<std::byte> out(lz4::bound(in.size()));
  out.resize(lz4::encode(in, out));
  return out;
}

TEST(Lz4Chunk, HeaderIsSizeThenOneBlockOfTheWholeChunk) {
  const std::vector<std::byte> zeros(100000, std::byte{0});
  const auto out = encoded(zeros);
  ASSERT_GE(out.size(), 16u);
  EXPECT_EQ(be(out, 0, 8), 100000u);               // original size
  EXPECT_EQ(be(out, 8, 4), 100000u);               // block size: the chunk
  EXPECT_EQ(be(out, 12, 4), out.size() - 16);      // the one block's stored size
  EXPECT_LT(out.size(), 1000u);                    // and it compressed
  std::vector<std::byte> back;
  lz4::decode(out, back);
  EXPECT_EQ(back, zeros);
}

TEST(Lz4Chunk, IncompressibleChunkIsStoredAsItIs) {
  const auto in = bytes_of({7, 1, 200, 3});
  const auto out = encoded(in);
  ASSERT_EQ(out.size(), 16u + in.size());
  EXPECT_EQ(be(out, 12, 4), in.size());
  EXPECT_EQ(std::vector<std::byte>(out.begin() + 16, out.end()), in);
  std::vector<std::byte> back;
  lz4::decode(out, back);
  EXPECT_EQ(back, in);
}

TEST(Lz4Chunk, DecodesSeveralBlocksAsThePluginWritesThem) {
  // 5 bytes in blocks of 2: two stored blocks of 2 and a last one of 1.
  const auto chunk = bytes_of({0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 2,  //
                               0, 0, 0, 2, 10, 11, 0, 0, 0, 2, 12, 13, 0, 0, 0, 1, 14});
  std::vector<std::byte> back;
  lz4::decode(chunk, back);
  EXPECT_EQ(back, bytes_of({10, 11, 12, 13, 14}));
}

TEST(Lz4Chunk, RefusesMalformedChunks) {
  std::vector<std::byte> back;
  EXPECT_THROW(lz4::decode(bytes_of({0, 0, 0}), back), std::runtime_error);
  auto truncated = encoded(std::vector<std::byte>(1000, std::byte{1}));
  truncated.pop_back();
  EXPECT_THROW(lz4::decode(truncated, back), std::runtime_error);
  auto corrupt = encoded(std::vector<std::byte>(1000, std::byte{1}));
  corrupt[7] = std::byte{0xff};  // claims a different original size
  EXPECT_THROW(lz4::decode(corrupt, back), std::runtime_error);
}

}  // namespace
}  // namespace socsim::trace
