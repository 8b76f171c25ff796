// Private to sim/config: writing JSON text directly, byte for byte as nlohmann's dump(2) writes
// the same document (2-space indent, "key": value, {} and [] when empty, numbers and escapes as
// nlohmann's serializer). For the large documents of a run's provenance (the resolved model
// library, ~0.4 MB): building an nlohmann document only to dump it cost ~24 M instructions and
// its allocations.
//
// nlohmann keeps an object's keys sorted; a writer must give them in that order (std::string
// comparison), which key() enforces (std::logic_error otherwise).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace socsim::config {

class JsonText {
 public:
  explicit JsonText(size_t reserve = 0) { out_.reserve(reserve); }

  JsonText& begin_object();
  JsonText& end_object();
  JsonText& begin_array();
  JsonText& end_array();
  // The next member's key, greater than the previous one of this object.
  JsonText& key(std::string_view k);

  JsonText& string(std::string_view s);
  JsonText& integer(int64_t v);
  // As config::number() stores it: integral values below 2^53 as integers, others as doubles
  // (non-finite ones as null, as nlohmann writes them).
  JsonText& number(double v);
  JsonText& boolean(bool v);

  // The text; the writer is then empty.
  std::string take() { return std::move(out_); }

 private:
  struct Level {
    bool object;
    size_t members = 0;
    std::string last_key;
  };
  void before_value();  // separator and indent of a new array element (members: after key())
  void close(char bracket);
  void escaped(std::string_view s);

  std::string out_;
  std::vector<Level> open_;
  bool after_key_ = false;
};

}  // namespace socsim::config
