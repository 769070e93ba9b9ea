#pragma once
// The [feeds] config sections (registered by `zerodte` through a SchemaRegistrar in
// app/commands/feeds_command.cpp; tests call register_feeds_sections directly):
//   [feeds]              stale_after, silent_after, connect_timeout, backoff_base, backoff_cap
//   [feeds.alpaca]       stream/REST URLs, stock_feed, option_feed, channel symbol lists, env names
//   [feeds.polygon]      stream/REST URLs, cluster, subscriptions, max_quote_contracts, env name
//   [feeds.alphavantage] base_url, calls_per_minute, historical_per_minute, env name
// Credentials are never config values: each vendor section names the environment variables.
#include "zerodte/adapters/net/stream_feed.hpp"

namespace zerodte::core::config {
class ConfigSchema;
class ConfigTable;
}  // namespace zerodte::core::config

namespace zerodte::adapters::net {

void register_feeds_sections(core::config::ConfigSchema& schema);
// [feeds] -> the StreamFeed settings (defaults when the table is absent).
StreamFeedConfig stream_feed_config(const core::config::ConfigTable* feeds);

}  // namespace zerodte::adapters::net
