#pragma once
// Polygon.io / Massive market data.
//   WebSocket  wss://socket.polygon.io/{stocks|options|indices}   (JSON arrays of {"ev": ...})
//     greeting [{"ev":"status","status":"connected"}] -> {"action":"auth","params":KEY}
//     -> "auth_success" | "auth_failed" -> {"action":"subscribe","params":"AM.SPY,Q.O:SPY..."}
//     events: AM (minute aggregates), A (second aggregates), T (trades), Q (quotes); option
//     symbols carry the "O:" prefix and decode to OptionQuote (Q) / Trade (T).
//   REST       /v2/aggs/ticker/{t}/range/1/minute/{from_ms}/{to_ms} (gap backfill),
//              /v3/snapshot/options/{underlying} (chain snapshot, next_url pages).
//              The key goes in an "Authorization: Bearer" header, never in the URL.
// Polygon allows at most 1,000 option contracts' quotes per connection: shard_subscriptions()
// splits Q.O:* subscriptions into shards of <= max_quote_contracts, one connection (one
// StreamFeed) each; every other subscription stays on shard 0.
// The key comes from POLYGON_API_KEY (name configurable) and never appears in errors or logs.
#include <memory>
#include <string>
#include <vector>

#include "zerodte/adapters/net/rest.hpp"
#include "zerodte/adapters/net/stream_feed.hpp"
#include "zerodte/adapters/net/symbol_cache.hpp"
#include "zerodte/data/recorder.hpp"

namespace zerodte::adapters::polygon {

struct PolygonConfig {
  std::string stream_base = "wss://socket.polygon.io";
  std::string rest_base = "https://api.polygon.io";
  std::string cluster = "stocks";                 // stocks | options | indices
  std::vector<std::string> subscriptions;         // "AM.SPY", "A.SPY", "T.O:SPY...", "Q.O:SPY..."
  std::vector<std::string> snapshot_underlyings;  // option snapshot refresh after a reconnect
  std::size_t max_quote_contracts = 1000;
  std::string api_key_env = "POLYGON_API_KEY";
};

core::Result<std::string> polygon_key_from_env(const PolygonConfig& cfg);

// Shards of a subscription list: shard 0 has every non-option-quote subscription and the first
// <= max option-quote contracts; each further shard has <= max option-quote contracts.
std::vector<std::vector<std::string>> shard_subscriptions(const std::vector<std::string>& subs,
                                                          std::size_t max_quote_contracts);

struct PolygonStatus {
  std::string status;  // "connected", "auth_success", "auth_failed", "success", "error", ...
  std::string message;
};

class PolygonDecoder {
 public:
  PolygonDecoder(model::InstrumentRegistry& reg, std::string source);
  ~PolygonDecoder();
  core::Status decode(std::string_view frame, core::Timestamp ts_recv,
                      std::vector<engine::Event>& out);
  core::Result<std::vector<PolygonStatus>> statuses(std::string_view frame);
  // REST aggregates page for `ticker`; returns next_url ("" at the end).
  core::Result<std::string> decode_aggs(std::string_view body, std::string_view ticker,
                                        std::int32_t interval_s, core::Timestamp ts_recv,
                                        std::vector<engine::Event>& out);
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

class PolygonRestClient {
 public:
  PolygonRestClient(PolygonConfig cfg, std::string api_key, model::InstrumentRegistry& registry,
                    const core::Clock& clock, net::RestOptions opt = {});
  // Minute aggregates with from < t <= to.
  core::Result<std::vector<engine::Event>> minute_aggs(const std::string& ticker,
                                                       core::Timestamp from, core::Timestamp to);
  core::Result<std::vector<engine::Event>> option_snapshot(const std::string& underlying);
  [[nodiscard]] const net::RestStats& stats() const { return stats_; }

 private:
  core::Result<std::string> get(const std::string& url);
  PolygonConfig cfg_;
  std::string key_;
  model::InstrumentRegistry& registry_;
  const core::Clock& clock_;
  net::RestOptions opt_;
  net::Backoff backoff_;
  net::RestStats stats_;
  PolygonDecoder decoder_;
};

class PolygonStreamProtocol final : public net::FeedProtocol {
 public:
  // One connection carrying `subscriptions` (one shard). Recorder channel 0x0B00 + shard.
  PolygonStreamProtocol(PolygonConfig cfg, std::string api_key,
                        std::vector<std::string> subscriptions, int shard,
                        model::InstrumentRegistry& registry, PolygonRestClient* rest);
  [[nodiscard]] std::string feed_name() const override;
  [[nodiscard]] std::string url() const override;
  [[nodiscard]] std::uint16_t record_channel() const override;
  core::Status handshake(net::WebSocketClient& ws, core::Duration timeout) override;
  core::Status decode(const net::WsFrame& frame, core::Timestamp ts_recv,
                      std::vector<engine::Event>& out) override;
  core::Result<net::BackfillResult> backfill(core::Timestamp from, core::Timestamp to) override;
  [[nodiscard]] const std::vector<std::string>& subscriptions() const { return subs_; }

 private:
  PolygonConfig cfg_;
  std::string key_;
  std::vector<std::string> subs_;
  int shard_;
  PolygonRestClient* rest_;
  PolygonDecoder decoder_;
};

data::WireDecoder polygon_wire_decoder(model::InstrumentRegistry& registry);

}  // namespace zerodte::adapters::polygon
