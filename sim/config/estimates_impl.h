// Private to sim/config: the rule every data file follows for estimated numbers.
#pragma once

#include "sim/config/json_parse_impl.h"

namespace socsim::config {

// Every object anywhere in `doc` with "estimated": true must say how in "method".
void check_estimates(const Json& doc, Reporter& r);

}  // namespace socsim::config
