// The primary trace sink: a columnar, compressed, byte-reproducible HDF5 file.
//
// Layout (analysis/trace.py documents every table, field and unit):
//   /                  provenance attributes: schema, schema_version, socsim_version, git_commit,
//                      command_line, seed, scheduler, soc, scenario, config_sha256, time_unit="ns"
//   /config/<name>     resolved inputs as scalar JSON strings ("soc", "models", "scenario")
//   /<table>/row       int64 row numbers 0..n-1: the group's one dimension scale
//   /<table>/<field>   one chunked, compressed (compression.h; shuffle + LZ4 by default),
//                      extendible 1-D dataset per record field, with `units`, `description` (and
//                      `lookup` for id columns) attributes and `row` attached; tables: requests, executions, events, switches, dvfs, samples,
//                      summary (attributes `events`, `sim_time_ns`)
//   /lookup/<name>     UTF-8 names that integer ids index (tasks, processors, designs, ...)
//
// Lifecycle: begin() claims `final_path` (a second writer of the same path is refused: IoError
// "is being written by another process") and writes a fresh temporary beside it (durable_file.h:
// O_EXCL, never through a planted link); end() completes, flushes, closes and fsyncs it, then
// renames it to `final_path`, and removes interrupted_trace_path(final_path) if an earlier stopped
// run left one (the complete trace supersedes it). abort(), a failed end(), or destroying the sink
// before end() removes the temporary: nothing ever appears under the final name unfinished.
// end_incomplete() (a run stopped early by an interrupt or a resource limit) completes the file
// the same way, with the root attributes `status = "interrupted"`, `stop_reason` and
// `stop_message`, and publishes it as interrupted_trace_path(final_path) instead. Complete traces
// have no `status` attribute.
// Failures to create or write the file throw socsim::IoError naming the path and the reason.
// begin() claims the path and creates the temporary itself; the HDF5 file in it is created by the
// writer's first job, so with the background writer a failure there, like a write error, surfaces
// at the next block handed over (every `chunk_rows` records of a table) or at end().
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "sim/trace/trace_sink.h"
#include "sim/trace_hdf5/compression.h"

namespace socsim::trace {

struct Hdf5SinkOptions {
  // Rows per HDF5 chunk and per block handed to the writer (1 .. 2^26). Tables with fewer rows
  // get chunks exactly as large as their rows.
  size_t chunk_rows = 16384;
  // The chunks' filters (compression.h): shuffle + LZ4 by default.
  Compression compression = Compression::kLz4;
  // With Compression::kDeflate: 0 stores chunks raw (no filters); 1..9: shuffle + deflate at this
  // level. Checked (0..9) but unused with the other compressions.
  int deflate_level = 1;
  // Write on one background thread (at most 4 blocks queued; the producer waits beyond that)
  // instead of the caller's. The bytes written are the same either way.
  bool background_writer = true;
};

// Where a run stopped early keeps its partial trace: "x.h5" -> "x.interrupted.h5"; a name without
// the .h5 extension gets ".interrupted.h5" appended.
std::string interrupted_trace_path(const std::string& final_path);

// Throws std::invalid_argument for options out of range.
std::unique_ptr<TraceSink> make_hdf5_sink(const std::string& final_path, Hdf5SinkOptions opts = {});

}  // namespace socsim::trace
