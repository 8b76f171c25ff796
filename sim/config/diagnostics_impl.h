// Private to sim/config: building JSON pointers and collecting diagnostics across files.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/error.h"

namespace socsim::config {

// An RFC 6901 JSON pointer, built one reference token at a time: Pointer() / "tasks" / 1 gives
// "/tasks/1". Keys are escaped ("~" -> "~0", "/" -> "~1"); the empty pointer is the whole document.
class Pointer {
 public:
  Pointer() = default;
  Pointer operator/(std::string_view key) const;
  Pointer operator/(size_t index) const;
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

// Every diagnostic of one load, from every file it touched, in the order found.
class Diagnostics {
 public:
  void add(Diagnostic d) { all_.push_back(std::move(d)); }
  size_t count() const { return all_.size(); }
  // Throws one ConfigError holding all diagnostics, if there are any.
  void throw_if_any() const;
  // Throws one ConfigError holding all diagnostics; for callers that know there are some.
  [[noreturn]] void throw_all() const;

 private:
  std::vector<Diagnostic> all_;
};

// Reports the problems of one file into a shared Diagnostics.
class Reporter {
 public:
  Reporter(Diagnostics& sink, std::string file) : sink_(&sink), file_(std::move(file)) {}

  void error(const Pointer& at, std::string message, int line = 0);
  const std::string& file() const { return file_; }
  // Errors reported through this reporter so far.
  size_t errors() const { return errors_; }

 private:
  Diagnostics* sink_;
  std::string file_;
  size_t errors_ = 0;
};

// A name and where it is defined.
struct NamedAt {
  std::string name;
  Pointer at;
};

// Reports each name that repeats an earlier one, at the repeat, pointing at the first:
// `duplicate <what> "x" (first at /tasks/0/name; expected each <what> once)`.
void report_duplicates(const std::vector<NamedAt>& names, std::string_view what, Reporter& r);

}  // namespace socsim::config
