#include "sim/trace_hdf5/chunk_encoder.h"

#include <algorithm>
#include <future>
#include <stdexcept>
#include <string>

#include "sim/trace_hdf5/byte_shuffle.h"
#include "sim/trace_hdf5/lz4_chunk.h"

namespace socsim::trace {

ChunkEncoder::ChunkEncoder(Codec codec) : codec_(codec) {
  if (codec_.compression != Compression::kDeflate || codec_.raw()) return;
  if ((compressor_ = libdeflate_alloc_compressor(codec_.deflate_level)) == nullptr)
    throw std::runtime_error("cannot initialise libdeflate at level " + std::to_string(codec_.deflate_level));
}

ChunkEncoder::~ChunkEncoder() { libdeflate_free_compressor(compressor_); }

std::span<const std::byte> ChunkEncoder::encode(std::span<const std::byte> chunk, size_t elem_size) {
  if (codec_.raw()) return chunk;
  const std::span<const std::byte> shuffled = shuffle(chunk, elem_size);
  const size_t size =
      codec_.compression == Compression::kLz4 ? lz4_encode(shuffled) : deflate(shuffled);
  return {encoded_.data(), size};  // encoded_ may have grown: take data() after encoding
}

// HDF5's shuffle filter (byte_shuffle.h). The buffer only grows (columns of 1- and 8-byte
// elements alternate: resizing would zero-fill every time).
std::span<const std::byte> ChunkEncoder::shuffle(std::span<const std::byte> chunk, size_t elem_size) {
  if (shuffled_.size() < chunk.size()) shuffled_.resize(chunk.size());
  byte_shuffle(chunk.data(), shuffled_.data(), chunk.size() / elem_size, elem_size);
  return {shuffled_.data(), chunk.size()};
}

// Filter 32004's chunk format (lz4_chunk.h). Returns its size.
size_t ChunkEncoder::lz4_encode(std::span<const std::byte> in) {
  const size_t bound = lz4::bound(in.size());
  if (encoded_.size() < bound) encoded_.resize(bound);
  return lz4::encode(in, encoded_);
}

// HDF5's deflate filter: one zlib-format stream per chunk. Returns its size.
size_t ChunkEncoder::deflate(std::span<const std::byte> in) {
  const size_t bound = libdeflate_zlib_compress_bound(compressor_, in.size());
  if (encoded_.size() < bound) encoded_.resize(bound);  // only grows, as shuffled_
  const size_t size = libdeflate_zlib_compress(compressor_, in.data(), in.size(), encoded_.data(), encoded_.size());
  if (size == 0) throw std::runtime_error("libdeflate: compressed chunk larger than its bound");
  return size;
}

BatchEncoder::BatchEncoder(Codec codec, size_t threads) {
  const size_t n = codec.compression == Compression::kDeflate && !codec.raw() ? std::max<size_t>(threads, 1) : 1;
  for (size_t i = 0; i < n; ++i) encoders_.push_back(std::make_unique<ChunkEncoder>(codec));
  arenas_.resize(n);
}

const std::vector<std::span<const std::byte>>& BatchEncoder::encode(std::span<const Chunk> chunks) {
  out_.assign(chunks.size(), {});
  where_.resize(chunks.size());
  const size_t helpers = std::min(encoders_.size(), chunks.size());
  std::vector<std::future<void>> others;
  for (size_t t = 1; t < helpers; ++t)
    others.push_back(std::async(std::launch::async, [this, t, chunks] { encode_share(t, chunks); }));
  std::exception_ptr error;
  try {
    encode_share(0, chunks);
  } catch (...) {
    error = std::current_exception();
  }
  for (auto& f : others) {
    try {
      f.get();  // waits; rethrows the helper's exception
    } catch (...) {
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
  for (size_t i = 0; i < chunks.size(); ++i) {
    const Placed& p = where_[i];
    out_[i] = {arenas_[p.arena].data() + p.offset, p.size};
  }
  return out_;
}

void BatchEncoder::encode_share(size_t first, std::span<const Chunk> chunks) {
  ChunkEncoder& encoder = *encoders_[first];
  Arena& arena = arenas_[first];
  size_t used = 0;
  for (size_t i = first; i < chunks.size(); i += encoders_.size()) {
    const std::span<const std::byte> stored = encoder.encode(chunks[i].data, chunks[i].elem_size);
    if (arena.size() < used + stored.size()) arena.resize(std::max(2 * arena.size(), used + stored.size()));
    std::copy(stored.begin(), stored.end(), arena.begin() + static_cast<std::ptrdiff_t>(used));
    where_[i] = {first, used, stored.size()};
    used += stored.size();
  }
}

}  // namespace socsim::trace
