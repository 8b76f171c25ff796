// Private to sim/config: reading and parsing one JSON file, with the checks nlohmann's parser
// does not make by itself (duplicate keys, nesting depth, file size).
#pragma once

// GCC 12 at -O2 reports false -Warray-bounds positives inside nlohmann::json's own code (the
// std::map of an object, inlined into its parser and assignments). Silenced for sim/config, the
// only code that includes nlohmann, always through this header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/config/diagnostics_impl.h"

namespace socsim::config {

using Json = nlohmann::json;

// Largest config file accepted, and deepest nesting of objects and arrays.
inline constexpr size_t kMaxFileBytes = 16u << 20;
inline constexpr int kMaxNesting = 64;

// Reads the file `r.file()` and parses it. Syntax errors are reported with line and column;
// duplicate keys (which JSON parsers silently resolve to the last one) with the pointer and line of
// the repeated key; an unreadable or too large file with an empty pointer. Returns the document
// unless it could not be read or parsed at all (a duplicate key does not stop it).
std::optional<Json> parse_file(Reporter& r);
// The same, keeping the file's text in `text` (the bytes the document was parsed from).
std::optional<Json> parse_file(Reporter& r, std::string& text);
// The parsing part of parse_file, for a file's `text` already read (read_input_file); the text
// is unchanged.
std::optional<Json> parse_text(Reporter& r, std::string& text);

}  // namespace socsim::config
