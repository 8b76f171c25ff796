#include "sim/trace_hdf5/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <utility>

namespace socsim::trace {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when it is not one.
size_t utf8_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const size_t left = text.size() - i;
  const unsigned char c = byte(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && continuation(byte(1)) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !continuation(byte(1)) || !continuation(byte(2))) return 0;
    if (c == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && byte(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !continuation(byte(1)) || !continuation(byte(2)) || !continuation(byte(3))) return 0;
    if (c == 0xF0 && byte(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

template <class T>
std::string_view format_number(char (&buf)[32], T value) {
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) throw std::logic_error("JsonWriter: cannot format a number");
  return {buf, static_cast<size_t>(end - buf)};
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t n = utf8_length(text, i);
      if (n == 0) {
        out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
        ++i;
      } else {
        out.append(text.substr(i, n));
        i += n;
      }
      continue;
    }
    static constexpr std::pair<char, const char*> kEscapes[] = {
        {'"', "\\\""}, {'\\', "\\\\"}, {'\b', "\\b"}, {'\f', "\\f"}, {'\n', "\\n"}, {'\r', "\\r"}, {'\t', "\\t"}};
    const auto* escape = std::find_if(std::begin(kEscapes), std::end(kEscapes),
                                      [&](const auto& e) { return e.first == static_cast<char>(c); });
    if (escape != std::end(kEscapes)) {
      out.append(escape->second);
    } else if (c < 0x20) {
      out.append("\\u00");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(static_cast<char>(c));
    }
    ++i;
  }
  out.push_back('"');
}

std::string json_string(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_json_string(out, text);
  return out;
}

void JsonWriter::before_value() {
  if (stack_.empty()) {
    if (wrote_root_) throw std::logic_error("JsonWriter: a second top-level value");
    wrote_root_ = true;
    return;
  }
  Level& level = stack_.back();
  if (level.object) {
    if (!level.has_key) throw std::logic_error("JsonWriter: a value inside an object without key()");
    level.has_key = false;
    return;
  }
  if (!level.empty) out_.put(',');
  level.empty = false;
  if (static_cast<int>(stack_.size()) <= newline_depth_) out_.put('\n');
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (stack_.empty() || !stack_.back().object || stack_.back().has_key)
    throw std::logic_error("JsonWriter: key() outside an object or twice in a row");
  Level& level = stack_.back();
  if (!level.empty) out_.put(',');
  level.empty = false;
  level.has_key = true;
  if (static_cast<int>(stack_.size()) <= newline_depth_) out_.put('\n');
  std::string quoted;
  append_json_string(quoted, name);
  out_ << quoted << ':';
  return *this;
}

void JsonWriter::open(bool object, char bracket) {
  before_value();
  out_.put(bracket);
  stack_.push_back({object});
}

void JsonWriter::close(bool object, char bracket) {
  if (stack_.empty() || stack_.back().object != object || stack_.back().has_key)
    throw std::logic_error("JsonWriter: unbalanced end of container");
  const bool had_elements = !stack_.back().empty;
  if (had_elements && static_cast<int>(stack_.size()) <= newline_depth_) out_.put('\n');
  stack_.pop_back();
  out_.put(bracket);
}

JsonWriter& JsonWriter::begin_object() {
  open(true, '{');
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  close(true, '}');
  return *this;
}
JsonWriter& JsonWriter::begin_array() {
  open(false, '[');
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  close(false, ']');
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  std::string quoted;
  append_json_string(quoted, text);
  out_ << quoted;
  return *this;
}

JsonWriter& JsonWriter::value(int64_t n) {
  char buf[32];
  return raw(format_number(buf, n));
}

JsonWriter& JsonWriter::value(uint64_t n) {
  char buf[32];
  return raw(format_number(buf, n));
}

JsonWriter& JsonWriter::value(double x) {
  if (!std::isfinite(x)) return null();
  char buf[32];
  return raw(format_number(buf, x));
}

JsonWriter& JsonWriter::value(bool b) { return raw(b ? "true" : "false"); }

JsonWriter& JsonWriter::null() { return raw("null"); }

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_ << json;
  return *this;
}

}  // namespace socsim::trace
