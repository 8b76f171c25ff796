// SHA-256 (FIPS 180-4), as lowercase hex. Used for config fingerprints and cache keys.
//
// socsim's own implementation: the CPU's SHA extensions where present (checked once, at run
// time), else portable code. Linking OpenSSL's libcrypto for this cost every process ~4 ms of
// loading and ~2.5 ms of provider set-up on the first digest, more than hashing a run's inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace socsim {

std::string sha256_hex(std::string_view data);

// Incremental SHA-256: update() any number of times, then hex() once. The digest of pieces equals
// sha256_hex of their concatenation, without building it.
class Sha256 {
 public:
  Sha256();
  Sha256& update(std::string_view data);
  // Finishes the digest; the object must not be updated or finished again.
  std::string hex();

 private:
  uint32_t state_[8];
  unsigned char block_[64];
  size_t used_ = 0;      // bytes of block_ filled
  uint64_t length_ = 0;  // message bytes so far
};

}  // namespace socsim
