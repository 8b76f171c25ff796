// Encodes a column chunk exactly as the dataset's declared filter pipeline would, so it can be
// stored as is with H5Dwrite_chunk and read back by any HDF5 reader with those filters:
//   LZ4:     shuffle, then filter 32004's chunk format (lz4_chunk.h), compressed by liblz4;
//   deflate: shuffle, then one zlib-format stream (RFC 1950) from libdeflate (half the
//            instructions of zlib at level 1 for these columns, files within 0.5 % of zlib's
//            size; HDF5 inflates it with zlib as usual);
//   raw:     the chunk itself.
// One compressor and its buffers are reused: no allocation per chunk once they have grown, and the
// encoding is deterministic (it depends only on the input, the codec and the libraries' versions).
// Values are stored in native byte order, which the file declares as little-endian.
#pragma once

#include <libdeflate.h>

#include <bit>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "sim/trace_hdf5/compression.h"
#include "sim/trace_hdf5/huge_pages.h"

namespace socsim::trace {

static_assert(std::endian::native == std::endian::little, "chunks are written in native byte order");

// The encoders' buffers: grown once, kept, from huge pages (huge_pages.h).
using ByteBuffer = std::vector<std::byte, huge_pages::Allocator<std::byte>>;

class ChunkEncoder {
 public:
  explicit ChunkEncoder(Codec codec);
  ~ChunkEncoder();
  ChunkEncoder(const ChunkEncoder&) = delete;
  ChunkEncoder& operator=(const ChunkEncoder&) = delete;

  // The stored bytes of a chunk of packed elements of `elem_size` bytes; valid until the next call.
  std::span<const std::byte> encode(std::span<const std::byte> chunk, size_t elem_size);

 private:
  std::span<const std::byte> shuffle(std::span<const std::byte> chunk, size_t elem_size);
  size_t lz4_encode(std::span<const std::byte> in);  // into encoded_; returns the chunk's size
  size_t deflate(std::span<const std::byte> in);     // into encoded_; returns the stream's size

  Codec codec_;
  libdeflate_compressor* compressor_ = nullptr;
  ByteBuffer shuffled_;  // grow-only buffers
  ByteBuffer encoded_;
};

// Encodes the chunks of one block (one per column). Deflate runs on `threads` threads, each with
// its own ChunkEncoder; chunk i goes to thread i % threads, and the results come back in input
// order, so the bytes do not depend on the thread count. LZ4 and raw chunks (cheap enough that a
// helper thread would cost more than it saves, and on two cores would take the simulation's)
// stay on the caller's thread.
class BatchEncoder {
 public:
  BatchEncoder(Codec codec, size_t threads);

  struct Chunk {
    std::span<const std::byte> data;
    size_t elem_size;
  };
  // The stored bytes of every chunk, in order; valid until the next call.
  const std::vector<std::span<const std::byte>>& encode(std::span<const Chunk> chunks);

 private:
  using Arena = ByteBuffer;  // one per thread: its chunks' stored bytes, one after the other
  struct Placed {
    size_t arena, offset, size;
  };
  void encode_share(size_t first, std::span<const Chunk> chunks);  // chunks first, first + n, ...

  std::vector<std::unique_ptr<ChunkEncoder>> encoders_;
  std::vector<Arena> arenas_;
  std::vector<Placed> where_;
  std::vector<std::span<const std::byte>> out_;
};

}  // namespace socsim::trace
