// Private to sim/config: the embedded schemas and recognising a file's kind.
#pragma once

#include <optional>
#include <string_view>

#include "sim/config/config.h"
#include "sim/config/json_parse_impl.h"

namespace socsim::config {

namespace detail {
// Defined by the build (cmake/embed_schemas.cmake): the schema text named `name`, or empty.
std::string_view embedded_schema(std::string_view name);
}  // namespace detail

// The kind of a parsed document, from its top-level keys ("processors" -> soc, "family" ->
// model_family, "profiles" -> profiles, "tasks" -> scenario, "axes" -> campaign), or nullopt.
std::optional<Kind> detect_kind(const Json& doc);

}  // namespace socsim::config
