// Private to sim/config: the "pattern" keywords of socsim's schemas, checked in code.
//
// valijson checks "pattern" with std::regex, whose backtracking matcher recurses once per
// character: a long identifier (~28 000 characters) overflowed the stack (SIGSEGV). The schemas
// use only a few anchored patterns; each is matched here by a loop, in linear time and constant
// stack, and removed from the schema valijson sees.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "sim/config/diagnostics_impl.h"
#include "sim/config/json_parse_impl.h"

namespace socsim::config {

// Whether `text` matches `pattern`, one of the patterns the schemas use (kSupportedPatterns).
// Throws std::logic_error for any other pattern: a schema that adds one must add its matcher.
bool matches_pattern(std::string_view pattern, std::string_view text);
inline constexpr std::string_view kSupportedPatterns[] = {"^[a-z][a-z0-9_]*$", "^/"};

// What a pattern means, for messages.
std::string pattern_meaning(std::string_view pattern);

// A copy of the schema `schema` without its "pattern" keywords (those of "propertyNames"
// included), for valijson.
Json without_patterns(const Json& schema);

// Walks `value` along the schema `root` (following $ref, properties, items, additionalProperties,
// propertyNames, and for a tagged union the branch its "kind" selects) and calls `mismatch` for
// every string or key a "pattern" keyword of the schema rejects: its location, the pattern, the
// offending value.
using PatternMismatch = std::function<void(const Pointer& at, const std::string& pattern, const Json& value)>;
void check_patterns(const Json& root, const Json& value, const PatternMismatch& mismatch);

}  // namespace socsim::config
