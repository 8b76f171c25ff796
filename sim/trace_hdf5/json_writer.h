// A minimal streaming JSON writer: values go straight to an std::ostream, nothing is buffered but
// the nesting state. Used by the timeline export (no JSON library outside sim/config).
//
// Contract:
// - Output is valid UTF-8 JSON whatever the input: strings are escaped (", \, control characters
//   as \n, \t, ... or \u00XX) and invalid UTF-8 sequences are replaced by U+FFFD; non-finite
//   doubles are written as null (JSON has no NaN or Infinity).
// - Doubles use the shortest text that reads back to the same value (std::to_chars), integers
//   are exact: the same calls always give the same bytes.
// - Commas and colons are inserted by the writer. Inside an object, call key() before each value.
//   Misuse (a value without key() in an object, unbalanced end_*) throws std::logic_error.
// - Layout: the elements of the outermost `newline_depth` containers each start on a new line,
//   deeper ones are compact, e.g. one trace event per line.
// The writer does not check the stream: the caller checks `out` for write errors.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace socsim::trace {

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out, int newline_depth = 2) : out_(out), newline_depth_(newline_depth) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();

  // The next member's name (inside an object only).
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(int64_t n);
  JsonWriter& value(uint64_t n);
  JsonWriter& value(int32_t n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(uint32_t n) { return value(static_cast<uint64_t>(n)); }
  JsonWriter& value(double x);
  JsonWriter& value(bool b);
  JsonWriter& null();
  // Already formatted JSON (e.g. a number with a fixed number of decimals), written verbatim.
  JsonWriter& raw(std::string_view json);

  // Shorthand for key(name).value(v).
  template <class T>
  JsonWriter& member(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  // True once every container opened has been closed again.
  bool complete() const { return stack_.empty() && wrote_root_; }

 private:
  struct Level {
    bool object;
    bool empty = true;
    bool has_key = false;  // objects: key() called, value pending
  };
  void before_value();
  void open(bool object, char bracket);
  void close(bool object, char bracket);

  std::ostream& out_;
  int newline_depth_;
  std::vector<Level> stack_;
  bool wrote_root_ = false;
};

// Appends `text` to `out` as a JSON string literal, quotes included (see the escaping contract).
void append_json_string(std::string& out, std::string_view text);
std::string json_string(std::string_view text);

}  // namespace socsim::trace
