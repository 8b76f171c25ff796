// Private to sim/config: SoC files.
#pragma once

#include <optional>
#include <string>

#include "sim/config/json_parse_impl.h"
#include "sim/spec/soc.h"

namespace socsim::config {

// Schema-checks, converts and semantically checks the parsed SoC document of file `r.file()`.
// Returns the SoC when the file has no errors at all; every error found is reported.
std::optional<spec::Soc> soc_from_json(const Json& doc, Reporter& r);

// Reads and parses `r.file()`, then as soc_from_json.
std::optional<spec::Soc> read_soc(Reporter& r);

// The semantic checks of a converted SoC: unique processor and cluster names, clusters for CPUs
// and a DVFS domain for accelerators, operating points ascending in frequency with non-decreasing
// power, the reference frequency within them, thermal trips ascending and naming processors.
void check_soc(const spec::Soc& soc, Reporter& r);

// The frequency range of a DVFS domain's operating points, as messages state it: "500..1500 MHz".
std::string opp_range(const spec::Dvfs& d);

// Whether `mhz` lies within the lowest and highest operating points of `d` (in any order).
bool within_opps(double mhz, const spec::Dvfs& d);

}  // namespace socsim::config
