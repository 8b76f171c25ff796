// socsim validate FILE...   checks every file, reports every error, exits 2 if any is invalid.
// A scenario is checked as `run` checks it (prepare_scenario: its scheduler, parameters and the
// files they name included), a campaign as `sweep` checks it (every expanded run's scheduler).
#include <iostream>

#include "cli/campaign/campaign.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_job.h"
#include "cli/sweep/sweep.h"
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
      // A campaign is expanded once, with every run's scheduler checked (plan_sweep).
      const config::Kind k = config::validate_file(f, [](const std::string& path) { plan_sweep(path, false); });
      if (k == config::Kind::kScenario) {
        RunRequest as_run;
        as_run.scenario_path = f;
        prepare_scenario(as_run);
      }
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
