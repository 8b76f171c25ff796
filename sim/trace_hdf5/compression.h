// How a trace's column chunks are compressed: the choice a user makes (socsim run
// --trace-compression) and the names it is given by. Every compressed choice shuffles first
// (HDF5's shuffle filter: byte planes), which is what makes these integer and float columns
// compress well.
//   kLz4      shuffle + LZ4 (HDF5 registered filter 32004, the format of its reference plugin,
//             which Debian ships as hdf5-filter-plugin): ~8x less CPU than deflate, ~25 % larger.
//   kDeflate  shuffle + deflate (HDF5's built-in "gzip"), at a level 1..9; level 0 stores raw.
//   kNone     raw chunks, no filters.
#pragma once

#include <optional>
#include <string_view>

namespace socsim::trace {

enum class Compression { kLz4, kDeflate, kNone };

// A trace's filters: the compression and, for kDeflate, its level (0: none at all).
struct Codec {
  Compression compression = Compression::kLz4;
  int deflate_level = 1;

  // True when chunks are stored as they are (no filters declared).
  bool raw() const {
    return compression == Compression::kNone || (compression == Compression::kDeflate && deflate_level == 0);
  }
};

// "lz4", "deflate", "none".
constexpr std::string_view compression_name(Compression c) {
  switch (c) {
    case Compression::kLz4:
      return "lz4";
    case Compression::kDeflate:
      return "deflate";
    case Compression::kNone:
      return "none";
  }
  return "?";
}

// The compression a name stands for, or nothing for an unknown name.
constexpr std::optional<Compression> compression_from_name(std::string_view name) {
  for (Compression c : {Compression::kLz4, Compression::kDeflate, Compression::kNone})
    if (compression_name(c) == name) return c;
  return std::nullopt;
}

}  // namespace socsim::trace
