// Crash-safe publication of a finished file (POSIX): a killed process leaves either the old state
// or the complete new file under the final name, never a truncated one.
#pragma once

#include <string>

namespace socsim::trace {

// fsyncs `from`, renames it to `to` (replacing `to`), then fsyncs the directory of `to` so the
// rename survives a crash too. Throws socsim::IoError naming the path and the system's reason if
// `from` cannot be synced or renamed; the directory sync is best effort (some file systems refuse
// it, and the complete file is already in place).
void publish_file(const std::string& from, const std::string& to);

// Writes `text` to a temporary file beside `path` (named after this process, so processes writing
// the same path do not collide), then publishes it under `path`. Throws socsim::IoError; the
// temporary file is removed on failure.
void publish_text(const std::string& path, const std::string& text);

}  // namespace socsim::trace
