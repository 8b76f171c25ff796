// SHA-256 of a byte string, as lowercase hex (FIPS 180-4). Used for config fingerprints.
#pragma once

#include <string>
#include <string_view>

namespace socsim {

std::string sha256_hex(std::string_view data);

}  // namespace socsim
