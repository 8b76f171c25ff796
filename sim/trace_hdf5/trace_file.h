// The open trace file: provenance on `/`, the resolved inputs under /config, one group per table,
// the /lookup string tables and the run totals on /summary. Call only while holding an h5::Lock.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/trace/records.h"
#include "sim/trace_hdf5/chunk_encoder.h"
#include "sim/trace_hdf5/h5.h"
#include "sim/trace_hdf5/table_writer.h"

namespace socsim::trace {

class TraceFile {
 public:
  // Creates `path` (truncating it) and writes the provenance attributes and /config/<name>.
  // Tables' chunks will be encoded with `codec`.
  TraceFile(const std::string& path, const RunInfo& info, Codec codec);

  // Creates a table's group, chunked by `chunk_rows`. The writer lives as long as this file.
  TableWriter& add_table(const std::string& name, const std::string& description, std::vector<ColumnMeta> columns,
                         size_t chunk_rows);

  // Writes /lookup/<name> for every lookup (each a 1-D string dataset that is its own dimension
  // scale) and `events`, `sim_time_ns` as attributes of the table group `summary_table`.
  void write_summary(const RunSummary& summary, const std::string& summary_table);

  // Root attributes of a trace that is not complete: `status`, `stop_reason`, `stop_message`.
  void mark_incomplete(const std::string& status, const std::string& reason, const std::string& message);

  // Closes every object, then the file (which flushes it); throws on failure.
  void close();

 private:
  void write_provenance(const RunInfo& info);
  void write_config(const std::map<std::string, std::string>& config_json);

  h5::Hid file_;  // declared first: destroyed after the objects inside it
  Codec codec_;
  BatchEncoder encoder_;  // shared by the tables: one table writes at a time
  std::vector<std::unique_ptr<TableWriter>> tables_;
};

}  // namespace socsim::trace
