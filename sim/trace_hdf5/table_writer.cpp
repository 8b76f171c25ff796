#include "sim/trace_hdf5/table_writer.h"

#include <algorithm>
#include <numeric>

namespace socsim::trace {
namespace {

constexpr const char* kRowName = "row";

}  // namespace

TableWriter::TableWriter(hid_t file, const std::string& name, const std::string& description,
                         std::vector<ColumnMeta> columns, const h5::ColumnLayout& layout, ChunkEncoder& encoder)
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
    h5::attach_dimension_scale(ds.get(), row_.get());
    datasets_.push_back(std::move(ds));
  }
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
  write_row_numbers();
}

void TableWriter::write_row_numbers() {
  std::vector<int64_t> numbers(rows_ - block_start_);
  std::iota(numbers.begin(), numbers.end(), static_cast<int64_t>(block_start_));
  write_chunk(row_.get(), sizeof(int64_t), std::as_bytes(std::span(numbers)));
}

void TableWriter::write_column(size_t index, std::span<const std::byte> values) {
  if (rows_ == block_start_) return;
  write_chunk(datasets_.at(index).get(), columns_.at(index).size, values);
}

// HDF5 stores edge chunks full size too; the padding lies beyond the extent and is never read.
void TableWriter::write_chunk(hid_t dataset, size_t elem_size, std::span<const std::byte> values) {
  const size_t chunk_bytes = layout_.chunk_rows * elem_size;
  if (values.size() < chunk_bytes) {
    padded_.assign(chunk_bytes, std::byte{0});
    std::copy(values.begin(), values.end(), padded_.begin());
    values = padded_;
  }
  h5::write_chunk(dataset, block_start_, encoder_.encode(values, elem_size));
}

void TableWriter::close() {
  for (h5::Hid& ds : datasets_) ds.close("cannot close dataset");
  row_.close("cannot close dataset");
  group_.close("cannot close group");
}

}  // namespace socsim::trace
