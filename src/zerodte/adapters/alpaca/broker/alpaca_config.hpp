#pragma once
// Alpaca broker settings: the [broker] table (name = "alpaca", paper, api_base_url, ws_url) and
// the [alpaca_broker] table (timeouts, pacing); the key pair from the environment
// (ALPACA_API_KEY_ID / ALPACA_API_SECRET_KEY, or APCA_API_KEY_ID / APCA_API_SECRET_KEY as the
// Alpaca SDKs name them), or from broker.api_key / broker.api_secret ("${ENV}" references).
// Secrets are registered with the log redactor and never formatted into messages.
#include <string>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::alpaca {

inline constexpr std::string_view kPaperRestUrl = "https://paper-api.alpaca.markets";
inline constexpr std::string_view kLiveRestUrl = "https://api.alpaca.markets";
inline constexpr std::string_view kPaperStreamUrl = "wss://paper-api.alpaca.markets/stream";
inline constexpr std::string_view kLiveStreamUrl = "wss://api.alpaca.markets/stream";

struct AlpacaBrokerConfig {
  std::string rest_url = std::string(kPaperRestUrl);
  std::string stream_url = std::string(kPaperStreamUrl);
  bool paper = true;
  std::string key_id;  // secret
  std::string secret;  // secret
  core::Duration request_timeout = std::chrono::seconds(5);
  core::Duration connect_timeout = std::chrono::seconds(10);
  // Alpaca allows 200 requests per minute per account; the pacer keeps under `requests_per_minute`.
  int requests_per_minute = 190;
  core::Duration reconnect_base = std::chrono::milliseconds(500);
  core::Duration reconnect_cap = std::chrono::seconds(30);
  // The stream is quiet without orders: ping after this much silence, reconnect when no pong
  // arrived within another such period.
  core::Duration heartbeat = std::chrono::seconds(10);
  std::string feed_name = "alpaca.trading";  // FeedStatus name (ReconcileOnReconnect listens)
  bool verify_tls = true;
};

// [alpaca_broker] keys (registered by the app through a SchemaRegistrar).
void register_alpaca_broker_sections(core::config::ConfigSchema& schema);

// Reads [broker] (+ [alpaca_broker] when present) and the key pair; kConfig naming the missing
// variable when no key pair is found, or when broker.name is not "alpaca".
core::Result<AlpacaBrokerConfig> alpaca_config_from(const core::config::Config& cfg,
                                                    const core::config::EnvLookup& env);

}  // namespace zerodte::adapters::alpaca
