#include "sim/trace_hdf5/trace_reader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <type_traits>

#include "sim/core/error.h"
#include "sim/trace/records.h"
#include "sim/trace_hdf5/h5.h"

namespace socsim::trace {

struct TraceReader::File {
  h5::Hid id;
};

namespace {

[[noreturn]] void bad_input(const std::string& path, const std::string& message) {
  throw ConfigError({Diagnostic{.file = path, .pointer = "", .message = message}});
}

// Runs `f` holding the HDF5 lock; HDF5 failures become a ConfigError naming the file.
template <class F>
auto guarded(const std::string& path, F&& f) {
  h5::Lock lock;
  try {
    return f();
  } catch (const h5::Error& e) {
    bad_input(path, e.what());
  }
}

bool link_exists(hid_t loc, const std::string& name) { return H5Lexists(loc, name.c_str(), H5P_DEFAULT) > 0; }

// /<table>/<field> exists (H5Lexists needs every intermediate link to exist).
bool object_exists(hid_t file, const std::string& table, const std::string& field = {}) {
  if (!link_exists(file, table)) return false;
  return field.empty() || link_exists(file, table + "/" + field);
}

// Memory type to read a string of file type `file_type` as (same size, padding and character set).
h5::Hid string_memory_type(hid_t file_type) { return h5::Hid(H5Tcopy(file_type), H5Tclose, "cannot copy string type"); }

std::optional<AttrValue> read_scalar_attr(hid_t obj, const std::string& name) {
  h5::Hid attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "cannot open attribute " + name);
  h5::Hid space(H5Aget_space(attr.get()), H5Sclose, "cannot read attribute " + name);
  h5::Hid type(H5Aget_type(attr.get()), H5Tclose, "cannot read attribute " + name);
  if (H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) return std::nullopt;
  const std::string what = "cannot read attribute " + name;
  switch (H5Tget_class(type.get())) {
    case H5T_STRING: {
      h5::Hid mem = string_memory_type(type.get());
      if (H5Tis_variable_str(type.get()) > 0) {
        char* raw = nullptr;
        h5::check(H5Aread(attr.get(), mem.get(), &raw), what);
        std::string text = raw ? raw : "";
        H5free_memory(raw);
        return text;
      }
      std::string text(H5Tget_size(type.get()), '\0');
      h5::check(H5Aread(attr.get(), mem.get(), text.data()), what);
      return text.substr(0, text.find('\0'));
    }
    case H5T_INTEGER: {
      if (H5Tget_sign(type.get()) == H5T_SGN_NONE) {
        uint64_t v = 0;
        h5::check(H5Aread(attr.get(), H5T_NATIVE_UINT64, &v), what);
        return v;
      }
      int64_t v = 0;
      h5::check(H5Aread(attr.get(), H5T_NATIVE_INT64, &v), what);
      return v;
    }
    case H5T_FLOAT: {
      double v = 0;
      h5::check(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &v), what);
      return v;
    }
    default:
      return std::nullopt;
  }
}

herr_t collect_name(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

std::vector<std::string> attribute_names(hid_t obj) {
  std::vector<std::string> names;
  hsize_t index = 0;
  h5::check(H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &index, collect_name, &names), "cannot list attributes");
  return names;
}

// A 1-D (or scalar) string dataset, variable- or fixed-length.
std::vector<std::string> read_strings(hid_t ds, const std::string& what) {
  h5::Hid space(H5Dget_space(ds), H5Sclose, what);
  h5::Hid type(H5Dget_type(ds), H5Tclose, what);
  if (H5Tget_class(type.get()) != H5T_STRING) throw h5::Error(what + ": not a string dataset");
  const auto n = static_cast<size_t>(H5Sget_simple_extent_npoints(space.get()));
  h5::Hid mem = string_memory_type(type.get());
  std::vector<std::string> out;
  if (n == 0) return out;
  out.reserve(n);
  if (H5Tis_variable_str(type.get()) > 0) {
    std::vector<char*> raw(n, nullptr);
    h5::check(H5Dread(ds, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), what);
    for (const char* s : raw) out.emplace_back(s ? s : "");
    H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, raw.data());
    return out;
  }
  const size_t size = H5Tget_size(type.get());
  std::string buf(n * size, '\0');
  h5::check(H5Dread(ds, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), what);
  for (size_t i = 0; i < n; ++i) {
    const std::string item = buf.substr(i * size, size);
    out.push_back(item.substr(0, item.find('\0')));
  }
  return out;
}

std::string describe(const AttrValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return "\"" + *s + "\"";
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* u = std::get_if<uint64_t>(&v)) return std::to_string(*u);
  return std::to_string(std::get<double>(v));
}

template <class T>
hid_t memory_type() {
  if constexpr (std::is_same_v<T, int64_t>)
    return H5T_NATIVE_INT64;
  else if constexpr (std::is_same_v<T, uint64_t>)
    return H5T_NATIVE_UINT64;
  else
    return H5T_NATIVE_DOUBLE;
}

// Fails unless the file exists, is a regular file, can be read and carries the HDF5 signature (at
// offset 0 or after a user block: 512, 1024, 2048, ... bytes). Checked by hand rather than with
// H5Fis_hdf5(), which cannot be told to skip file locking.
void check_hdf5_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) bad_input(path, "cannot read: " + ec.message());  // a link loop
  if (!fs::exists(status)) bad_input(path, "no such file");
  if (fs::is_directory(status)) bad_input(path, "is a directory, not a trace file");
  // Reading a FIFO or a device could block forever.
  if (!fs::is_regular_file(status)) bad_input(path, "is not a regular file (a FIFO, device or socket; expected a trace file)");
  std::ifstream in(path, std::ios::binary);
  if (!in) bad_input(path, std::string("cannot read: ") + std::strerror(errno));
  static constexpr char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  const auto size = fs::file_size(path, ec);
  for (uintmax_t offset = 0; !ec && offset + sizeof kSignature <= size; offset = offset == 0 ? 512 : offset * 2) {
    char head[sizeof kSignature] = {};
    if (!in.seekg(static_cast<std::streamoff>(offset)) || !in.read(head, sizeof head)) break;
    if (std::memcmp(head, kSignature, sizeof head) == 0) return;
  }
  bad_input(path, "not an HDF5 file (expected a socsim trace)");
}

// Fails unless the open file's root says it is a socsim trace this build can read.
void check_schema(const std::string& path, hid_t root) {
  if (H5Aexists(root, "schema") <= 0) bad_input(path, "not a socsim trace: no `schema` attribute on /");
  const std::optional<AttrValue> schema = read_scalar_attr(root, "schema");
  if (!schema || *schema != AttrValue(std::string(kSchemaName)))
    bad_input(path, "not a socsim trace: schema is " + (schema ? describe(*schema) : "not a scalar") + ", expected \"" +
                        kSchemaName + "\"");
  const std::optional<AttrValue> version =
      H5Aexists(root, "schema_version") > 0 ? read_scalar_attr(root, "schema_version") : std::nullopt;
  const int64_t* v = version ? std::get_if<int64_t>(&*version) : nullptr;
  if (!v) bad_input(path, "socsim trace without an integer `schema_version` attribute on /");
  if (*v > kSchemaVersion)
    bad_input(path, "trace schema_version " + std::to_string(*v) + " is newer than this socsim reads (" +
                        std::to_string(kSchemaVersion) + ")");
}

}  // namespace

TraceReader::TraceReader(const std::string& path) : path_(path) {
  check_hdf5_file(path);
  guarded(path, [&] {
    h5::Hid fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "cannot create property list");
    // Read-only: no lock needed, and cluster file systems often refuse them.
    h5::check(H5Pset_file_locking(fapl.get(), false, true), "cannot disable file locking");
    h5::Hid file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), H5Fclose, "cannot open");
    check_schema(path, file.get());  // on failure `file` closes here, still under the lock
    file_ = std::make_unique<File>(File{std::move(file)});
  });
}

TraceReader::~TraceReader() {
  h5::Lock lock;
  file_.reset();
}

std::vector<Attribute> TraceReader::root_attributes() const {
  return guarded(path_, [&] {
    std::vector<Attribute> out;
    for (const std::string& name : attribute_names(file_->id.get())) {
      if (std::optional<AttrValue> value = read_scalar_attr(file_->id.get(), name)) out.push_back({name, *value});
    }
    return out;
  });
}

std::vector<Attribute> TraceReader::group_attributes(const std::string& group) const {
  return guarded(path_, [&] {
    std::vector<Attribute> out;
    if (!object_exists(file_->id.get(), group)) return out;
    h5::Hid g(H5Gopen2(file_->id.get(), group.c_str(), H5P_DEFAULT), H5Gclose, "cannot open group " + group);
    for (const std::string& name : attribute_names(g.get())) {
      if (std::optional<AttrValue> value = read_scalar_attr(g.get(), name)) out.push_back({name, *value});
    }
    return out;
  });
}

std::vector<std::string> TraceReader::lookup(const std::string& name) const {
  return guarded(path_, [&] {
    if (!object_exists(file_->id.get(), "lookup", name)) return std::vector<std::string>{};
    const std::string where = "/lookup/" + name;
    h5::Hid ds(H5Dopen2(file_->id.get(), where.c_str(), H5P_DEFAULT), H5Dclose, "cannot open " + where);
    return read_strings(ds.get(), "cannot read " + where);
  });
}

bool TraceReader::has_table(const std::string& table) const {
  return guarded(path_, [&] { return object_exists(file_->id.get(), table); });
}

bool TraceReader::has_column(const std::string& table, const std::string& field) const {
  return guarded(path_, [&] { return object_exists(file_->id.get(), table, field); });
}

namespace {

// Opens /<table>/<field> and checks it is a 1-D numeric column; returns it and its length.
std::pair<h5::Hid, size_t> open_column(const std::string& path, hid_t file, const std::string& table,
                                       const std::string& field) {
  const std::string where = "/" + table + "/" + field;
  if (!object_exists(file, table, field)) bad_input(path, "the trace has no column " + where);
  h5::Hid ds(H5Dopen2(file, where.c_str(), H5P_DEFAULT), H5Dclose, "cannot open " + where);
  h5::Hid space(H5Dget_space(ds.get()), H5Sclose, "cannot read " + where);
  h5::Hid type(H5Dget_type(ds.get()), H5Tclose, "cannot read " + where);
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) bad_input(path, where + " is not a numeric column");
  if (H5Sget_simple_extent_ndims(space.get()) != 1) bad_input(path, where + " is not a 1-D column");
  hsize_t n = 0;
  h5::check(H5Sget_simple_extent_dims(space.get(), &n, nullptr), "cannot read " + where);
  return {std::move(ds), static_cast<size_t>(n)};
}

template <class T>
void read_rows(const std::string& path, hid_t file, const std::string& table, const std::string& field, size_t first,
               size_t count, std::vector<T>& out) {
  out.resize(count);
  auto [ds, n] = open_column(path, file, table, field);
  const std::string where = "/" + table + "/" + field;
  if (first + count > n)
    bad_input(path, where + " has " + std::to_string(n) + " rows, fewer than its table (" +
                        std::to_string(first + count) + ")");
  if (count == 0) return;
  h5::Hid space(H5Dget_space(ds.get()), H5Sclose, "cannot read " + where);
  const hsize_t start = first, rows = count;
  h5::check(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &start, nullptr, &rows, nullptr),
            "cannot select rows of " + where);
  h5::Hid memory(H5Screate_simple(1, &rows, nullptr), H5Sclose, "cannot create dataspace");
  h5::check(H5Dread(ds.get(), memory_type<T>(), memory.get(), space.get(), H5P_DEFAULT, out.data()),
            "cannot read " + where);
}

}  // namespace

size_t TraceReader::rows(const std::string& table) const {
  return guarded(path_, [&]() -> size_t {
    if (!object_exists(file_->id.get(), table)) return 0;
    return open_column(path_, file_->id.get(), table, "row").second;
  });
}

void TraceReader::read(const std::string& table, const std::string& field, size_t first, size_t count,
                       std::vector<int64_t>& out) const {
  guarded(path_, [&] { read_rows(path_, file_->id.get(), table, field, first, count, out); });
}

void TraceReader::read(const std::string& table, const std::string& field, size_t first, size_t count,
                       std::vector<uint64_t>& out) const {
  guarded(path_, [&] { read_rows(path_, file_->id.get(), table, field, first, count, out); });
}

void TraceReader::read(const std::string& table, const std::string& field, size_t first, size_t count,
                       std::vector<double>& out) const {
  guarded(path_, [&] { read_rows(path_, file_->id.get(), table, field, first, count, out); });
}

namespace {
const AttrValue* find_attribute(const std::vector<Attribute>& attrs, const std::string& name) {
  for (const auto& a : attrs)
    if (a.name == name) return &a.value;
  return nullptr;
}
}  // namespace

std::optional<double> attribute_number(const std::vector<Attribute>& attrs, const std::string& name) {
  const AttrValue* v = find_attribute(attrs, name);
  if (!v) return std::nullopt;
  return std::visit(
      [](const auto& x) -> std::optional<double> {
        if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string>) return std::nullopt;
        else return static_cast<double>(x);
      },
      *v);
}

std::optional<std::string> attribute_text(const std::vector<Attribute>& attrs, const std::string& name) {
  const AttrValue* v = find_attribute(attrs, name);
  if (!v) return std::nullopt;
  return std::visit(
      [](const auto& x) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string>) return x;
        else return std::to_string(x);
      },
      *v);
}

}  // namespace socsim::trace
