#include "sim/trace_hdf5/h5.h"

#include <hdf5_hl.h>

#include "sim/trace_hdf5/lz4_chunk.h"
#include "sim/trace_hdf5/lz4_filter.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace socsim::trace::h5 {
namespace {

std::recursive_mutex& library_mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

herr_t collect_message(unsigned, const H5E_error2_t* err, void* out) {
  static_cast<std::vector<std::string>*>(out)->push_back(err->desc ? err->desc : "");
  return 0;
}

// The system's reason when the message carries one ("..., errno = 28, error message = 'No space
// left on device', ..."), else the message on one line.
std::string reason_in(const std::string& message) {
  constexpr std::string_view key = "error message = '";
  const size_t at = message.find(key);
  const size_t end = at == std::string::npos ? at : message.find('\'', at + key.size());
  if (end != std::string::npos) return message.substr(at + key.size(), end - at - key.size());
  std::string line = message;
  std::replace(line.begin(), line.end(), '\n', ' ');
  return line;
}

// The innermost message of the error stack says what actually went wrong; the outer ones repeat
// "unable to ...".
std::string pop_error_stack() {
  std::vector<std::string> messages;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect_message, &messages);
  H5Eclear2(H5E_DEFAULT);
  return messages.empty() || messages.front().empty() ? "unknown HDF5 error" : reason_in(messages.front());
}

std::string name_of(hid_t obj) {
  char name[256] = {};
  return H5Iget_name(obj, name, sizeof name) > 0 ? name : "(unnamed object)";
}

hid_t file_type(ElemType t) {
  switch (t) {
    case ElemType::kU8:
      return H5T_STD_U8LE;
    case ElemType::kI32:
      return H5T_STD_I32LE;
    case ElemType::kU32:
      return H5T_STD_U32LE;
    case ElemType::kI64:
      return H5T_STD_I64LE;
    case ElemType::kU64:
      return H5T_STD_U64LE;
    case ElemType::kF64:
      return H5T_IEEE_F64LE;
  }
  throw Error("unknown column element type");
}

Hid utf8_string_type() {
  Hid type(H5Tcopy(H5T_C_S1), H5Tclose, "cannot create string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), "cannot create string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot create string type");
  return type;
}

Hid dataspace(size_t n) {
  const hsize_t dims = n;
  return Hid(H5Screate_simple(1, &dims, nullptr), H5Sclose, "cannot create dataspace");
}

Hid scalar_space() { return Hid(H5Screate(H5S_SCALAR), H5Sclose, "cannot create dataspace"); }

// An object-creation property list of class `cls` that stores no time stamps.
Hid untimed_plist(hid_t cls) {
  Hid plist(H5Pcreate(cls), H5Pclose, "cannot create property list");
  check(H5Pset_obj_track_times(plist.get(), false), "cannot disable time stamps");
  return plist;
}

// Group (or file) creation properties: no time stamps, links listed in creation order.
Hid group_plist(hid_t cls) {
  Hid plist = untimed_plist(cls);
  check(H5Pset_link_creation_order(plist.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "cannot track link creation order");
  return plist;
}

template <class T>
void set_number_attr(hid_t obj, const std::string& name, hid_t stored, hid_t in_memory, T value) {
  Hid space = scalar_space();
  Hid attr(H5Acreate2(obj, name.c_str(), stored, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "cannot create attribute " + name + " on " + name_of(obj));
  check(H5Awrite(attr.get(), in_memory, &value), "cannot write attribute " + name + " on " + name_of(obj));
}

}  // namespace

void fail(const std::string& what) { throw Error(what + ": " + pop_error_stack()); }

void check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

Lock::Lock() : lock_(library_mutex()) {
  // HDF5 1.10.8 cannot close a file once a metadata write failed (disk full at the final flush):
  // it stays half-closed and any later close, including the library's atexit cleanup, crashes.
  // Such a file is abandoned instead (the sink already removed it): no cleanup at exit. Effective
  // only before the library initialises, and only if libhdf5_cpp (whose own exit hook calls
  // H5close) is not loaded: link the C libraries alone.
  [[maybe_unused]] static const bool no_atexit = H5dont_atexit() >= 0;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  register_lz4_filter();  // socsim's HDF5 is static: it reads LZ4 traces with its own copy of the filter
}

Hid::Hid(hid_t id, Closer closer, const std::string& what) : id_(id), closer_(closer) {
  if (id < 0) fail(what);
}

Hid::Hid(Hid&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}

Hid& Hid::operator=(Hid&& other) noexcept {
  if (this != &other) {
    if (id_ >= 0) closer_(id_);
    id_ = std::exchange(other.id_, H5I_INVALID_HID);
    closer_ = other.closer_;
  }
  return *this;
}

Hid::~Hid() {
  if (id_ >= 0) closer_(id_);
}

void Hid::close(const std::string& what) {
  if (id_ < 0) return;
  check(closer_(std::exchange(id_, H5I_INVALID_HID)), what);
}

Hid create_file(const std::string& path) {
  Hid fcpl = group_plist(H5P_FILE_CREATE);
  Hid fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "cannot create property list");
  check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V110), "cannot set format bounds");
  // A private .part file needs no lock, and cluster file systems often refuse them.
  check(H5Pset_file_locking(fapl.get(), false, true), "cannot disable file locking");
  return Hid(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), H5Fclose, "cannot create file");
}

Hid create_group(hid_t parent, const std::string& name) {
  Hid gcpl = group_plist(H5P_GROUP_CREATE);
  return Hid(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), H5Gclose,
             "cannot create group " + name);
}

void set_attr(hid_t obj, const std::string& name, const std::string& value) {
  Hid type = utf8_string_type();
  Hid space = scalar_space();
  Hid attr(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "cannot create attribute " + name + " on " + name_of(obj));
  const char* text = value.c_str();
  check(H5Awrite(attr.get(), type.get(), &text), "cannot write attribute " + name + " on " + name_of(obj));
}

void set_attr(hid_t obj, const std::string& name, int64_t value) {
  set_number_attr(obj, name, H5T_STD_I64LE, H5T_NATIVE_INT64, value);
}

void set_attr(hid_t obj, const std::string& name, uint64_t value) {
  set_number_attr(obj, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, value);
}

void set_attr(hid_t obj, const std::string& name, double value) {
  set_number_attr(obj, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value);
}

namespace {

// A transfer property list whose type-conversion buffer fits `elements` strings: HDF5's default
// buffer is 1 MiB, zeroed for every H5Dwrite that converts, which made the dozen small string
// writes of a trace cost more than the rest of its start-up I/O. The bytes written are the same.
Hid string_transfer(size_t elements) {
  Hid dxpl(H5Pcreate(H5P_DATASET_XFER), H5Pclose, "cannot create property list");
  constexpr size_t kBytesPerString = 64;  // > the largest in-memory or stored form of one string
  check(H5Pset_buffer(dxpl.get(), std::max<size_t>(elements, 1) * kBytesPerString, nullptr, nullptr),
        "cannot set transfer buffer size");
  return dxpl;
}

}  // namespace

Hid write_string(hid_t parent, const std::string& name, const std::string& value) {
  Hid type = utf8_string_type();
  Hid space = scalar_space();
  Hid dcpl = untimed_plist(H5P_DATASET_CREATE);
  Hid ds(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT), H5Dclose,
         "cannot create dataset " + name);
  const char* text = value.c_str();
  check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, string_transfer(1).get(), &text),
        "cannot write " + name_of(ds.get()));
  return ds;
}

Hid write_strings(hid_t parent, const std::string& name, std::span<const std::string> values) {
  Hid type = utf8_string_type();
  Hid space = dataspace(values.size());
  Hid dcpl = untimed_plist(H5P_DATASET_CREATE);
  Hid ds(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT), H5Dclose,
         "cannot create dataset " + name);
  if (values.empty()) return ds;
  std::vector<const char*> texts;
  texts.reserve(values.size());
  for (const auto& v : values) texts.push_back(v.c_str());
  check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, string_transfer(values.size()).get(), texts.data()),
        "cannot write " + name_of(ds.get()));
  return ds;
}

Hid create_column(hid_t parent, const std::string& name, ElemType type, const ColumnLayout& layout) {
  const hsize_t empty = 0, unlimited = H5S_UNLIMITED, chunk = layout.chunk_rows;
  Hid space(H5Screate_simple(1, &empty, &unlimited), H5Sclose, "cannot create dataspace");
  Hid dcpl = untimed_plist(H5P_DATASET_CREATE);
  check(H5Pset_chunk(dcpl.get(), 1, &chunk), "cannot set chunk size of " + name);
  if (!layout.codec.raw()) check(H5Pset_shuffle(dcpl.get()), "cannot enable shuffle on " + name);
  if (layout.codec.compression == Compression::kDeflate && layout.codec.deflate_level > 0) {
    check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(layout.codec.deflate_level)),
          "cannot enable deflate on " + name);
  } else if (layout.codec.compression == Compression::kLz4) {
    // No parameters: the plugin's default block (1 GiB) exceeds any chunk, one block per chunk.
    check(H5Pset_filter(dcpl.get(), lz4::kFilterId, H5Z_FLAG_MANDATORY, 0, nullptr), "cannot enable LZ4 on " + name);
  }
  return Hid(H5Dcreate2(parent, name.c_str(), file_type(type), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
             H5Dclose, "cannot create dataset " + name);
}

void extend(hid_t column, size_t new_rows) {
  const hsize_t dims = new_rows;
  check(H5Dset_extent(column, &dims), "cannot extend " + name_of(column));
}

void write_chunk(hid_t column, size_t first_row, std::span<const std::byte> encoded) {
  const hsize_t offset = first_row;
  check(H5Dwrite_chunk(column, H5P_DEFAULT, 0, &offset, encoded.size(), encoded.data()),
        "cannot write " + name_of(column));
}

void make_dimension_scale(hid_t dataset, const std::string& dim_name) {
  check(H5DSset_scale(dataset, dim_name.c_str()), "cannot make " + name_of(dataset) + " a dimension scale");
}

void attach_dimension_scale(hid_t scale, std::span<const hid_t> datasets) {
  // As H5DS (HDF5 1.10) lays them out: DIMENSION_LIST on a dataset, one variable-length list of
  // object references per dimension; REFERENCE_LIST on the scale, one {dataset, dimension} per
  // attached dataset, with the dimension a native int.
  struct Backref {
    hobj_ref_t dataset;
    int dimension;
  };
  hobj_ref_t to_scale = 0;
  check(H5Rcreate(&to_scale, scale, ".", H5R_OBJECT, -1), "cannot reference " + name_of(scale));
  Hid list_type(H5Tvlen_create(H5T_STD_REF_OBJ), H5Tclose, "cannot create reference list type");
  Hid one = dataspace(1);
  std::vector<Backref> backrefs(datasets.size());
  for (size_t i = 0; i < datasets.size(); ++i) {
    const hid_t ds = datasets[i];
    const std::string what = "cannot attach dimension scale to " + name_of(ds);
    hvl_t list{1, &to_scale};
    Hid attr(H5Acreate2(ds, "DIMENSION_LIST", list_type.get(), one.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose, what);
    check(H5Awrite(attr.get(), list_type.get(), &list), what);
    check(H5Rcreate(&backrefs[i].dataset, ds, ".", H5R_OBJECT, -1), what);
    backrefs[i].dimension = 0;
  }
  const std::string what = "cannot list the datasets attached to " + name_of(scale);
  Hid backref_type(H5Tcreate(H5T_COMPOUND, sizeof(Backref)), H5Tclose, what);
  check(H5Tinsert(backref_type.get(), "dataset", HOFFSET(Backref, dataset), H5T_STD_REF_OBJ), what);
  check(H5Tinsert(backref_type.get(), "dimension", HOFFSET(Backref, dimension), H5T_NATIVE_INT), what);
  Hid space = dataspace(backrefs.size());
  Hid attr(H5Acreate2(scale, "REFERENCE_LIST", backref_type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           what);
  check(H5Awrite(attr.get(), backref_type.get(), backrefs.data()), what);
}

}  // namespace socsim::trace::h5
