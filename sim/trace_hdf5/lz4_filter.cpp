#include "sim/trace_hdf5/lz4_filter.h"

#include <hdf5.h>

#include <cstring>
#include <exception>
#include <vector>

#include "sim/trace_hdf5/h5.h"
#include "sim/trace_hdf5/lz4_chunk.h"

namespace socsim::trace::h5 {
namespace {

// HDF5's filter callback: transforms the `nbytes` in *buf (of *buf_size allocated) in place,
// replacing *buf by a new HDF5-allocated buffer. Returns the new size, 0 on failure (HDF5's
// convention; it then reports "filter returned failure").
size_t lz4_filter(unsigned flags, size_t, const unsigned[], size_t nbytes, size_t* buf_size, void** buf) {
  try {
    const std::span<const std::byte> in(static_cast<const std::byte*>(*buf), nbytes);
    std::vector<std::byte> out;
    size_t size = 0;
    if (flags & H5Z_FLAG_REVERSE) {
      lz4::decode(in, out);
      size = out.size();
    } else {
      out.resize(lz4::bound(nbytes));
      size = lz4::encode(in, out);
    }
    void* result = H5allocate_memory(size > 0 ? size : 1, false);
    if (result == nullptr) return 0;
    if (size > 0) std::memcpy(result, out.data(), size);
    H5free_memory(*buf);
    *buf = result;
    *buf_size = size > 0 ? size : 1;
    return size;
  } catch (const std::exception&) {
    return 0;
  }
}

const H5Z_class2_t kLz4Class = {
    H5Z_CLASS_T_VERS,
    static_cast<H5Z_filter_t>(lz4::kFilterId),
    1,  // encoder present
    1,  // decoder present
    "lz4 (HDF5 filter 32004)",
    nullptr,  // can_apply
    nullptr,  // set_local
    lz4_filter,
};

}  // namespace

void register_lz4_filter() {
  static bool registered = false;
  if (registered) return;
  check(H5Zregister(&kLz4Class), "cannot register the LZ4 filter");
  registered = true;
}

}  // namespace socsim::trace::h5
