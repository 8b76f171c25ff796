#include "sim/core/sha256.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "sim/core/sha256_impl.h"

namespace socsim {
namespace {

// The standard NIST example vectors, then padding edge cases (checked with coreutils' sha256sum).
TEST(Sha256, EmptyString) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, Abc) { EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); }

TEST(Sha256, TwoBlockMessageOf448Bits) {
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, OneMillionAs) {
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundaryOf55And56Bytes) {
  // 55 bytes still fit the length in the same block; 56 need a second one.
  EXPECT_EQ(sha256_hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(sha256_hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
}

TEST(Sha256, BytesAbove127AreUnsigned) {
  EXPECT_EQ(sha256_hex("\xff"), "a8100ae6aa1940d0b663bb31cd466142ebbdbd5187131b92d93818987832eb89");
}

// The digest of pieces fed to Sha256 is the digest of their concatenation, for every split.
TEST(Sha256, IncrementalEqualsOneShot) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>(i * 7 + 3);
  for (size_t len : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 127u, 128u, 129u, 300u}) {
    const std::string_view msg(text.data(), len);
    const std::string expected = sha256_hex(msg);
    for (size_t cut = 0; cut <= len; ++cut) {
      Sha256 h;
      h.update(msg.substr(0, cut)).update(msg.substr(cut));
      EXPECT_EQ(h.hex(), expected) << "length " << len << ", cut at " << cut;
    }
  }
  Sha256 bytewise;
  for (char c : std::string(1000000, 'a')) bytewise.update(std::string_view(&c, 1));
  EXPECT_EQ(bytewise.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Both compression functions (the SHA-extension one where this CPU has it) agree on random blocks.
TEST(Sha256, ShaExtensionsMatchPortable) {
  if (!sha256_detail::sha_extensions()) GTEST_SKIP() << "this CPU has no SHA extensions";
  std::mt19937 rng(7);
  for (size_t blocks : {1u, 2u, 3u, 17u, 1000u}) {
    std::string data(64 * blocks, '\0');
    for (char& c : data) c = static_cast<char>(rng());
    uint32_t a[8], b[8];
    for (int i = 0; i < 8; ++i) a[i] = b[i] = static_cast<uint32_t>(rng());
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    sha256_detail::compress_portable(a, p, blocks);
    sha256_detail::compress_sha_ni(b, p, blocks);
    for (int i = 0; i < 8; ++i) EXPECT_EQ(a[i], b[i]) << blocks << " blocks, word " << i;
  }
}

}  // namespace
}  // namespace socsim
