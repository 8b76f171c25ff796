#include "sim/config/estimates_impl.h"

#include <string_view>
#include <variant>
#include <vector>

namespace socsim::config {
namespace {

// The way from the root to the value being checked: keys and indices. The pointer is built only
// for a diagnostic, not for each of the tens of thousands of values of a profile file.
using Path = std::vector<std::variant<std::string_view, size_t>>;

Pointer pointer_of(const Path& path) {
  Pointer p;
  for (const auto& token : path) p = std::visit([&](const auto& t) { return p / t; }, token);
  return p;
}

void check_at(const Json& v, Path& path, Reporter& r) {
  if (v.is_object()) {
    if (v.value("estimated", false) && !v.contains("method"))
      r.error(pointer_of(path) / "estimated",
              "estimated is true but no \"method\" says how (expected a \"method\" key beside it)");
    for (const auto& [key, child] : v.items()) {
      path.emplace_back(std::string_view(key));
      check_at(child, path, r);
      path.pop_back();
    }
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) {
      path.emplace_back(i);
      check_at(v[i], path, r);
      path.pop_back();
    }
  }
}

}  // namespace

void check_estimates(const Json& doc, Reporter& r) {
  Path path;
  check_at(doc, path, r);
}

}  // namespace socsim::config
