// Private to sim/config: the fast path of parse_file() for documents without problems.
//
// parse_clean_json() parses the text with simdjson (Debian's libsimdjson-dev; SIMD, ~10x
// nlohmann's lexer) and converts it into a document, with none of the diagnostic parser's
// bookkeeping (line counting, a key map per object, a stream input). It gives up — returns
// nullopt — at anything the diagnostic parser would report: a syntax error, a number out of range,
// a duplicate key, nesting of kMaxNesting levels or more, a string or key that check_strings()
// would report (longer than kMaxStringBytes, or holding a NUL); and where the two could read a
// value differently (see json_fast_parse.cpp). The caller then runs the diagnostic
// parser over the same text, so messages stay exactly what they were; on clean input both parsers
// yield the same document (tests/config/json_fast_parse_test.cpp compares them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/config/json_parse_impl.h"

namespace socsim::config {

std::optional<Json> parse_clean_json(std::string_view text);
// The same without copying the text: pads `text` in place (in its spare capacity when it has
// enough, see kInputSpareBytes) and restores its size; its content is unchanged.
std::optional<Json> parse_clean_json_in_place(std::string& text);

// Whether the text may hold the integer "-0", which simdjson reads as 0 and nlohmann as a signed
// integer (conservative: also true for "-0" inside a string).
bool may_hold_negative_zero(std::string_view text);

// What check_strings() would report of a string or key: longer than kMaxStringBytes, or a NUL.
bool bad_string(std::string_view s);

}  // namespace socsim::config
