// Encodes a column chunk exactly as the dataset's declared filter pipeline (shuffle, then deflate)
// would, so it can be stored as is with H5Dwrite_chunk and read back by any HDF5 reader with the
// standard filters. The deflate stream (zlib format, RFC 1950) comes from libdeflate: half the
// instructions of zlib at level 1 for these columns, files within 0.5 % of zlib's size; HDF5
// inflates it with zlib as usual. One compressor and its buffers are reused: no allocation per chunk, and the
// encoding is deterministic (libdeflate's output depends only on the input, level and version).
// Values are stored in native byte order, which the file declares as little-endian.
#pragma once

#include <libdeflate.h>

#include <bit>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace socsim::trace {

static_assert(std::endian::native == std::endian::little, "chunks are written in native byte order");

class ChunkEncoder {
 public:
  // deflate_level 0: chunks are stored raw (the datasets then declare no filters).
  explicit ChunkEncoder(int deflate_level);
  ~ChunkEncoder();
  ChunkEncoder(const ChunkEncoder&) = delete;
  ChunkEncoder& operator=(const ChunkEncoder&) = delete;

  // The stored bytes of a chunk of packed elements of `elem_size` bytes; valid until the next call.
  std::span<const std::byte> encode(std::span<const std::byte> chunk, size_t elem_size);

 private:
  void shuffle(std::span<const std::byte> chunk, size_t elem_size);
  size_t deflate_shuffled();

  int level_;
  libdeflate_compressor* compressor_ = nullptr;
  std::vector<std::byte> shuffled_;
  std::vector<std::byte> deflated_;
};

// Encodes the chunks of one block (one per column) on `threads` threads, each with its own
// ChunkEncoder; chunk i goes to thread i % threads, and the results come back in input order, so
// the bytes do not depend on the thread count. Level 0 (nothing to compute) stays on the caller's
// thread.
class BatchEncoder {
 public:
  BatchEncoder(int deflate_level, size_t threads);

  struct Chunk {
    std::span<const std::byte> data;
    size_t elem_size;
  };
  // The stored bytes of every chunk, in order; valid until the next call.
  const std::vector<std::vector<std::byte>>& encode(std::span<const Chunk> chunks);

 private:
  void encode_share(size_t first, std::span<const Chunk> chunks);  // chunks first, first + n, ...

  std::vector<std::unique_ptr<ChunkEncoder>> encoders_;
  std::vector<std::vector<std::byte>> out_;
};

}  // namespace socsim::trace
