// Private to sim/config: JSON Schema validation (valijson, draft 7) with compiler-like messages.
#pragma once

#include "sim/config/config.h"
#include "sim/config/json_parse_impl.h"

namespace socsim::config {

// Validates `doc` against the schema of `kind` and reports every violation: the pointer, the bad
// value and what was expected (unknown keys name the allowed ones; a tagged union such as an
// arrival is checked against the branch its "kind" selects). Returns true when `doc` is valid.
// A document that passed once is not checked again (sim/config/schema_cache_impl.h).
bool check_schema(Kind kind, const Json& doc, Reporter& r);

}  // namespace socsim::config
