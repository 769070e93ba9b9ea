#include "zerodte/execution/client_order_id.hpp"

#include <gtest/gtest.h>

#include <set>

namespace zerodte::execution {
namespace {

TEST(ClientOrderId, SameIntentSameIdAcrossCallsAndRevisions) {
  const auto a = make_client_order_id("acct1", core::StrategyId{7}, 123456789, 2);
  const auto b = make_client_order_id("acct1", core::StrategyId{7}, 123456789, 2);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, make_client_order_id("acct1", core::StrategyId{7}, 123456789, 2, 1));
  EXPECT_NE(a, make_client_order_id("acct2", core::StrategyId{7}, 123456789, 2));
  EXPECT_NE(a, make_client_order_id("acct1", core::StrategyId{8}, 123456789, 2));
  EXPECT_NE(a, make_client_order_id("acct1", core::StrategyId{7}, 123456788, 2));
  EXPECT_NE(a, make_client_order_id("acct1", core::StrategyId{7}, 123456789, 3));
}

TEST(ClientOrderId, StableAcrossRunsAndMachines) {
  // Golden values computed independently (a Python transcription of the documented scheme:
  // FNV-1a 64 over the little-endian fields, MurmurHash3 fmix64, Crockford base32). Journals
  // hold these ids: if this fails, the scheme changed and old journals no longer match.
  EXPECT_EQ(intent_hash("zerodte", core::StrategyId{1}, 1, 0), 0xfa6feb99f83f46a2ULL);
  EXPECT_EQ(make_client_order_id("zerodte", core::StrategyId{1}, 1, 0).view(), "z1-fmvzbk7w3yhn2");
  EXPECT_EQ(to_base32(0).view(), "0000000000000");
  EXPECT_EQ(to_base32(~0ULL).view(), "fzzzzzzzzzzzz");
  EXPECT_EQ(to_base32(32).view(), "0000000000010");
}

TEST(ClientOrderId, FormatFitsEveryVenue) {
  std::set<std::string> seen;
  for (std::uint16_t s : {0, 1, 65535}) {
    for (std::uint64_t sig : {0ULL, 1ULL, ~0ULL}) {
      for (std::uint32_t seq = 0; seq < 50; ++seq) {
        const auto id = make_client_order_id("ns", core::StrategyId{s}, sig, seq);
        EXPECT_LE(id.size(), kMaxClientOrderIdChars) << id.view();
        for (char c : id.view()) {
          EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-') << id.view();
        }
        seen.insert(id.str());
      }
    }
  }
  EXPECT_EQ(seen.size(), 3u * 3u * 50u);  // no collisions in the sample
}

}  // namespace
}  // namespace zerodte::execution
