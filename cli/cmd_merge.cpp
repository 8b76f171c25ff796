// socsim merge DIR [--partial]
// Checks that every run of the sweep in DIR finished exactly once and writes DIR/summary.csv and
// DIR/index.h5 (cli/sweep/merge.h). --partial merges the runs finished so far.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/sweep/merge.h"
#include "cli/options.h"
#include "sim/core/error.h"

namespace socsim::cli {

int cmd_merge(const Args& args) {
  po::options_description desc("options");
  std::string dir;
  desc.add_options()
      ("dir", po::value(&dir)->required(), "sweep directory (socsim sweep -o DIR)")
      ("partial", "merge the runs finished so far; leave the missing ones out (not an error)");
  po::positional_options_description pos;
  pos.add("dir", 1);
  po::variables_map vm;
  if (!parse_args(args, "socsim merge DIR [--partial]", desc, pos, vm)) return exit_code::kOk;
  const MergeResult m = merge_sweep(dir, vm.count("partial") > 0);
  namespace fs = std::filesystem;
  std::cout << fmt::format("merged {} of {} runs: {} and {}\n", m.merged, m.planned, (fs::path(dir) / "summary.csv").string(),
                           (fs::path(dir) / "index.h5").string());
  return exit_code::kOk;
}

}  // namespace socsim::cli
