#include "sim/trace_hdf5/chunk_encoder.h"

#include <algorithm>
#include <future>
#include <stdexcept>
#include <string>

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

namespace {

// Byte j of each of the n elements of E bytes at `in` to out[j * n + i]. With E known, the
// compiler unrolls the inner loop: one pass over the input, E output streams (a third of the
// instructions of the generic loop, which walked the input E times).
template <size_t E>
void shuffle_fixed(const std::byte* in, std::byte* out, size_t n) {
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < E; ++j) out[j * n + i] = in[i * E + j];
}

}  // namespace

// HDF5's shuffle filter: byte j of element i goes to position j * n + i (byte planes). The buffer
// only grows (columns of 1- and 8-byte elements alternate: resizing would zero-fill every time).
std::span<const std::byte> ChunkEncoder::shuffle(std::span<const std::byte> chunk, size_t elem_size) {
  const size_t n = chunk.size() / elem_size;
  if (shuffled_.size() < chunk.size()) shuffled_.resize(chunk.size());
  std::byte* out = shuffled_.data();
  switch (elem_size) {
    case 1:
      std::copy(chunk.begin(), chunk.end(), out);
      break;
    case 4:
      shuffle_fixed<4>(chunk.data(), out, n);
      break;
    case 8:
      shuffle_fixed<8>(chunk.data(), out, n);
      break;
    default:
      for (size_t j = 0; j < elem_size; ++j)
        for (size_t i = 0; i < n; ++i) out[j * n + i] = chunk[i * elem_size + j];
  }
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
