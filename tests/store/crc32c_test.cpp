#include "zerodte/store/crc32c.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string_view>
#include <vector>

namespace zerodte::store {
namespace {

// Check values from RFC 3720 (iSCSI) appendix B.4 and the CRC catalogue ("123456789").
TEST(Crc32c, KnownValues) {
  constexpr std::string_view kCheck = "123456789";
  EXPECT_EQ(crc32c(kCheck.data(), kCheck.size()), 0xE3069283u);
  std::array<unsigned char, 32> zeros{};
  EXPECT_EQ(crc32c(zeros.data(), zeros.size()), 0x8A9136AAu);
  std::array<unsigned char, 32> ones;
  ones.fill(0xFF);
  EXPECT_EQ(crc32c(ones.data(), ones.size()), 0x62A8AB43u);
  std::array<unsigned char, 32> inc;
  for (int i = 0; i < 32; ++i)
    inc[i] = static_cast<unsigned char>(i);
  EXPECT_EQ(crc32c(inc.data(), inc.size()), 0x46DD794Eu);
  std::array<unsigned char, 32> dec;
  for (int i = 0; i < 32; ++i)
    dec[i] = static_cast<unsigned char>(31 - i);
  EXPECT_EQ(crc32c(dec.data(), dec.size()), 0x113FDB5Cu);
  EXPECT_EQ(crc32c(nullptr, 0), 0u);
}

TEST(Crc32c, HardwareAndPortableAgreeAndCompose) {
  std::mt19937_64 rng(7);
  std::vector<unsigned char> buf(4099);
  for (auto& b : buf)
    b = static_cast<unsigned char>(rng());
  for (std::size_t len : {0u, 1u, 7u, 8u, 9u, 63u, 64u, 1000u, 4099u}) {
    for (std::size_t off : {0u, 1u, 3u}) {
      if (off + len > buf.size()) continue;
      const auto p = crc32c_portable(buf.data() + off, len, 0);
      EXPECT_EQ(p, crc32c_hardware(buf.data() + off, len, 0)) << len << " " << off;
      EXPECT_EQ(p, crc32c(buf.data() + off, len));
    }
  }
  const auto whole = crc32c(buf.data(), buf.size());
  EXPECT_EQ(whole, crc32c(buf.data() + 1000, buf.size() - 1000, crc32c(buf.data(), 1000)));
  EXPECT_EQ(whole,
            crc32c_portable(buf.data() + 5, buf.size() - 5, crc32c_portable(buf.data(), 5, 0)));
}

}  // namespace
}  // namespace zerodte::store
