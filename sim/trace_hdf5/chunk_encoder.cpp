#include "sim/trace_hdf5/chunk_encoder.h"

#include <stdexcept>
#include <string>

namespace socsim::trace {

ChunkEncoder::ChunkEncoder(int deflate_level) : level_(deflate_level) {
  if (level_ > 0 && deflateInit(&stream_, level_) != Z_OK) throw std::runtime_error("cannot initialise zlib");
}

ChunkEncoder::~ChunkEncoder() {
  if (level_ > 0) deflateEnd(&stream_);
}

std::span<const std::byte> ChunkEncoder::encode(std::span<const std::byte> chunk, size_t elem_size) {
  if (level_ == 0) return chunk;
  shuffle(chunk, elem_size);
  deflate_shuffled();
  return {deflated_.data(), stream_.total_out};
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

// HDF5's deflate filter: one zlib-format stream per chunk.
void ChunkEncoder::deflate_shuffled() {
  if (deflateReset(&stream_) != Z_OK) throw std::runtime_error("cannot reset zlib stream");
  deflated_.resize(deflateBound(&stream_, shuffled_.size()));
  stream_.next_in = reinterpret_cast<Bytef*>(shuffled_.data());
  stream_.avail_in = static_cast<uInt>(shuffled_.size());
  stream_.next_out = reinterpret_cast<Bytef*>(deflated_.data());
  stream_.avail_out = static_cast<uInt>(deflated_.size());
  const int status = deflate(&stream_, Z_FINISH);
  if (status != Z_STREAM_END) throw std::runtime_error("zlib deflate failed: status " + std::to_string(status));
}

}  // namespace socsim::trace
