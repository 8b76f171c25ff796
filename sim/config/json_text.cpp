#include "sim/config/json_text_impl.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "sim/config/json_parse_impl.h"

namespace socsim::config {

void JsonText::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  Level& level = open_.back();
  if (level.object) throw std::logic_error("JsonText: a value in an object without its key");
  out_ += level.members++ == 0 ? "\n" : ",\n";
  out_.append(2 * open_.size(), ' ');
}

JsonText& JsonText::begin_object() {
  before_value();
  out_ += '{';
  open_.push_back({true, 0, {}});
  return *this;
}

JsonText& JsonText::begin_array() {
  before_value();
  out_ += '[';
  open_.push_back({false, 0, {}});
  return *this;
}

void JsonText::close(char bracket) {
  const size_t members = open_.back().members;
  open_.pop_back();
  if (members > 0) {
    out_ += '\n';
    out_.append(2 * open_.size(), ' ');
  }
  out_ += bracket;
}

JsonText& JsonText::end_object() {
  close('}');
  return *this;
}

JsonText& JsonText::end_array() {
  close(']');
  return *this;
}

JsonText& JsonText::key(std::string_view k) {
  Level& level = open_.back();
  if (level.members > 0 && !(level.last_key < k))
    throw std::logic_error("JsonText: key \"" + std::string(k) + "\" after \"" + level.last_key +
                           "\" (nlohmann writes keys sorted)");
  level.last_key.assign(k);
  out_ += level.members++ == 0 ? "\n" : ",\n";
  out_.append(2 * open_.size(), ' ');
  escaped(k);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

void JsonText::escaped(std::string_view s) {
  // Printable ASCII but '"' and '\' is written as it is; anything else (escapes, and UTF-8, which
  // nlohmann validates) by nlohmann itself.
  bool plain = true;
  for (char c : s)
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
      plain = false;
      break;
    }
  if (plain) {
    out_ += '"';
    out_ += s;
    out_ += '"';
  } else {
    out_ += Json(std::string(s)).dump();
  }
}

JsonText& JsonText::string(std::string_view s) {
  before_value();
  escaped(s);
  return *this;
}

JsonText& JsonText::integer(int64_t v) {
  before_value();
  char buffer[24];
  const char* end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  out_.append(buffer, static_cast<size_t>(end - buffer));
  return *this;
}

JsonText& JsonText::number(double v) {
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53, as config::number()
  if (std::trunc(v) == v && std::fabs(v) < kExactIntegers) return integer(static_cast<int64_t>(v));
  before_value();
  if (!std::isfinite(v)) {
    out_ += "null";
    return *this;
  }
  char buffer[64];
  const char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, v);
  out_.append(buffer, static_cast<size_t>(end - buffer));
  return *this;
}

JsonText& JsonText::boolean(bool v) {
  before_value();
  out_ += v ? "true" : "false";
  return *this;
}

}  // namespace socsim::config
