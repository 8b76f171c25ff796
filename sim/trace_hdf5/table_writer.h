// Writes one table: a group holding the shared dimension scale `row` (int64 row numbers 0..n-1)
// and one extendible column dataset per field, each with `units` and `description` attributes
// (and `lookup` for id columns) and the `row` scale attached, as netCDF-4 readers expect.
//
// Rows arrive in blocks of at most one chunk: begin_block(n) grows every dataset by n rows, then
// write_block(columns) stores each column's new rows (and the row numbers) as one chunk each,
// compressed on the encoder's threads and written in column order. Every block but the last is
// exactly chunk_rows long, so blocks and chunks coincide. Datasets are created at the first
// block, so a table that never fills a whole chunk gets one exactly as large as its rows (at
// least 1). Call only while holding an h5::Lock.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "sim/trace_hdf5/chunk_encoder.h"
#include "sim/trace_hdf5/columns.h"
#include "sim/trace_hdf5/h5.h"
#include "sim/trace_hdf5/huge_pages.h"

namespace socsim::trace {

class TableWriter {
 public:
  // Creates the group `name` under `file`. `encoder` (of layout.codec) outlives this.
  TableWriter(hid_t file, const std::string& name, const std::string& description, std::vector<ColumnMeta> columns,
              const h5::ColumnLayout& layout, BatchEncoder& encoder);

  // Starts a block of `n` rows; `last` says no block follows (it sizes a first block's chunks).
  void begin_block(size_t n, bool last);
  // Writes the current block's values of every column: columns[i] holds n packed elements of
  // column i's type.
  void write_block(std::span<const std::span<const std::byte>> columns);

  // Closes the group and its datasets, reporting failures.
  void close();

 private:
  void create_datasets(size_t chunk_rows);
  // `values` as a whole chunk: itself, or padded to full size in padded_[slot].
  std::span<const std::byte> full_chunk(std::span<const std::byte> values, size_t elem_size, size_t slot);

  h5::Hid group_;
  std::vector<ColumnMeta> columns_;
  h5::ColumnLayout layout_;  // chunk_rows: the datasets' chunk size once created
  BatchEncoder& encoder_;
  h5::Hid row_;
  std::vector<h5::Hid> datasets_;
  size_t block_start_ = 0;
  size_t rows_ = 0;
  std::vector<int64_t, huge_pages::Allocator<int64_t>> row_numbers_;  // a chunk of them: 128 KiB
  std::vector<std::vector<std::byte>> padded_;  // last, partial chunks padded to full size
};

}  // namespace socsim::trace
