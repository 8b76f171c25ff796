// One table of a trace on the producer side: records are buffered as rows in a preallocated block
// (append() is one copy and one compare); a full block is handed to the write queue, where the
// writer gathers each field into a packed column, writes it through the TableWriter, and gives
// the emptied block back for reuse (fresh blocks would cost page faults on the hot path).
//
// Memory: one block of `block_rows` rows being filled, plus the blocks in the queue or spare.
// Blocks come from huge pages (huge_pages.h): a first touch of fresh small pages was the largest
// cost tracing added to the simulation thread. A table's first block starts with room for
// kFirstRows rows and, once they are filled, is given its whole size in one step (doubling would
// map and zero a huge page at every step); every later block is allocated whole.
// Threads: append()/finish() on the producer's thread; write() on the queue's (under the HDF5
// lock). They share only the spare blocks, under a mutex.
#pragma once

#include <algorithm>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/trace_hdf5/columns.h"
#include "sim/trace_hdf5/huge_pages.h"
#include "sim/trace_hdf5/table_writer.h"
#include "sim/trace_hdf5/write_queue.h"

namespace socsim::trace {

template <class Rec>
class Table {
  using Block = std::vector<Rec, huge_pages::Allocator<Rec>>;
  static constexpr size_t kFirstRows = 256;  // a first block's initial room
  static constexpr size_t kTileRows = 64;    // rows gathered into columns at a time (a few KiB)

 public:
  explicit Table(const TableSpec<Rec>& spec) : spec_(spec) {}
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  const TableSpec<Rec>& spec() const { return spec_; }

  std::vector<ColumnMeta> columns() const {
    std::vector<ColumnMeta> metas;
    for (const ColumnSpec<Rec>& c : spec_.columns) metas.push_back(c.meta);
    return metas;
  }

  // Connects the table to its queue (outliving every later call) and sets the rows per block
  // (>= 1); rows may be appended from then on.
  void open(WriteQueue& queue, size_t block_rows) {
    queue_ = &queue;
    block_rows_ = block_rows;
    rows_.reserve(std::min(block_rows_, kFirstRows));
  }
  // Gives the table its writer (outliving every later call): a queue job, before any block's.
  void attach(TableWriter& writer) { writer_ = &writer; }

  // The hot path. Throws an earlier write's error when it hands over a full block.
  void append(const Rec& row) {
    rows_.push_back(row);
    if (rows_.size() == rows_.capacity()) [[unlikely]]
      full();
  }

  // Hands over the remaining rows (possibly none) as the table's last block.
  void finish() { submit(true); }

 private:
  // The block is at capacity: a first block still small gets its whole size, a whole one is handed
  // over (blocks are reserved exactly: capacity block_rows_ means full).
  void full() {
    if (rows_.size() < block_rows_)
      rows_.reserve(block_rows_);
    else
      submit(false);
  }

  void submit(bool last) {
    if (!queue_) throw std::logic_error(std::string("trace table ") + spec_.name + " written before begin()");
    Block block = std::exchange(rows_, last ? Block() : spare_block());
    queue_->submit([this, block = std::move(block), last]() mutable {
      write(block, last);
      give_back(std::move(block));
    });
  }

  // On the queue's thread.
  void write(std::span<const Rec> rows, bool last) {
    writer_->begin_block(rows.size(), last);
    size_t bytes = 0;
    for (const ColumnSpec<Rec>& column : spec_.columns) bytes += rows.size() * column.meta.size;
    if (scratch_.size() < bytes) scratch_.resize(bytes);  // grows to one block's columns, once
    std::vector<std::span<const std::byte>> columns;
    std::byte* at = scratch_.data();
    for (const ColumnSpec<Rec>& column : spec_.columns) {
      columns.emplace_back(at, rows.size() * column.meta.size);
      at += rows.size() * column.meta.size;
    }
    // Tile by tile: a tile's rows stay in L1 while every column takes its field (column by column
    // over the whole block read the block from memory once per column).
    for (size_t first = 0; first < rows.size(); first += kTileRows) {
      const std::span<const Rec> tile = rows.subspan(first, std::min(kTileRows, rows.size() - first));
      std::byte* column_start = scratch_.data();
      for (const ColumnSpec<Rec>& column : spec_.columns) {
        column.gather(tile, column_start + first * column.meta.size);
        column_start += rows.size() * column.meta.size;
      }
    }
    writer_->write_block(columns);
  }

  // An empty block with room for block_rows_ rows: a written one if any, else a new one.
  Block spare_block() {
    {
      std::lock_guard lock(spare_mutex_);
      if (!spare_.empty()) {
        Block block = std::move(spare_.back());
        spare_.pop_back();
        return block;
      }
    }
    Block block;
    block.reserve(block_rows_);
    return block;
  }

  void give_back(Block block) {
    block.clear();
    std::lock_guard lock(spare_mutex_);
    spare_.push_back(std::move(block));
  }

  const TableSpec<Rec> spec_;
  size_t block_rows_ = 1;  // until open(): a record before begin() reaches submit() and throws
  Block rows_;  // producer side: the block being filled
  TableWriter* writer_ = nullptr;  // queue side, set by attach()
  WriteQueue* queue_ = nullptr;
  // Writer side: the packed columns of a block, one after the other (huge pages, as blocks).
  std::vector<std::byte, huge_pages::Allocator<std::byte>> scratch_;
  std::mutex spare_mutex_;
  std::vector<Block> spare_;  // written blocks, emptied, for reuse
};

}  // namespace socsim::trace
