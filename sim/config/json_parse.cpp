#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

#include "sim/config/json_fast_parse_impl.h"
#include "sim/config/input_file_impl.h"
#include "sim/config/json_parse_impl.h"
#include "sim/config/messages_impl.h"

namespace socsim::config {
namespace {

// 1-based line and column of the byte at 0-based `offset`.
struct TextPosition {
  int line = 1;
  size_t column = 1;
};

TextPosition position_of(const std::string& text, size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition pos;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      line_start = i + 1;
    }
  }
  pos.column = offset - line_start + 1;
  return pos;
}

// Thrown from the parser callback to stop at excessive nesting.
struct TooDeep {
  int line;
};

// Follows the parser's events to know the pointer of the current value, and the keys already
// seen in each open object.
class KeyTracker {
 public:
  KeyTracker(const std::string& text, std::istringstream& in, Reporter& r) : text_(text), in_(in), r_(r) {}

  bool operator()(int depth, Json::parse_event_t event, const Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        if (depth >= kMaxNesting) throw TooDeep{current_line()};
        open_.push_back(Level{event == Json::parse_event_t::array_start, 0, {}, {}});
        break;
      case Json::parse_event_t::key:
        on_key(parsed.get<std::string>());
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        open_.pop_back();
        next_element();
        break;
      case Json::parse_event_t::value:
        next_element();
        break;
    }
    return true;
  }

 private:
  struct Level {
    bool is_array = false;
    size_t index = 0;                  // arrays: index of the element being parsed
    std::string key;                   // objects: key of the member being parsed
    std::map<std::string, int> lines;  // objects: line of each key seen
  };

  // The line of the last character the parser consumed. The parser only moves forward, so the
  // newlines are counted incrementally.
  int current_line() {
    auto offset = static_cast<size_t>(in_.rdbuf()->pubseekoff(0, std::ios::cur, std::ios::in));
    const size_t last = offset == 0 ? 0 : offset - 1;
    for (; counted_ < last && counted_ < text_.size(); ++counted_)
      if (text_[counted_] == '\n') ++line_;
    return line_;
  }

  Pointer current_pointer() const {
    Pointer p;
    for (const Level& level : open_) p = level.is_array ? p / level.index : p / level.key;
    return p;
  }

  void on_key(const std::string& key) {
    Level& object = open_.back();
    object.key = key;
    int line = current_line();
    auto [it, inserted] = object.lines.emplace(key, line);
    if (!inserted)
      r_.error(current_pointer(),
               fmt::format("duplicate key {} (first on line {}; JSON keeps only the last one)", quote(key), it->second),
               line);
  }

  void next_element() {
    if (!open_.empty() && open_.back().is_array) ++open_.back().index;
  }

  const std::string& text_;
  std::istringstream& in_;
  Reporter& r_;
  std::vector<Level> open_;
  size_t counted_ = 0;  // newlines before this offset are counted in line_
  int line_ = 1;
};

// "syntax error at column 7 while parsing value - unexpected '}'; ..." from nlohmann's message.
std::string syntax_message(const Json::parse_error& e, size_t column) {
  std::string what = e.what();
  constexpr std::string_view kMarker = "syntax error";
  auto at = what.find(kMarker);
  std::string detail = at == std::string::npos ? ": " + what : what.substr(at + kMarker.size());
  // The parser quotes what it last read, which can be a whole line of any file a reference names:
  // messages echo at most kMaxEcho bytes of it (README, "Trust model").
  constexpr std::string_view kLastRead = "last read: '";
  constexpr size_t kMaxEcho = 40;
  const size_t from = detail.find(kLastRead);
  if (from != std::string::npos) {
    const size_t start = from + kLastRead.size();
    size_t end = detail.find("'; expected", start);
    if (end == std::string::npos && detail.ends_with('\'')) end = detail.size() - 1;
    if (end != std::string::npos && end > start && end - start > kMaxEcho)
      detail = detail.substr(0, start + kMaxEcho) + "..." + detail.substr(end);
  }
  return fmt::format("syntax error at column {}{}", column, detail);
}

// The diagnostic parser: slower, precise about every problem.
std::optional<Json> parse_json_diagnosing(const std::string& text, Reporter& r) {
  std::istringstream in(text);
  KeyTracker tracker(text, in, r);
  try {
    return Json::parse(in, std::ref(tracker));
  } catch (const Json::parse_error& e) {
    TextPosition pos = position_of(text, e.byte == 0 ? 0 : e.byte - 1);
    r.error({}, syntax_message(e, pos.column), pos.line);
  } catch (const Json::out_of_range& e) {
    // A number beyond the range of double: nlohmann names it ("... parsing '1e999'") but gives no
    // position; the parser has just read it, so the line is where it stopped.
    auto consumed = static_cast<size_t>(in.rdbuf()->pubseekoff(0, std::ios::cur, std::ios::in));
    r.error({},
            fmt::format("number {} is out of range (expected a number of magnitude at most {})",
                        single_quoted(e.what()), number_text(std::numeric_limits<double>::max())),
            position_of(text, consumed == 0 ? 0 : consumed - 1).line);
  } catch (const TooDeep& e) {
    r.error(
        {},
        fmt::format("objects and arrays nested deeper than {} levels (expected at most {})", kMaxNesting, kMaxNesting),
        e.line);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Json> parse_file(Reporter& r) {
  std::string text;
  return parse_file(r, text);
}

std::optional<Json> parse_file(Reporter& r, std::string& text) {
  std::optional<std::string> read = read_input_file(r, kMaxFileBytes, "a config file");
  if (!read) return std::nullopt;
  text = std::move(*read);
  return parse_text(r, text);
}

std::optional<Json> parse_text(Reporter& r, std::string& text) {
  // Clean documents (nearly all of them) take the fast path, which checks their strings too; any
  // problem is left to the diagnostic parser and check_strings(), which report it exactly as if
  // they had run alone.
  if (std::optional<Json> doc = parse_clean_json_in_place(text)) return doc;
  std::optional<Json> doc = parse_json_diagnosing(text, r);
  if (doc && !check_strings(*doc, r)) return std::nullopt;
  return doc;
}

}  // namespace socsim::config
