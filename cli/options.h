// Shared Boost.Program_options plumbing for subcommands.
#pragma once

#include <boost/program_options.hpp>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "sim/core/error.h"

namespace socsim::cli {

namespace po = boost::program_options;

// Parses `args` against `desc` (+ positionals); prints `usage` and the options on --help and
// returns false. Bad options throw UsageError (sim/core/error.h).
bool parse_args(const Args& args, const std::string& usage, po::options_description& desc,
                const po::positional_options_description& pos, po::variables_map& vm);

// --param key=value options to a map (a later key wins).
std::map<std::string, std::string> parse_params(const std::vector<std::string>& kvs);

enum class Format { kTable, kCsv, kJson };
Format parse_format(const std::string& s);

}  // namespace socsim::cli
