#include "cli/options.h"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "sim/core/names.h"

namespace socsim::cli {

bool parse_args(const Args& args, const std::string& usage, po::options_description& desc,
                const po::positional_options_description& pos, po::variables_map& vm) {
  desc.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args).options(desc).positional(pos).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage << "\n\n" << desc << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::required_option& e) {
    // A missing positional argument is named as the usage line names it, not as its internal --option.
    std::string name = e.get_option_name();
    if (name.starts_with("--")) name = name.substr(2);
    for (unsigned i = 0; i < std::min(pos.max_total_count(), 8u); ++i)
      if (pos.name_for_position(i) == name) {
        std::string upper;
        for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        throw UsageError("missing " + upper + "\nusage: " + usage);
      }
    throw UsageError(std::string(e.what()) + "\nusage: " + usage);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\nusage: " + usage);
  }
  return true;
}

std::map<std::string, std::string> parse_params(const std::vector<std::string>& kvs) {
  std::map<std::string, std::string> out;
  for (const auto& kv : kvs) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--param wants key=value, got \"" + kv + "\"");
    out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

Format parse_format(const std::string& s) {
  if (s == "table") return Format::kTable;
  if (s == "csv") return Format::kCsv;
  if (s == "json") return Format::kJson;
  throw UsageError("--format: " + unknown_name("format", s, {"table", "csv", "json"}));
}

}  // namespace socsim::cli
