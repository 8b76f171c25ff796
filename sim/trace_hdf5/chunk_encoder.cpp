#include "sim/trace_hdf5/chunk_encoder.h"

#include <stdexcept>
#include <string>

namespace socsim::trace {

ChunkEncoder::ChunkEncoder(int deflate_level) : level_(deflate_level) {
  if (level_ > 0 && (compressor_ = libdeflate_alloc_compressor(level_)) == nullptr)
    throw std::runtime_error("cannot initialise libdeflate at level " + std::to_string(level_));
}

ChunkEncoder::~ChunkEncoder() { libdeflate_free_compressor(compressor_); }

std::span<const std::byte> ChunkEncoder::encode(std::span<const std::byte> chunk, size_t elem_size) {
  if (level_ == 0) return chunk;
  shuffle(chunk, elem_size);
  const size_t size = deflate_shuffled();  // resizes deflated_: take data() after it
  return {deflated_.data(), size};
}

// HDF5's shuffle filter: byte j of element i goes to position j * n + i (byte planes).
void ChunkEncoder::shuffle(std::span<const std::byte> chunk, size_t elem_size) {
  const size_t n = chunk.size() / elem_size;
  shuffled_.resize(chunk.size());
  for (size_t j = 0; j < elem_size; ++j) {
    std::byte* plane = shuffled_.data() + j * n;
    for (size_t i = 0; i < n; ++i) plane[i] = chunk[i * elem_size + j];
  }
}

// HDF5's deflate filter: one zlib-format stream per chunk. Returns its size.
size_t ChunkEncoder::deflate_shuffled() {
  deflated_.resize(libdeflate_zlib_compress_bound(compressor_, shuffled_.size()));
  const size_t size =
      libdeflate_zlib_compress(compressor_, shuffled_.data(), shuffled_.size(), deflated_.data(), deflated_.size());
  if (size == 0) throw std::runtime_error("libdeflate: compressed chunk larger than its bound");
  return size;
}

}  // namespace socsim::trace
