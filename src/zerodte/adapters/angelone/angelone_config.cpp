#include "zerodte/adapters/angelone/angelone_config.hpp"

namespace zerodte::adapters::angelone {

void register_angelone_sections(core::config::ConfigSchema& schema) {
  schema.table("broker", "The venue orders go to.");
  auto& t = schema.table("broker.angelone",
                         "AngelOne SmartAPI (NSE options). Credentials come from ANGELONE_API_KEY, "
                         "ANGELONE_CLIENT_CODE, ANGELONE_PIN and ANGELONE_TOTP_SECRET.");
  t.add_string("base_url", "https://apiconnect.angelone.in", "SmartAPI REST root.");
  t.add_duration("request_timeout", "2s", "Longest one REST call may take.");
  t.add_enum("product_type", "CARRYFORWARD", {"CARRYFORWARD", "INTRADAY"},
             "CARRYFORWARD (NRML) or INTRADAY (MIS).");
  t.add_double("price_band_pct", 20.0, "Limit/trigger must lie within this % of the LTP.")
      .range(1, 100);
  t.add_string("token_file", "",
               "0600 token file outside any repository (empty: "
               "$XDG_STATE_HOME/zerodte/angelone-tokens.json).");
  t.add_duration("refresh_before", "30m", "Refresh the session when less validity remains.");
  t.add_duration("relogin_backoff", "60s",
                 "After a failed refresh, wait this long between "
                 "TOTP logins (trading stays paused meanwhile).");
  t.add_string("scrip_master", "", "Path of OpenAPIScripMaster.json (symbol tokens, lot sizes).");
  t.add_duration("poll_interval", "1s", "Order book / trade book polling (venue limit: 1/s).");
  t.add_string("stream_url", "wss://smartapisocket.angelone.in/smart-stream",
               "SmartStream v2 WebSocket.");
  t.add_enum("stream_mode", "snapquote", {"ltp", "quote", "snapquote"},
             "SmartStream subscription mode (snapquote carries the best five).");
  t.add_bool("pacing", true, "Refuse calls over AngelOne's published per-endpoint limits locally.");
}

AngelOneConfig angelone_config_from(const core::config::Config& config) {
  const auto& t = config.table("broker.angelone");
  AngelOneConfig c;
  c.rest.base_url = t.get<std::string>("base_url");
  c.rest.timeout = t.get<core::Duration>("request_timeout");
  c.rest.pacing = t.get<bool>("pacing");
  c.product_type = t.get<std::string>("product_type");
  c.rules.price_band = t.get<double>("price_band_pct") / 100.0;
  c.tokens.store_path = t.get<std::string>("token_file");
  if (c.tokens.store_path.empty()) c.tokens.store_path = default_token_path();
  c.tokens.refresh_before = t.get<core::Duration>("refresh_before");
  c.tokens.relogin_backoff = t.get<core::Duration>("relogin_backoff");
  return c;
}

SmartStreamConfig smart_stream_config_from(const core::config::Config& config) {
  const auto& t = config.table("broker.angelone");
  SmartStreamConfig s;
  s.url = t.get<std::string>("stream_url");
  const auto mode = t.get<std::string>("stream_mode");
  s.mode = mode == "ltp"     ? StreamMode::kLtp
           : mode == "quote" ? StreamMode::kQuote
                             : StreamMode::kSnapQuote;
  return s;
}

std::string scrip_master_path_from(const core::config::Config& config) {
  return config.table("broker.angelone").get<std::string>("scrip_master");
}

}  // namespace zerodte::adapters::angelone
