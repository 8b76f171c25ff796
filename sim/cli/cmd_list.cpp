// socsim list schedulers   the registered schedulers with their parameters.
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/core/error.h"
#include "sim/sched/registry.h"
#include "solver/register.h"

namespace socsim::cli {
namespace {

int list_schedulers() {
  sched::Registry registry;
  solver::register_builtin_schedulers(registry);
  for (const auto& [name, info] : registry.all()) {
    std::cout << name << "\n    " << info.description << "\n";
    for (const auto& p : info.params)
      std::cout << "    --param " << p.name << "=<" << p.type << "> (default " << p.default_value << "): " << p.description
                << "\n";
  }
  return exit_code::kOk;
}

}  // namespace

int cmd_list(const Args& args) {
  po::options_description desc("options");
  std::string what;
  desc.add_options()("what", po::value(&what)->required(), "schedulers");
  po::positional_options_description pos;
  pos.add("what", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim list schedulers", desc, pos, vm)) return exit_code::kOk;
  if (what == "schedulers") return list_schedulers();
  throw UsageError("cannot list \"" + what + "\" (expected: schedulers)");
}

}  // namespace socsim::cli
