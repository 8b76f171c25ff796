// Private to sim/config: the fast path of reading a profile file whose exact bytes passed the
// profiles schema before (the schema cache knows them). Such a file (~0.5 MB, a run reads its
// SoC's) was converted into an nlohmann document only to be read into spec::Profile; building
// that document cost ~15 M instructions and ~1 MB of fresh memory (page faults) per run.
//
// read_known_profiles() reads the profiles straight from simdjson's parse. It gives up — returns
// nullopt, reporting nothing — at anything the full path (parse_file, profiles_from_json and the
// file-name check) could report or read differently: a parse error, "-0", a duplicate or unknown
// key, a missing required key or a value of an unexpected type, a string check_strings() would
// report, "estimated": true without "method", a time that does not convert to ns, and a "soc"
// other than `file_stem` (when not empty). The caller then takes the full path, which reports
// exactly as before. Otherwise the profiles equal what profiles_from_json reads from the same
// bytes (tests/config/profiles_fast_read_test.cpp compares them).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/spec/models.h"

namespace socsim::config {

// `text` is padded in place for the parser (see kInputSpareBytes) and restored.
std::optional<std::vector<spec::Profile>> read_known_profiles(std::string& text, std::string_view file_stem);

}  // namespace socsim::config
