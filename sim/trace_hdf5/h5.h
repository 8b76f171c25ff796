// Thin, internal layer over the HDF5 C API: RAII handles, the library lock, errors, and the few
// object kinds a trace is made of. Only sim/trace_hdf5/*.cpp include this header; nothing outside
// sim/trace_hdf5 sees HDF5.
//
// Contract: every HDF5 call happens while a `h5::Lock` is held (HDF5 is one library-wide state
// machine; at most one thread may be inside it). Failures throw `h5::Error` with HDF5's own
// explanation; HDF5 never prints to stderr.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>

#include "sim/trace_hdf5/columns.h"
#include "sim/trace_hdf5/compression.h"

namespace socsim::trace::h5 {

// An HDF5 failure: "<what>: <reason from the HDF5 error stack>".
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws Error(what + ": " + the innermost message of HDF5's error stack), clearing the stack.
[[noreturn]] void fail(const std::string& what);

// Holds the process-wide HDF5 lock and turns off HDF5's automatic error printing for this thread;
// the first Lock also registers the LZ4 filter (lz4_filter.h). Recursive: code holding a Lock may
// call functions that take one.
class Lock {
 public:
  Lock();

 private:
  std::unique_lock<std::recursive_mutex> lock_;
};

// Owns one HDF5 identifier and closes it with the matching H5?close function, exactly once: a
// failed close is never retried (HDF5 crashes re-closing a file whose close failed). Destroy (or
// close()) only while holding a Lock.
class Hid {
 public:
  using Closer = herr_t (*)(hid_t);

  Hid() = default;
  // Takes ownership of `id`; throws Error(what) when `id` is negative (the call that made it failed).
  Hid(hid_t id, Closer closer, const std::string& what);
  Hid(Hid&& other) noexcept;
  Hid& operator=(Hid&& other) noexcept;
  Hid(const Hid&) = delete;
  Hid& operator=(const Hid&) = delete;
  ~Hid();

  hid_t get() const { return id_; }
  // Closes now and reports failure (closing a file flushes it); closing twice is a no-op.
  void close(const std::string& what);

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Throws Error(what) when an HDF5 status is negative.
void check(herr_t status, const std::string& what);

// ---- Files and groups. Every creation property list disables time stamps (byte reproducibility)
// and tracks link creation order (readers list fields in declaration order).

// Creates (truncating) a file with fixed library-version bounds [1.8, 1.10] and no file locking.
Hid create_file(const std::string& path);
Hid create_group(hid_t parent, const std::string& name);

// ---- Attributes (variable-length UTF-8 strings and 64-bit integers).
void set_attr(hid_t obj, const std::string& name, const std::string& value);
void set_attr(hid_t obj, const std::string& name, int64_t value);
void set_attr(hid_t obj, const std::string& name, uint64_t value);
void set_attr(hid_t obj, const std::string& name, double value);

// ---- String datasets.
// A scalar variable-length UTF-8 string dataset.
Hid write_string(hid_t parent, const std::string& name, const std::string& value);
// A 1-D variable-length UTF-8 string dataset holding `values`.
Hid write_strings(hid_t parent, const std::string& name, std::span<const std::string> values);

// ---- Extendible 1-D columns.
struct ColumnLayout {
  size_t chunk_rows = 1;  // >= 1
  Codec codec{Compression::kNone, 0};  // raw: no filters; else shuffle, then deflate or LZ4
};

// Creates an empty, chunked, unlimited 1-D dataset of `type` (stored little-endian), declaring the
// codec's filters: none, shuffle + deflate (level), or shuffle + LZ4 (filter 32004, mandatory).
Hid create_column(hid_t parent, const std::string& name, ElemType type, const ColumnLayout& layout);

// Grows a column to `new_rows` rows.
void extend(hid_t column, size_t new_rows);

// Stores one chunk, already encoded by the column's filters (ChunkEncoder), at `first_row` (a
// multiple of the chunk size, inside the column's extent). Bypasses HDF5's filters and cache.
void write_chunk(hid_t column, size_t first_row, std::span<const std::byte> encoded);

// ---- Dimension scales (HDF5 high-level H5DS API, as netCDF-4 and h5netcdf read them).
void make_dimension_scale(hid_t dataset, const std::string& dim_name);
// Attaches `scale` (made by make_dimension_scale, nothing attached yet) to dimension 0 of every
// one of `datasets` (1-D, none a scale, none with scales yet): the attributes H5DSattach_scale
// would leave after one call per dataset, in that order, written once each. (H5DSattach_scale
// reads, deletes and rewrites the scale's growing REFERENCE_LIST on every call: ~3 ms of an empty
// traced run's ~100 columns.)
void attach_dimension_scale(hid_t scale, std::span<const hid_t> datasets);

}  // namespace socsim::trace::h5
