#pragma once
// Tradier broker settings: [broker] (name = "tradier", paper = sandbox, api_base_url, ws_url,
// account_id) and [tradier] (timeouts, pacing, require_stream); the access token and account id
// from TRADIER_ACCESS_TOKEN / TRADIER_ACCOUNT_ID (or broker.api_key / broker.account_id). The
// token is registered with the log redactor and never formatted into messages.
#include <string>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::tradier {

inline constexpr std::string_view kSandboxRestUrl = "https://sandbox.tradier.com/v1";
inline constexpr std::string_view kLiveRestUrl = "https://api.tradier.com/v1";
// The account-events WebSocket is named by POST /v1/accounts/events/session; this is its usual
// address (documentation), used only for display.
inline constexpr std::string_view kAccountStreamUrl = "wss://ws.tradier.com/v1/accounts/events";

struct TradierBrokerConfig {
  std::string rest_url = std::string(kSandboxRestUrl);
  std::string stream_url;  // empty: the URL the session call returns
  bool sandbox = true;
  std::string account_id;
  std::string token;  // secret
  core::Duration request_timeout = std::chrono::seconds(5);
  core::Duration connect_timeout = std::chrono::seconds(10);
  // Tradier: 60 trading calls/min and 120 other calls/min per token (production).
  int trading_requests_per_minute = 60;
  int requests_per_minute = 120;
  // Without the account stream we cannot hear fills: refuse new orders while it is down. The
  // sandbox has no account stream; set false there (orders then rely on reconciliation polls).
  bool require_stream = true;
  // While the stream is down, poll the order list this often and report what changed (0: off).
  // The fallback for the sandbox; in production the stream is the source.
  core::Duration poll_interval{0};
  core::Duration reconnect_base = std::chrono::milliseconds(500);
  core::Duration reconnect_cap = std::chrono::seconds(30);
  core::Duration heartbeat = std::chrono::seconds(15);
  std::string feed_name = "tradier.account";
  bool verify_tls = true;
};

void register_tradier_sections(core::config::ConfigSchema& schema);

core::Result<TradierBrokerConfig> tradier_config_from(const core::config::Config& cfg,
                                                      const core::config::EnvLookup& env);

}  // namespace zerodte::adapters::tradier
