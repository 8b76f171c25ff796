// Test helper: reads a trace back with the plain HDF5 C API, independently of sim/trace_hdf5's
// writing code. Throws std::runtime_error on any failure.
#pragma once

// The test binary does not get HDF5's include directory (HDF5 is private to socsim_trace_hdf5);
// Debian installs the serial headers under hdf5/serial/.
#if __has_include(<hdf5.h>)
#include <hdf5.h>
#include <hdf5_hl.h>
#else
#include <hdf5/serial/hdf5.h>
#include <hdf5/serial/hdf5_hl.h>
#endif

#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace socsim::trace::testing {

// An open HDF5 object, closed on destruction.
class H5Obj {
 public:
  H5Obj(hid_t id, herr_t (*closer)(hid_t), const std::string& what) : id_(id), closer_(closer) {
    if (id < 0) throw std::runtime_error("HDF5 read failed: " + what);
  }
  H5Obj(H5Obj&& o) noexcept : id_(std::exchange(o.id_, -1)), closer_(o.closer_) {}
  H5Obj(const H5Obj&) = delete;
  H5Obj& operator=(const H5Obj&) = delete;
  ~H5Obj() {
    if (id_ >= 0) closer_(id_);
  }
  hid_t get() const { return id_; }

 private:
  hid_t id_;
  herr_t (*closer_)(hid_t);
};

inline void ok(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error("HDF5 read failed: " + what);
}

inline H5Obj open_file(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  return H5Obj(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open " + path);
}

inline H5Obj open_dataset(hid_t file, const std::string& path) {
  return H5Obj(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "open " + path);
}

inline H5Obj open_group(hid_t file, const std::string& path) {
  return H5Obj(H5Gopen2(file, path.c_str(), H5P_DEFAULT), H5Gclose, "open " + path);
}

// Files the HDF5 library holds open in this process (any opener).
inline ssize_t open_files() { return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_FILE); }

inline bool exists(hid_t file, const std::string& path) { return H5Lexists(file, path.c_str(), H5P_DEFAULT) > 0; }

template <class T>
hid_t native_type() {
  if constexpr (std::is_same_v<T, uint8_t>)
    return H5T_NATIVE_UINT8;
  else if constexpr (std::is_same_v<T, int32_t>)
    return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, uint32_t>)
    return H5T_NATIVE_UINT32;
  else if constexpr (std::is_same_v<T, int64_t>)
    return H5T_NATIVE_INT64;
  else if constexpr (std::is_same_v<T, uint64_t>)
    return H5T_NATIVE_UINT64;
  else
    return H5T_NATIVE_DOUBLE;
}

inline size_t length(hid_t dataset) {
  H5Obj space(H5Dget_space(dataset), H5Sclose, "dataspace");
  hsize_t n = 0;
  if (H5Sget_simple_extent_ndims(space.get()) != 1) throw std::runtime_error("dataset is not 1-D");
  ok(H5Sget_simple_extent_dims(space.get(), &n, nullptr), "dims");
  return n;
}

template <class T>
std::vector<T> read_column(hid_t file, const std::string& path) {
  H5Obj ds = open_dataset(file, path);
  std::vector<T> values(length(ds.get()));
  if (!values.empty()) ok(H5Dread(ds.get(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), path);
  return values;
}

inline H5Obj vlen_string_type() {
  H5Obj type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  ok(H5Tset_size(type.get(), H5T_VARIABLE), "string type");
  ok(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
  return type;
}

// A 1-D or scalar variable-length string dataset.
inline std::vector<std::string> read_strings(hid_t file, const std::string& path) {
  H5Obj ds = open_dataset(file, path);
  H5Obj space(H5Dget_space(ds.get()), H5Sclose, "dataspace");
  std::vector<char*> raw(static_cast<size_t>(H5Sget_simple_extent_npoints(space.get())));
  H5Obj type = vlen_string_type();
  if (!raw.empty()) ok(H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), path);
  std::vector<std::string> out(raw.begin(), raw.end());
  if (!raw.empty()) H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data());
  return out;
}

inline std::string string_attr(hid_t obj, const std::string& name) {
  H5Obj attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "attribute " + name);
  H5Obj type = vlen_string_type();
  char* raw = nullptr;
  ok(H5Aread(attr.get(), type.get(), &raw), "attribute " + name);
  std::string out = raw ? raw : "";
  H5free_memory(raw);
  return out;
}

template <class T>
T number_attr(hid_t obj, const std::string& name) {
  H5Obj attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "attribute " + name);
  T value{};
  ok(H5Aread(attr.get(), native_type<T>(), &value), "attribute " + name);
  return value;
}

inline bool has_attr(hid_t obj, const std::string& name) { return H5Aexists(obj, name.c_str()) > 0; }

inline hsize_t chunk_rows(hid_t dataset) {
  H5Obj dcpl(H5Dget_create_plist(dataset), H5Pclose, "dcpl");
  hsize_t chunk = 0;
  if (H5Pget_chunk(dcpl.get(), 1, &chunk) != 1) throw std::runtime_error("dataset is not chunked");
  return chunk;
}

inline std::vector<H5Z_filter_t> filters(hid_t dataset) {
  H5Obj dcpl(H5Dget_create_plist(dataset), H5Pclose, "dcpl");
  std::vector<H5Z_filter_t> out;
  for (int i = 0; i < H5Pget_nfilters(dcpl.get()); ++i) {
    unsigned flags = 0;
    size_t nelmts = 0;
    unsigned config = 0;
    out.push_back(H5Pget_filter2(dcpl.get(), static_cast<unsigned>(i), &flags, &nelmts, nullptr, 0, nullptr, &config));
  }
  return out;
}

// Names of a group's links, in creation order.
inline std::vector<std::string> children(hid_t file, const std::string& group_path) {
  H5Obj group = open_group(file, group_path);
  H5G_info_t info{};
  ok(H5Gget_info(group.get(), &info), "group info " + group_path);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    char name[256] = {};
    ok(static_cast<herr_t>(
           H5Lget_name_by_idx(group.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT)),
       "link name");
    names.emplace_back(name);
  }
  return names;
}

}  // namespace socsim::trace::testing
