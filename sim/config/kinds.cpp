#include "sim/config/kinds_impl.h"

namespace socsim::config {

const char* to_string(Kind k) {
  switch (k) {
    case Kind::kSoc:
      return "soc";
    case Kind::kModelFamily:
      return "model_family";
    case Kind::kProfiles:
      return "profiles";
    case Kind::kScenario:
      return "scenario";
    case Kind::kCampaign:
      return "campaign";
  }
  return "?";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (Kind k : kAllKinds)
    if (name == to_string(k)) return k;
  return std::nullopt;
}

std::string_view schema_text(Kind k) { return detail::embedded_schema(to_string(k)); }

std::optional<Kind> detect_kind(const Json& doc) {
  if (!doc.is_object()) return std::nullopt;
  if (doc.contains("processors")) return Kind::kSoc;
  if (doc.contains("family")) return Kind::kModelFamily;
  if (doc.contains("profiles")) return Kind::kProfiles;
  if (doc.contains("tasks")) return Kind::kScenario;
  if (doc.contains("axes")) return Kind::kCampaign;
  return std::nullopt;
}

}  // namespace socsim::config
