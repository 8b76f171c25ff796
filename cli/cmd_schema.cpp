// socsim schema KIND   prints the JSON Schema of soc, model_family, profiles, scenario or campaign files.
#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "sim/config/config.h"
#include "sim/core/error.h"
#include "sim/core/names.h"

namespace socsim::cli {

int cmd_schema(const Args& args) {
  po::options_description desc("options");
  std::string kind;
  desc.add_options()("kind", po::value(&kind)->required(), "soc, model_family, profiles, scenario or campaign");
  po::positional_options_description pos;
  pos.add("kind", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim schema KIND   (KIND: soc, model_family, profiles, scenario or campaign)", desc, pos, vm)) return exit_code::kOk;
  const auto k = config::parse_kind(kind);
  if (!k) {
    std::vector<std::string> known;
    for (auto each : config::kAllKinds) known.push_back(config::to_string(each));
    throw UsageError(unknown_name("file kind", kind, known) + "\nusage: socsim schema KIND");
  }
  std::cout << config::schema_text(*k);
  return exit_code::kOk;
}

}  // namespace socsim::cli
