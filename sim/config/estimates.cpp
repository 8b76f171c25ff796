#include "sim/config/estimates_impl.h"

namespace socsim::config {
namespace {

void check_at(const Json& v, const Pointer& at, Reporter& r) {
  if (v.is_object()) {
    if (v.value("estimated", false) && !v.contains("method"))
      r.error(at / "estimated", "estimated is true but no \"method\" says how (expected a \"method\" key beside it)");
    for (const auto& [key, child] : v.items()) check_at(child, at / key, r);
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) check_at(v[i], at / i, r);
  }
}

}  // namespace

void check_estimates(const Json& doc, Reporter& r) { check_at(doc, Pointer(), r); }

}  // namespace socsim::config
