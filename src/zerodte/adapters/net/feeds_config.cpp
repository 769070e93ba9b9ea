#include "zerodte/adapters/net/feeds_config.hpp"

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"

namespace zerodte::adapters::net {

void register_feeds_sections(core::config::ConfigSchema& schema) {
  auto& f = schema.table("feeds", "Live market-data adapters: health, reconnects, vendors");
  f.add_duration("stale_after", "3s",
                 "A feed older than this is stale (risk's stale-data lockout reads it)");
  f.add_duration("silent_after", "15s",
                 "Watchdog: an open connection silent this long is dropped and reconnected");
  f.add_duration("connect_timeout", "10s", "Connect + TLS + upgrade + login deadline");
  f.add_duration("backoff_base", "500ms", "First reconnect delay ceiling (full jitter)");
  f.add_duration("backoff_cap", "30s", "Largest reconnect delay");
  f.add_bool("backfill_after_reconnect", true, "Fill the gap over REST after a reconnect");

  auto& a = schema.table("feeds.alpaca", "Alpaca market data (stocks JSON, options MessagePack)");
  a.add_string("stream_base", "wss://stream.data.alpaca.markets", "WebSocket base URL");
  a.add_string("rest_base", "https://data.alpaca.markets", "REST base URL");
  a.add_enum("stock_feed", "iex", {"iex", "sip", "delayed_sip"}, "Stocks feed");
  a.add_enum("option_feed", "indicative", {"indicative", "opra"}, "Options feed");
  a.add_string_list("trades", {}, "Stock symbols for trades");
  a.add_string_list("quotes", {}, "Stock symbols for quotes");
  a.add_string_list("bars", {}, "Stock symbols for minute bars (backfilled after reconnects)");
  a.add_string_list("statuses", {}, "Stock symbols for trading statuses");
  a.add_string_list("option_quotes", {}, "OCC contracts for option quotes");
  a.add_string_list("option_trades", {}, "OCC contracts for option trades");
  a.add_string("key_id_env", "ALPACA_API_KEY_ID", "Environment variable with the key id");
  a.add_string("secret_env", "ALPACA_API_SECRET_KEY", "Environment variable with the secret");

  auto& p = schema.table("feeds.polygon", "Polygon.io / Massive market data");
  p.add_string("stream_base", "wss://socket.polygon.io", "WebSocket base URL");
  p.add_string("rest_base", "https://api.polygon.io", "REST base URL");
  p.add_enum("cluster", "stocks", {"stocks", "options", "indices"}, "WebSocket cluster");
  p.add_string_list("subscriptions", {}, "e.g. \"AM.SPY\", \"Q.O:SPY240315C00500000\"");
  p.add_int("max_quote_contracts", 1000, "Option-quote contracts per connection (sharding)")
      .range(1, 1000);
  p.add_string("api_key_env", "POLYGON_API_KEY", "Environment variable with the API key");

  auto& v = schema.table("feeds.alphavantage", "AlphaVantage REST with the call-budget scheduler");
  v.add_string("base_url", "https://www.alphavantage.co", "REST base URL");
  v.add_int("calls_per_minute", 600, "Plan limit (Premium = 600)").range(1, 100000);
  v.add_int("historical_per_minute", 300, "Backfill limit while markets are closed")
      .range(1, 100000);
  v.add_string("api_key_env", "ALPHAVANTAGE_API_KEY", "Environment variable with the API key");
}

StreamFeedConfig stream_feed_config(const core::config::ConfigTable* feeds) {
  StreamFeedConfig c;
  if (!feeds) return c;
  if (auto d = feeds->find<core::Duration>("stale_after")) c.stale_after = *d;
  if (auto d = feeds->find<core::Duration>("silent_after")) c.silent_after = *d;
  if (auto d = feeds->find<core::Duration>("connect_timeout")) {
    c.connect_timeout = *d;
    c.handshake_timeout = *d;
  }
  if (auto d = feeds->find<core::Duration>("backoff_base")) c.backoff.base = *d;
  if (auto d = feeds->find<core::Duration>("backoff_cap")) c.backoff.cap = *d;
  if (auto b = feeds->find<bool>("backfill_after_reconnect")) c.backfill_after_reconnect = *b;
  return c;
}

}  // namespace zerodte::adapters::net
