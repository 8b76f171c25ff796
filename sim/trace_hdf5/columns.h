// Describing a record type as a table, once: one `ColumnSpec` per field (dataset name, units,
// description, optional lookup table, element type, and how to pull the field out of a block of
// records). The HDF5 side only ever sees the type-erased `ColumnMeta` and packed column bytes.
//
// Adding a record type: list its fields with `column<&Record::field>(...)` in schema.h and add a
// `Table<Record>` to the sink; nothing else is per-table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

namespace socsim::trace {

// Element types a column may have; stored little-endian in the file.
enum class ElemType : uint8_t { kU8, kI32, kU32, kI64, kU64, kF64 };

template <class T>
constexpr ElemType elem_type_of() {
  if constexpr (std::is_same_v<T, uint8_t>)
    return ElemType::kU8;
  else if constexpr (std::is_same_v<T, int32_t>)
    return ElemType::kI32;
  else if constexpr (std::is_same_v<T, uint32_t>)
    return ElemType::kU32;
  else if constexpr (std::is_same_v<T, int64_t>)
    return ElemType::kI64;
  else if constexpr (std::is_same_v<T, uint64_t>)
    return ElemType::kU64;
  else {
    static_assert(std::is_same_v<T, double>, "unsupported column element type");
    return ElemType::kF64;
  }
}

// What the file says about a column. Strings are literals (static storage).
struct ColumnMeta {
  const char* name;         // dataset name: the record field's name
  const char* units;        // `units` attribute: "ns", "1", "MHz", "mW", "degC", "ms", "Hz"
  const char* description;  // `description` attribute
  const char* lookup;       // name of the /lookup table the integer ids index, or nullptr
  ElemType type;
  size_t size;  // bytes per element
};

template <class Rec>
struct ColumnSpec {
  ColumnMeta meta;
  // Copies this field of every row into `out`, packed (`out` holds rows.size() * meta.size bytes).
  void (*gather)(std::span<const Rec> rows, std::byte* out);
};

template <class Rec>
struct TableSpec {
  const char* name;         // group name, e.g. "requests"
  const char* description;  // `description` attribute of the group
  std::span<const ColumnSpec<Rec>> columns;
};

namespace detail {

template <class>
struct MemberTraits;
template <class R, class T>
struct MemberTraits<T R::*> {
  using Record = R;
  using Type = T;
};

template <auto Member>
void gather_member(std::span<const typename MemberTraits<decltype(Member)>::Record> rows, std::byte* out) {
  using T = typename MemberTraits<decltype(Member)>::Type;
  size_t i = 0;
  if constexpr (sizeof(T) < 8) {
    // Four fields, one store: GCC vectorises the plain loop below for narrow fields through the
    // stack (scalar stores, then a wide load that cannot be forwarded from them), 4x slower.
    for (; i + 4 <= rows.size(); i += 4) {
      const T four[4] = {rows[i].*Member, rows[i + 1].*Member, rows[i + 2].*Member, rows[i + 3].*Member};
      std::memcpy(out + i * sizeof(T), four, sizeof four);
    }
  }
  for (; i < rows.size(); ++i) std::memcpy(out + i * sizeof(T), &(rows[i].*Member), sizeof(T));
}

}  // namespace detail

// The column for one field: column<&RequestRecord::arrival_ns>("arrival_ns", "ns", "...").
template <auto Member>
constexpr auto column(const char* name, const char* units, const char* description, const char* lookup = nullptr) {
  using Traits = detail::MemberTraits<decltype(Member)>;
  using T = typename Traits::Type;
  return ColumnSpec<typename Traits::Record>{{name, units, description, lookup, elem_type_of<T>(), sizeof(T)},
                                             &detail::gather_member<Member>};
}

}  // namespace socsim::trace
