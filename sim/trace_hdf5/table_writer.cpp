#include "sim/trace_hdf5/table_writer.h"

#include <algorithm>
#include <numeric>

namespace socsim::trace {
namespace {

constexpr const char* kRowName = "row";

}  // namespace

TableWriter::TableWriter(hid_t file, const std::string& name, const std::string& description,
                         std::vector<ColumnMeta> columns, const h5::ColumnLayout& layout, BatchEncoder& encoder)
    : group_(h5::create_group(file, name)), columns_(std::move(columns)), layout_(layout), encoder_(encoder) {
  h5::set_attr(group_.get(), "description", description);
}

void TableWriter::create_datasets(size_t chunk_rows) {
  layout_.chunk_rows = chunk_rows;
  row_ = h5::create_column(group_.get(), kRowName, ElemType::kI64, layout_);
  h5::make_dimension_scale(row_.get(), kRowName);
  h5::set_attr(row_.get(), "units", std::string("1"));
  h5::set_attr(row_.get(), "description", std::string("row number, the table's dimension"));
  for (const ColumnMeta& c : columns_) {
    h5::Hid ds = h5::create_column(group_.get(), c.name, c.type, layout_);
    h5::set_attr(ds.get(), "units", std::string(c.units));
    h5::set_attr(ds.get(), "description", std::string(c.description));
    if (c.lookup) h5::set_attr(ds.get(), "lookup", std::string(c.lookup));
    datasets_.push_back(std::move(ds));
  }
  std::vector<hid_t> ids;
  for (const h5::Hid& ds : datasets_) ids.push_back(ds.get());
  h5::attach_dimension_scale(row_.get(), ids);
}

void TableWriter::begin_block(size_t n, bool last) {
  if (row_.get() < 0) {  // first block
    create_datasets(last ? std::clamp<size_t>(n, 1, layout_.chunk_rows) : layout_.chunk_rows);
  }
  block_start_ = rows_;
  rows_ += n;
  if (n == 0) return;
  h5::extend(row_.get(), rows_);
  for (const h5::Hid& ds : datasets_) h5::extend(ds.get(), rows_);
}

void TableWriter::write_block(std::span<const std::span<const std::byte>> columns) {
  if (rows_ == block_start_) return;
  row_numbers_.resize(rows_ - block_start_);
  std::iota(row_numbers_.begin(), row_numbers_.end(), static_cast<int64_t>(block_start_));
  // The row numbers first, then the columns in order: the order chunks are written in fixes
  // where they land in the file.
  padded_.resize(columns.size() + 1);
  std::vector<BatchEncoder::Chunk> chunks;
  chunks.push_back({full_chunk(std::as_bytes(std::span(row_numbers_)), sizeof(int64_t), 0), sizeof(int64_t)});
  for (size_t i = 0; i < columns.size(); ++i)
    chunks.push_back({full_chunk(columns[i], columns_.at(i).size, i + 1), columns_.at(i).size});
  const std::vector<std::span<const std::byte>>& stored = encoder_.encode(chunks);
  h5::write_chunk(row_.get(), block_start_, stored[0]);
  for (size_t i = 0; i < columns.size(); ++i) h5::write_chunk(datasets_.at(i).get(), block_start_, stored[i + 1]);
}

// HDF5 stores edge chunks full size too; the padding lies beyond the extent and is never read.
std::span<const std::byte> TableWriter::full_chunk(std::span<const std::byte> values, size_t elem_size, size_t slot) {
  const size_t chunk_bytes = layout_.chunk_rows * elem_size;
  if (values.size() >= chunk_bytes) return values;
  padded_[slot].assign(chunk_bytes, std::byte{0});
  std::copy(values.begin(), values.end(), padded_[slot].begin());
  return padded_[slot];
}

void TableWriter::close() {
  for (h5::Hid& ds : datasets_) ds.close("cannot close dataset");
  row_.close("cannot close dataset");
  group_.close("cannot close group");
}

}  // namespace socsim::trace
