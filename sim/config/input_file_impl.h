// Private to sim/config: reading one input file safely, before any parsing. Only a regular file
// is read: a FIFO, device, socket or directory is refused without blocking (opened O_NONBLOCK,
// then checked with fstat), a symbolic link loop or a NUL inside the path is an input error, and
// a file larger than the limit is refused from its size before it is read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "sim/config/diagnostics_impl.h"
#include "sim/config/json_parse_impl.h"

namespace socsim::config {

// Spare capacity read_input_file leaves after the text (unless the file grew while read), so that
// the JSON fast path can pad it in place instead of copying the text (simdjson reads ahead).
inline constexpr size_t kInputSpareBytes = 64;

// Reads `r.file()` whole, straight into a string sized from the file's length (one allocation, no
// copies). On any problem reports one error naming the file (empty pointer) and returns nothing;
// `what` completes the size message ("expected <what> of at most N MiB").
std::optional<std::string> read_input_file(Reporter& r, size_t max_bytes, const char* what);

// Longest string (value or key) a config may hold, in bytes: far above any name, path or
// description (the longest shipped one has under 3 000), far below what could make checks or
// messages costly.
inline constexpr size_t kMaxStringBytes = 65536;

// Reports every string value or object key of `doc` longer than kMaxStringBytes (its pointer and
// length) or holding a NUL character (a path would be cut off there); returns true when there is
// none. Run on a parsed document before any other check.
bool check_strings(const Json& doc, Reporter& r);

}  // namespace socsim::config
