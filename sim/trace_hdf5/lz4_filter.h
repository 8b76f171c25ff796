// HDF5 filter 32004 (LZ4) inside socsim's own HDF5 library. socsim links HDF5 statically, so it
// cannot load the reader plugin other programs use (hdf5-filter-plugin); this registers the same
// filter, both directions, in the chunk format of lz4_chunk.h, so that socsim reads the LZ4
// traces it writes (report, export, tests) and HDF5's own pipeline could write them too.
#pragma once

namespace socsim::trace::h5 {

// Registers the filter with the HDF5 library (once per process; later calls do nothing). Call
// only while holding an h5::Lock; throws h5::Error when HDF5 refuses it.
void register_lz4_filter();

}  // namespace socsim::trace::h5
