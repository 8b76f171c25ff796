// Errors that reach the user.
//
// A `Diagnostic` names the file, the JSON pointer inside it, the offending value and what was
// expected, and prints like a compiler's message:
//   scenarios/x.json: error: /tasks/1/design/engine: unknown processor "npu0" (expected one of: cpu, gpu)
// Loaders collect every diagnostic they find and throw one `ConfigError` holding them all.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace socsim {

struct Diagnostic {
  std::string file;     // as the user named it (or as resolved from a scenario)
  std::string pointer;  // RFC 6901 JSON pointer; empty for whole-file problems
  std::string message;  // what is wrong, with the bad value and what was expected
  int line = 0;         // 1-based line when known (syntax errors), else 0

  std::string format() const;
};

// Invalid input: exit code 2. Holds every diagnostic found, in file order.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<Diagnostic> diags);
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }

 private:
  std::vector<Diagnostic> diags_;
};

// A file could not be read or written: exit code 3.
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The run itself failed (watchdog, broken invariant): exit code 1.
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A bad command line (unknown option, malformed option value): exit code 2, with the usage.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Exit codes documented in the README.
namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kRunFailed = 1;
inline constexpr int kInvalidInput = 2;
inline constexpr int kIoError = 3;
inline constexpr int kInterrupted = 130;
}  // namespace exit_code

}  // namespace socsim
