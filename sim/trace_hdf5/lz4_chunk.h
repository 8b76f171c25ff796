// One chunk in the on-disk format of HDF5 filter 32004 (LZ4), as its reference plugin (H5Zlz4.c,
// Debian's hdf5-filter-plugin) writes and reads it:
//   8 bytes   the chunk's size before compression, big-endian
//   4 bytes   the block size, big-endian: here always the chunk's size (one block; the plugin's
//             default block is 1 GiB and chunks are at most 512 MiB)
//   4 bytes   the block's stored size, big-endian, then the block: an LZ4 block (raw LZ4
//             format), or the input itself when compressing saved nothing (stored size == size)
// socsim writes one block per chunk; decoding accepts any block size, as the plugin does.
// Encoding is deterministic: it depends only on the input and liblz4's version.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace socsim::trace::lz4 {

inline constexpr unsigned kFilterId = 32004;  // HDF5's registered filter id for LZ4

// Largest encoding of an n-byte chunk; n must be below 2 GiB (LZ4's block limit).
size_t bound(size_t n);

// Encodes `chunk` into `out`, which must hold at least bound(chunk.size()) bytes, and returns the
// bytes written. Throws std::length_error for chunks of 2 GiB or more, std::invalid_argument when
// `out` is too small.
size_t encode(std::span<const std::byte> chunk, std::span<std::byte> out);

// Decodes an encoded chunk into `out` (resized to the stored original size). Throws
// std::runtime_error naming what is wrong when `encoded` is not a well-formed chunk.
void decode(std::span<const std::byte> encoded, std::vector<std::byte>& out);

}  // namespace socsim::trace::lz4
