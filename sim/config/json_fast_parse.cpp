#include "sim/config/json_fast_parse_impl.h"

#include <simdjson.h>

#include <cmath>
#include <cstring>

#include "sim/config/input_file_impl.h"

namespace socsim::config {
namespace {

static_assert(kInputSpareBytes >= simdjson::SIMDJSON_PADDING);

// simdjson's document as nlohmann's. False (give up) where the diagnostic parser or
// check_strings() would report something (a duplicate key, nesting of kMaxNesting levels or
// more, a string too long or holding a NUL), and where the two parsers
// would disagree on a value (the integer "-0", kept out before parsing: may_hold_negative_zero;
// a float -0.0, declined to be safe). Number kinds follow nlohmann: integers are unsigned unless
// written with a minus sign. (Syntax errors, numbers out of range and integers beyond 64 bits never get here:
// simdjson refuses the document.)
bool convert(simdjson::dom::element e, int depth, Json& out) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::OBJECT: {
      if (depth >= kMaxNesting) return false;
      out = Json::object();
      for (simdjson::dom::key_value_pair field : simdjson::dom::object(e)) {
        if (bad_string(field.key)) return false;
        auto [it, inserted] = out.emplace(std::string(field.key), nullptr);  // one lookup
        if (!inserted) return false;
        if (!convert(field.value, depth + 1, *it)) return false;
      }
      return true;
    }
    case element_type::ARRAY: {
      if (depth >= kMaxNesting) return false;
      out = Json::array();
      for (simdjson::dom::element item : simdjson::dom::array(e)) {
        out.push_back(nullptr);
        if (!convert(item, depth + 1, out.back())) return false;
      }
      return true;
    }
    case element_type::INT64: {
      // nlohmann keeps integers written without a sign as unsigned, with one as signed.
      const int64_t v = int64_t(e);
      if (v >= 0) {
        out = static_cast<uint64_t>(v);
      } else {
        out = v;
      }
      return true;
    }
    case element_type::UINT64:
      out = uint64_t(e);
      return true;
    case element_type::DOUBLE: {
      const double v = double(e);
      if (v == 0 && std::signbit(v)) return false;  // "-0.0": nlohmann agrees, but rare enough to leave
      out = v;
      return true;
    }
    case element_type::STRING: {
      const std::string_view s(e);
      if (bad_string(s)) return false;
      out = std::string(s);
      return true;
    }
    case element_type::BOOL:
      out = bool(e);
      return true;
    case element_type::NULL_VALUE:
      out = nullptr;
      return true;
  }
  return false;
}

}  // namespace

// Without "-0", every integer 0 was written "0".
bool may_hold_negative_zero(std::string_view text) {
  for (size_t i = text.find("-0"); i != std::string_view::npos; i = text.find("-0", i + 1)) {
    const char next = i + 2 < text.size() ? text[i + 2] : ' ';
    if (next != '.' && next != 'e' && next != 'E' && (next < '0' || next > '9')) return true;
  }
  return false;
}

bool bad_string(std::string_view s) {
  return s.size() > kMaxStringBytes || std::memchr(s.data(), '\0', s.size()) != nullptr;
}

namespace {

// Parses `size` bytes at `data`, followed by at least SIMDJSON_PADDING readable bytes.
std::optional<Json> parse_padded(const char* data, size_t size) {
  if (may_hold_negative_zero(std::string_view(data, size))) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(data, size, false).get(root) != simdjson::SUCCESS) return std::nullopt;
  Json doc;
  if (!convert(root, 0, doc)) return std::nullopt;
  return doc;
}

}  // namespace

std::optional<Json> parse_clean_json(std::string_view text) {
  const simdjson::padded_string padded(text);
  return parse_padded(padded.data(), padded.size());
}

std::optional<Json> parse_clean_json_in_place(std::string& text) {
  const size_t size = text.size();
  text.append(simdjson::SIMDJSON_PADDING, '\0');  // within the spare capacity: no copy
  std::optional<Json> doc = parse_padded(text.data(), size);
  text.resize(size);
  return doc;
}

}  // namespace socsim::config
