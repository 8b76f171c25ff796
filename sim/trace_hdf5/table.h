// One table of a trace on the producer side: records are buffered as rows in a preallocated block
// (append() is one copy and one compare); a full block is handed to the write queue, where the
// writer gathers each field into a packed column, writes it through the TableWriter, and gives
// the emptied block back for reuse (fresh blocks would cost page faults on the hot path).
//
// Memory: one block of `block_rows` rows being filled, plus the blocks in the queue or spare.
// Threads: append()/finish() on the producer's thread; write() on the queue's (under the HDF5
// lock). They share only the spare blocks, under a mutex.
#pragma once

#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/trace_hdf5/columns.h"
#include "sim/trace_hdf5/table_writer.h"
#include "sim/trace_hdf5/write_queue.h"

namespace socsim::trace {

template <class Rec>
class Table {
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

  // Connects the table to its writer and queue (both outlive every later call) and sets the
  // rows per block (>= 1).
  void open(TableWriter& writer, WriteQueue& queue, size_t block_rows) {
    writer_ = &writer;
    queue_ = &queue;
    block_rows_ = block_rows;
    rows_.reserve(block_rows_);
  }

  // The hot path. Throws an earlier write's error when it hands over a full block.
  void append(const Rec& row) {
    rows_.push_back(row);
    if (rows_.size() == block_rows_) [[unlikely]]
      submit(false);
  }

  // Hands over the remaining rows (possibly none) as the table's last block.
  void finish() { submit(true); }

 private:
  void submit(bool last) {
    if (!queue_) throw std::logic_error(std::string("trace table ") + spec_.name + " written before begin()");
    std::vector<Rec> block = std::exchange(rows_, last ? std::vector<Rec>() : spare_block());
    queue_->submit([this, block = std::move(block), last]() mutable {
      write(block, last);
      give_back(std::move(block));
    });
  }

  // On the queue's thread.
  void write(std::span<const Rec> rows, bool last) {
    writer_->begin_block(rows.size(), last);
    scratch_.resize(spec_.columns.size());
    std::vector<std::span<const std::byte>> columns;
    for (size_t i = 0; i < spec_.columns.size(); ++i) {
      const ColumnSpec<Rec>& column = spec_.columns[i];
      scratch_[i].resize(rows.size() * column.meta.size);
      column.gather(rows, scratch_[i].data());
      columns.push_back(scratch_[i]);
    }
    writer_->write_block(columns);
  }

  // An empty block with room for block_rows_ rows: a written one if any, else a new one.
  std::vector<Rec> spare_block() {
    {
      std::lock_guard lock(spare_mutex_);
      if (!spare_.empty()) {
        std::vector<Rec> block = std::move(spare_.back());
        spare_.pop_back();
        return block;
      }
    }
    std::vector<Rec> block;
    block.reserve(block_rows_);
    return block;
  }

  void give_back(std::vector<Rec> block) {
    block.clear();
    std::lock_guard lock(spare_mutex_);
    spare_.push_back(std::move(block));
  }

  const TableSpec<Rec> spec_;
  size_t block_rows_ = 1;  // until open(): a record before begin() reaches submit() and throws
  std::vector<Rec> rows_;  // producer side: the block being filled
  TableWriter* writer_ = nullptr;
  WriteQueue* queue_ = nullptr;
  std::vector<std::vector<std::byte>> scratch_;  // writer side: the packed columns of a block
  std::mutex spare_mutex_;
  std::vector<std::vector<Rec>> spare_;  // written blocks, emptied, for reuse
};

}  // namespace socsim::trace
