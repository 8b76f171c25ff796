// socsim schema KIND   prints the JSON Schema of soc, model_family, profiles, scenario or campaign files.
#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "sim/config/config.h"
#include "sim/core/error.h"

namespace socsim::cli {

int cmd_schema(const Args& args) {
  po::options_description desc("options");
  std::string kind;
  desc.add_options()("kind", po::value(&kind)->required(), "soc, model_family, profiles, scenario or campaign");
  po::positional_options_description pos;
  pos.add("kind", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim schema KIND", desc, pos, vm)) return exit_code::kOk;
  const auto k = config::parse_kind(kind);
  if (!k) {
    std::string known;
    for (auto each : config::kAllKinds) known += (known.empty() ? "" : ", ") + std::string(config::to_string(each));
    throw UsageError("unknown kind \"" + kind + "\" (expected one of: " + known + ")");
  }
  std::cout << config::schema_text(*k);
  return exit_code::kOk;
}

}  // namespace socsim::cli
