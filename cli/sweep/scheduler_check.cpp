#include "cli/sweep/scheduler_check.h"

#include <string>
#include <vector>

#include "sim/config/config.h"
#include "sim/core/error.h"

namespace socsim::cli {

spec::Soc origin_soc(const solver::TransferredScheduler& t, const spec::Scenario& sc) {
  if (t.from_soc().empty())
    throw ConfigError({{sc.file, "/scheduler/params/from_soc",
                        "the transferred scheduler needs from_soc: the SoC whose design it transfers (a SoC name, "
                        "e.g. --param from_soc=snapdragon730, or a SoC file path)"}});
  const std::string file = config::soc_file(t.from_soc(), sc.soc_path);
  try {
    return config::load_soc(file);
  } catch (const ConfigError& e) {
    std::vector<Diagnostic> all = {{sc.file, "/scheduler/params/from_soc",
                                    "the transferred scheduler's origin SoC \"" + t.from_soc() + "\" (" + file +
                                        ") cannot be loaded (expected a SoC name beside the scenario's SoC, or a "
                                        "SoC file)"}};
    all.insert(all.end(), e.diagnostics().begin(), e.diagnostics().end());
    throw ConfigError(std::move(all));
  }
}

std::string check_scheduler(const sched::Registry& registry, const spec::Scenario& sc) {
  const auto scheduler = registry.create(sc.scheduler.name, sc.scheduler.params, sc.file);
  const auto* t = dynamic_cast<const solver::TransferredScheduler*>(scheduler.get());
  if (!t) return {};
  const spec::Soc origin = origin_soc(*t, sc);
  return config::to_json(origin) + config::to_json(config::load_model_library(sc.models_path, {origin.name}), origin.name);
}

}  // namespace socsim::cli
