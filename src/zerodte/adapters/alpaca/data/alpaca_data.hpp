#pragma once
// Alpaca market data: the three WebSocket streams as net::FeedProtocol implementations (run them
// with net::StreamFeed) and the REST client used for backfill and snapshots.
//   stocks  wss://stream.data.alpaca.markets/v2/{iex|sip}          JSON
//   options wss://stream.data.alpaca.markets/v1beta1/{indicative|opra}  MessagePack only
//   news    wss://stream.data.alpaca.markets/v1beta1/news           JSON
// Login: {"action":"auth","key":..,"secret":..} after the "connected" greeting; a refused login
// (error 401/402/403) is kAuth, 406 "connection limit exceeded" (one connection per account and
// stream) is kRejected. Credentials come from ALPACA_API_KEY_ID / ALPACA_API_SECRET_KEY (names
// configurable) and never appear in errors or logs.
// After a reconnect the stocks stream backfills minute bars over REST (/v2/stocks/bars); trades
// and quotes have no gap fill here: the gap is reported, and the latest quotes are refreshed.
// The news stream backfills over /v1beta1/news; options report the gap and refresh quotes from
// the chain snapshot (/v1beta1/options/snapshots/{underlying}).
#include <memory>
#include <string>
#include <vector>

#include "zerodte/adapters/alpaca/data/alpaca_codec.hpp"
#include "zerodte/adapters/net/rest.hpp"
#include "zerodte/adapters/net/stream_feed.hpp"
#include "zerodte/data/recorder.hpp"

namespace zerodte::adapters::alpaca {

struct AlpacaDataConfig {
  std::string stream_base = "wss://stream.data.alpaca.markets";
  std::string rest_base = "https://data.alpaca.markets";
  std::string stock_feed = "iex";                           // iex | sip | delayed_sip
  std::string option_feed = "indicative";                   // indicative | opra
  std::vector<std::string> trades, quotes, bars, statuses;  // stock symbols per channel
  std::vector<std::string> option_trades, option_quotes;    // OCC contract symbols
  std::vector<std::string> option_underlyings;  // snapshot refresh after an options reconnect
  std::vector<std::string> news{"*"};
  std::string key_id_env = "ALPACA_API_KEY_ID";
  std::string secret_env = "ALPACA_API_SECRET_KEY";
};

struct AlpacaCredentials {
  std::string key_id;
  std::string secret;
  // kConfig naming the missing variable (never its value).
  static core::Result<AlpacaCredentials> from_env(const AlpacaDataConfig& cfg);
};

class AlpacaRestClient {
 public:
  AlpacaRestClient(AlpacaDataConfig cfg, AlpacaCredentials creds,
                   model::InstrumentRegistry& registry, const core::Clock& clock,
                   net::RestOptions opt = {});
  // GET /v2/stocks/bars (1Min), following next_page_token; bars with start < t <= end.
  core::Result<std::vector<engine::Event>> bars(const std::vector<std::string>& symbols,
                                                core::Timestamp start, core::Timestamp end);
  core::Result<std::vector<engine::Event>> latest_quotes(const std::vector<std::string>& symbols);
  // GET /v1beta1/options/snapshots/{underlying}: OptionQuotes with vendor greeks.
  core::Result<std::vector<engine::Event>> option_snapshots(const std::string& underlying);
  core::Result<std::vector<engine::Event>> news(const std::vector<std::string>& symbols,
                                                core::Timestamp start, core::Timestamp end);
  [[nodiscard]] const net::RestStats& stats() const { return stats_; }

 private:
  core::Result<std::string> get(const std::string& path_and_query);
  AlpacaDataConfig cfg_;
  AlpacaCredentials creds_;
  model::InstrumentRegistry& registry_;
  const core::Clock& clock_;
  net::RestOptions opt_;
  net::Backoff backoff_;
  net::RestStats stats_;
  AlpacaJsonDecoder json_;
};

enum class AlpacaStream : std::uint8_t { kStocks, kOptions, kNews };

class AlpacaStreamProtocol final : public net::FeedProtocol {
 public:
  // Recorder channels: 0x0A01 stocks, 0x0A02 options, 0x0A03 news.
  AlpacaStreamProtocol(AlpacaStream kind, AlpacaDataConfig cfg, AlpacaCredentials creds,
                       model::InstrumentRegistry& registry, AlpacaRestClient* rest);
  [[nodiscard]] std::string feed_name() const override;
  [[nodiscard]] std::string url() const override;
  [[nodiscard]] std::uint16_t record_channel() const override;
  core::Status handshake(net::WebSocketClient& ws, core::Duration timeout) override;
  core::Status decode(const net::WsFrame& frame, core::Timestamp ts_recv,
                      std::vector<engine::Event>& out) override;
  core::Result<net::BackfillResult> backfill(core::Timestamp from, core::Timestamp to) override;

 private:
  core::Result<std::vector<ControlMessage>> controls(const net::WsFrame& f);
  core::Status send(net::WebSocketClient& ws, const std::string& msg);
  AlpacaStream kind_;
  AlpacaDataConfig cfg_;
  AlpacaCredentials creds_;
  AlpacaRestClient* rest_;
  AlpacaJsonDecoder json_;
  AlpacaMsgpackDecoder msgpack_;
};

// The decoder for recorded sessions (data::RecordingReplaySource): channel -> the stream's own
// decoding code.
data::WireDecoder alpaca_wire_decoder(model::InstrumentRegistry& registry);

}  // namespace zerodte::adapters::alpaca
