// socsim: the command-line entry point and composition root. Subcommands live in cli/cmd_*.
#include <iostream>
#include <map>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/process_heap.h"
#include "cli/sweep/process_pool.h"
#include "sim/core/error.h"

namespace {

using socsim::cli::Args;

struct Command {
  int (*fn)(const Args&);
  const char* summary;
};

const std::map<std::string, Command>& commands() {
  static const std::map<std::string, Command> all = {
      {"run", {socsim::cli::cmd_run, "run a scenario; write an HDF5 trace and print its summary"}},
      {"validate", {socsim::cli::cmd_validate, "check SoC, model-library and scenario files"}},
      {"schema", {socsim::cli::cmd_schema, "print the JSON Schema of a file kind"}},
      {"export", {socsim::cli::cmd_export, "convert a trace to a timeline for Perfetto UI (Chrome JSON)"}},
      {"list", {socsim::cli::cmd_list, "list SoCs, models or schedulers"}},
      {"compare", {socsim::cli::cmd_compare, "run scenarios x SoCs x schedulers x seeds and compare them"}},
      {"sweep", {socsim::cli::cmd_sweep, "run a campaign's runs (local pool, --shard K/N or MPI); --dry-run lists them"}},
      {"merge", {socsim::cli::cmd_merge, "check a sweep directory is complete; write summary.csv and index.h5"}},
      {"report", {socsim::cli::cmd_report, "one self-contained HTML page for a trace, a compare or a sweep directory"}},
      {"solve", {socsim::cli::cmd_solve, "profile a scenario's design space and print CARIn's ranking and design set"}},
      {"profile", {socsim::cli::cmd_profile, "import a measured latency profile (TFLite benchmark_model log)"}},
      {"calibrate", {socsim::cli::cmd_calibrate, "fit the SoC presets' latency parameters to public measurements; leave-one-out error"}},
      {"version", {socsim::cli::cmd_version, "print the version and git commit"}},
  };
  return all;
}

void usage(std::ostream& out) {
  out << "usage: socsim COMMAND [ARGS...]   (socsim COMMAND --help for its options)\n\ncommands:\n";
  for (const auto& [name, c] : commands()) out << "  " << name << std::string(10 - name.size(), ' ') << c.summary << "\n";
  out << "\nexit codes: 0 ok, 1 run failed, 2 usage or invalid input, 3 I/O error, 130 interrupted\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace socsim;
  cli::tune_malloc();
  cli::die_with_parent();
  cli::set_command_line(argc, argv);
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? exit_code::kInvalidInput : exit_code::kOk;
  }
  if (std::string(argv[1]) == "--version") return cli::cmd_version({});
  auto it = commands().find(argv[1]);
  if (it == commands().end()) {
    std::cerr << "socsim: unknown command \"" << argv[1] << "\"\n";
    usage(std::cerr);
    return exit_code::kInvalidInput;
  }
  try {
    return it->second.fn(Args(argv + 2, argv + argc));
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
    const size_t n = e.diagnostics().size();
    std::cerr << n << (n == 1 ? " error" : " errors") << "\n";
    return exit_code::kInvalidInput;
  } catch (const UsageError& e) {
    std::cerr << "socsim " << argv[1] << ": " << e.what() << "\n";
    return exit_code::kInvalidInput;
  } catch (const IoError& e) {
    std::cerr << "socsim: I/O error: " << e.what() << "\n";
    return exit_code::kIoError;
  } catch (const RunError& e) {
    std::cerr << "socsim " << argv[1] << ": failed: " << e.what() << "\n";
    return exit_code::kRunFailed;
  } catch (const std::exception& e) {
    std::cerr << "socsim: internal error: " << e.what() << "\n";
    return exit_code::kRunFailed;
  }
}
