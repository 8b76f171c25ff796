#include "sim/trace_hdf5/link_index.h"

#include "sim/core/error.h"
#include "sim/trace_hdf5/durable_file.h"
#include "sim/trace_hdf5/h5.h"

namespace socsim::trace {

void write_link_index(const std::string& path, const std::vector<IndexLink>& links,
                      const std::vector<std::pair<std::string, std::string>>& attrs) {
  PendingOutput out(path, Contention::kWait);
  try {
    h5::Lock lock;
    h5::Hid file = h5::create_file(out.open_path());
    for (const auto& [name, value] : attrs) h5::set_attr(file.get(), name, value);
    h5::Hid runs = h5::create_group(file.get(), "runs");
    for (const auto& link : links)
      h5::check(H5Lcreate_external(link.file.c_str(), "/", runs.get(), link.name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
                "cannot link " + link.name + " to " + link.file);
    runs.close("cannot close /runs");
    file.close("cannot close " + out.temp_path());
  } catch (const h5::Error& e) {
    throw IoError(path + ": " + e.what());
  }
  out.publish();
}

}  // namespace socsim::trace
