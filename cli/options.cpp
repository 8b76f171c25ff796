#include "cli/options.h"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "sim/core/names.h"

namespace socsim::cli {

namespace {

// When a required positional argument is missing, a list option placed before it may have taken
// it as one of its values: names the option and the words it took.
std::string swallowed_hint(const po::variables_map& vm, const std::string& positional) {
  for (const auto& [name, value] : vm) {
    const auto* words = boost::any_cast<std::vector<std::string>>(&value.value());
    if (words == nullptr || words->size() < 2 || value.defaulted()) continue;
    std::string list;
    for (const auto& w : *words) list += " " + w;
    return " (--" + name + " took" + list + ": a list option takes every word up to the next option; put " + positional +
           " before it)";
  }
  return "";
}

}  // namespace

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
        throw UsageError("missing " + upper + swallowed_hint(vm, upper) + "\nusage: " + usage);
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
