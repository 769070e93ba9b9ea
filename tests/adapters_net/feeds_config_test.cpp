#include "zerodte/adapters/net/feeds_config.hpp"

#include <gtest/gtest.h>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"

namespace net = zerodte::adapters::net;
namespace cfg = zerodte::core::config;
using namespace std::chrono_literals;

TEST(FeedsConfig, SectionsRegisterAndMapToStreamFeedSettings) {
  cfg::ConfigSchema schema;
  net::register_feeds_sections(schema);
  ASSERT_NE(schema.find("feeds"), nullptr);
  ASSERT_NE(schema.find("feeds.alpaca"), nullptr);
  ASSERT_NE(schema.find("feeds.polygon"), nullptr);
  ASSERT_NE(schema.find("feeds.alphavantage"), nullptr);
  EXPECT_NE(schema.find("feeds.polygon")->find_key("max_quote_contracts"), nullptr);
  // No credential is a config value: only the names of environment variables.
  for (const auto* t : {"feeds.alpaca", "feeds.polygon", "feeds.alphavantage"})
    for (const auto& k : schema.find(t)->keys)
      EXPECT_FALSE(k.secret) << t << "." << k.name;

  cfg::ConfigTable feeds("feeds");
  feeds.set("stale_after", zerodte::core::Duration{2s});
  feeds.set("silent_after", zerodte::core::Duration{7s});
  feeds.set("backoff_cap", zerodte::core::Duration{12s});
  const auto c = net::stream_feed_config(&feeds);
  EXPECT_EQ(c.stale_after, 2s);
  EXPECT_EQ(c.silent_after, 7s);
  EXPECT_EQ(c.backoff.cap, 12s);
  EXPECT_EQ(net::stream_feed_config(nullptr).silent_after, 15s);
}
