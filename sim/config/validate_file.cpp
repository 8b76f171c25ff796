#include <filesystem>
#include <stdexcept>

#include "sim/config/kinds_impl.h"
#include "sim/config/model_loader_impl.h"
#include "sim/config/scenario_loader_impl.h"
#include "sim/config/soc_loader_impl.h"

namespace socsim::config {
namespace {

namespace fs = std::filesystem;

// A profiles file in a library's profiles/ folder is checked with the library's families
// (models/profiles/x.json -> models/*.json); anywhere else, or without families, on its own.
void validate_profiles(const Json& doc, Reporter& r, Diagnostics& d) {
  const fs::path folder = fs::path(r.file()).parent_path();
  const bool in_library = fs::absolute(r.file()).lexically_normal().parent_path().filename() == "profiles";
  const std::string root = (folder / "..").lexically_normal().string();
  const std::vector<std::string> families = in_library ? json_files_in(root) : std::vector<std::string>();
  LibraryBuilder builder(d);
  for (const auto& f : families) builder.add_family_file(f);
  builder.add_profiles(doc, r);
  builder.finish(root, LibraryScope{nullptr, !families.empty(), {}});
}

void validate_kind(Kind kind, const Json& doc, Reporter& r, Diagnostics& d, const CampaignCheck& check_campaign) {
  switch (kind) {
    case Kind::kSoc:
      soc_from_json(doc, r);
      return;
    case Kind::kModelFamily:
      family_from_json(doc, r);
      return;
    case Kind::kProfiles:
      validate_profiles(doc, r, d);
      return;
    case Kind::kScenario:
      resolve_scenario(doc, r, d);
      return;
    case Kind::kCampaign:
      if (!check_campaign) throw std::logic_error("validate_file: a campaign file needs a campaign check");
      try {
        check_campaign(r.file());
      } catch (const ConfigError& e) {
        for (const auto& diag : e.diagnostics()) d.add(diag);
      }
      return;
  }
}

}  // namespace

Kind validate_file(const std::string& path, const CampaignCheck& check_campaign) {
  Diagnostics diags;
  Reporter r(diags, path);
  std::optional<Json> doc = parse_file(r);
  std::optional<Kind> kind = doc ? detect_kind(*doc) : std::nullopt;
  if (!kind) {
    if (doc)
      r.error({},
              "cannot tell what kind of socsim file this is (expected a soc, model_family, profiles, "
              "scenario or campaign file)");
    diags.throw_all();
  }
  validate_kind(*kind, *doc, r, diags, check_campaign);
  diags.throw_if_any();
  return *kind;
}

}  // namespace socsim::config
