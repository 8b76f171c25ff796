// The index file of a sweep (socsim merge): one HDF5 external link per run, so that h5py (or any
// HDF5 reader) opens every run's trace through one file: index["runs/<run id>"] is the root of
// that run's trace. Links are relative to the index's folder, so the directory can be moved.
#pragma once

#include <string>
#include <vector>

namespace socsim::trace {

struct IndexLink {
  std::string name;  // link name under /runs (a run id)
  std::string file;  // the run's trace, relative to the index file's folder
};

// Writes `path` atomically (through a PendingOutput, durable_file.h): /runs with one external link per
// entry (to the root "/" of its file) in the given order, and the string attributes `attrs` on
// the root. Throws socsim::IoError when it cannot be written.
void write_link_index(const std::string& path, const std::vector<IndexLink>& links,
                      const std::vector<std::pair<std::string, std::string>>& attrs);

}  // namespace socsim::trace
