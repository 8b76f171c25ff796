#include "sim/trace_hdf5/lz4_chunk.h"

#include <lz4.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace socsim::trace::lz4 {
namespace {

constexpr size_t kHeader = 8 + 4;  // original size, block size
constexpr size_t kBlockHeader = 4;  // stored size of a block

void put_be(std::byte* at, uint64_t v, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) at[i] = static_cast<std::byte>(v >> (8 * (bytes - 1 - i)));
}

uint64_t get_be(const std::byte* at, size_t bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < bytes; ++i) v = (v << 8) | std::to_integer<uint64_t>(at[i]);
  return v;
}

[[noreturn]] void malformed(const std::string& what) { throw std::runtime_error("malformed LZ4 chunk: " + what); }

}  // namespace

size_t bound(size_t n) {
  if (n >= size_t{LZ4_MAX_INPUT_SIZE}) throw std::length_error("LZ4 chunk of " + std::to_string(n) + " bytes: too large");
  return kHeader + kBlockHeader + static_cast<size_t>(LZ4_compressBound(static_cast<int>(n)));
}

size_t encode(std::span<const std::byte> chunk, std::span<std::byte> out) {
  const size_t n = chunk.size();
  const size_t cap = bound(n);
  if (out.size() < cap) throw std::invalid_argument("LZ4 chunk: output smaller than the bound");
  put_be(out.data(), n, 8);
  put_be(out.data() + 8, n, 4);
  std::byte* block = out.data() + kHeader + kBlockHeader;
  size_t stored = n == 0 ? 0
                         : static_cast<size_t>(LZ4_compress_default(reinterpret_cast<const char*>(chunk.data()),
                                                                    reinterpret_cast<char*>(block), static_cast<int>(n),
                                                                    static_cast<int>(cap - kHeader - kBlockHeader)));
  if (n > 0 && stored == 0) throw std::runtime_error("LZ4 failed to compress a chunk of " + std::to_string(n) + " bytes");
  if (stored >= n) {  // saved nothing: the plugin's convention is the input as is, stored size == size
    stored = n;
    if (n > 0) std::memcpy(block, chunk.data(), n);
  }
  put_be(out.data() + kHeader, stored, 4);
  return kHeader + kBlockHeader + stored;
}

void decode(std::span<const std::byte> encoded, std::vector<std::byte>& out) {
  if (encoded.size() < kHeader) malformed("shorter than its header");
  const uint64_t size = get_be(encoded.data(), 8);
  uint64_t block_size = get_be(encoded.data() + 8, 4);
  if (size >= uint64_t{LZ4_MAX_INPUT_SIZE} * 64) malformed("original size " + std::to_string(size) + " too large");
  if (block_size > size) block_size = size;
  if (block_size == 0 && size > 0) malformed("block size 0");
  out.resize(size);
  size_t at = kHeader, done = 0;
  while (done < size) {
    const size_t block = std::min<uint64_t>(block_size, size - done);
    if (encoded.size() - at < kBlockHeader) malformed("truncated before a block");
    const uint64_t stored = get_be(encoded.data() + at, 4);
    at += kBlockHeader;
    if (encoded.size() - at < stored) malformed("truncated inside a block");
    if (stored == block) {
      std::memcpy(out.data() + done, encoded.data() + at, block);
    } else {
      const int got = LZ4_decompress_safe(reinterpret_cast<const char*>(encoded.data() + at),
                                          reinterpret_cast<char*>(out.data() + done), static_cast<int>(stored),
                                          static_cast<int>(block));
      if (got < 0 || static_cast<size_t>(got) != block) malformed("a block does not decode to its size");
    }
    at += stored;
    done += block;
  }
}

}  // namespace socsim::trace::lz4
