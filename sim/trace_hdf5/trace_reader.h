// Reading a socsim HDF5 trace back, table by table and block by block (see analysis/trace.py for
// the schema). The header keeps HDF5 out of its users: only sim/trace_hdf5 links the library.
//
// Contract:
// - The constructor opens the file read-only and checks that it is a socsim trace: the root
//   attribute `schema` is "socsim-trace" and `schema_version` is not newer than this build's.
// - Every failure — missing or unreadable file, not HDF5, not a trace, a column that is absent,
//   not 1-D, not numeric or shorter than its table, a read error — throws socsim::ConfigError
//   whose diagnostic names the file (a bad input: exit code 2).
// - Tolerant of the growing schema: readers ask which tables and columns exist; an absent table
//   has 0 rows; unknown columns are simply never read.
// - Values are converted by HDF5 to the type asked for (e.g. uint32 ids read as int64).
// - Thread-safe like the writer: every HDF5 call holds the library-wide h5::Lock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace socsim::trace {

// A scalar attribute value; strings are UTF-8.
using AttrValue = std::variant<std::string, int64_t, uint64_t, double>;

struct Attribute {
  std::string name;
  AttrValue value;
};

class TraceReader {
 public:
  explicit TraceReader(const std::string& path);
  ~TraceReader();
  TraceReader(const TraceReader&) = delete;
  TraceReader& operator=(const TraceReader&) = delete;

  const std::string& path() const { return path_; }

  // The scalar string and numeric attributes of the root (provenance), sorted by name; attributes
  // of other shapes or types are skipped.
  std::vector<Attribute> root_attributes() const;
  // The same for the group /<group> (e.g. "summary"); empty when there is no such group.
  std::vector<Attribute> group_attributes(const std::string& group) const;

  // /lookup/<name>: the names its ids index; empty when the trace has no such lookup.
  std::vector<std::string> lookup(const std::string& name) const;

  bool has_table(const std::string& table) const;
  bool has_column(const std::string& table, const std::string& field) const;
  // Rows of a table: the length of its `row` dimension scale (0 when the table is absent).
  size_t rows(const std::string& table) const;

  // Replaces `out` by rows [first, first + count) of /<table>/<field>.
  void read(const std::string& table, const std::string& field, size_t first, size_t count,
            std::vector<int64_t>& out) const;
  void read(const std::string& table, const std::string& field, size_t first, size_t count,
            std::vector<uint64_t>& out) const;
  void read(const std::string& table, const std::string& field, size_t first, size_t count,
            std::vector<double>& out) const;

 private:
  struct File;  // the open HDF5 file (trace_reader.cpp)
  std::string path_;
  std::unique_ptr<File> file_;
};

// One attribute of a root_attributes() / group_attributes() list, by name:
// its number (nullopt when absent or a string) ...
std::optional<double> attribute_number(const std::vector<Attribute>& attrs, const std::string& name);
// ... or its text (a string as it is, a number as std::to_string writes it; nullopt when absent).
std::optional<std::string> attribute_text(const std::vector<Attribute>& attrs, const std::string& name);

}  // namespace socsim::trace
