// Private to sim/core: SHA-256's compression function, in its two implementations (compared with
// each other by tests/core/sha256_test.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace socsim::sha256_detail {

// Folds `blocks` 64-byte blocks at `data` into `state` (FIPS 180-4, 6.2.2), in portable C++.
void compress_portable(uint32_t state[8], const unsigned char* data, size_t blocks);

// The same with the x86 SHA extensions. Only call when sha_extensions() is true.
void compress_sha_ni(uint32_t state[8], const unsigned char* data, size_t blocks);

// Whether this CPU has the SHA extensions (and SSSE3 and SSE4.1, which the code also uses);
// false on other architectures.
bool sha_extensions();

}  // namespace socsim::sha256_detail
