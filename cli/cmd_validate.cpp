// socsim validate FILE...   checks every file, reports every error, exits 2 if any is invalid.
#include <iostream>

#include "cli/campaign/campaign.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "sim/config/config.h"
#include "sim/core/error.h"

namespace socsim::cli {

int cmd_validate(const Args& args) {
  po::options_description desc("options");
  std::vector<std::string> files;
  desc.add_options()("files", po::value(&files)->required()->multitoken(), "files to check");
  po::positional_options_description pos;
  pos.add("files", -1);
  po::variables_map vm;
  if (!parse_args(args, "socsim validate FILE...", desc, pos, vm)) return exit_code::kOk;

  size_t errors = 0;
  for (const auto& f : files) {
    try {
      const config::Kind k = config::validate_file(f, config::check_campaign_file);
      std::cout << f << ": ok (" << config::to_string(k) << ")\n";
    } catch (const ConfigError& e) {
      std::cerr << e.what() << "\n";
      errors += e.diagnostics().size();
    }
  }
  if (errors > 0) {
    std::cerr << errors << (errors == 1 ? " error" : " errors") << "\n";
    return exit_code::kInvalidInput;
  }
  return exit_code::kOk;
}

}  // namespace socsim::cli
