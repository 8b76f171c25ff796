// Private to sim/config: writing resolved inputs back as JSON (see config::to_json).
#pragma once

#include <string>

#include "sim/config/json_parse_impl.h"
#include "sim/core/time.h"

namespace socsim::config {

// Integral values as JSON integers ("1800", not "1800.0"); others as doubles.
Json number(double v);

// A time in the unit a file states it in, as number() writes it.
Json us(Duration d);
Json ms(Duration d);
Json seconds(Duration d);

// Optional keys whose absence the structs encode as an empty or zero value: set only when given.
void set_if(Json& obj, const char* key, const std::string& text);
void set_if(Json& obj, const char* key, double v);

}  // namespace socsim::config
