#include "zerodte/adapters/tradier/tradier_config.hpp"

#include "zerodte/core/log/redactor.hpp"

namespace zerodte::adapters::tradier {

void register_tradier_sections(core::config::ConfigSchema& schema) {
  auto& t = schema.table("tradier", "Tradier order routing (broker.name = \"tradier\").");
  t.add_duration("request_timeout", "5s", "Deadline of one REST call.");
  t.add_duration("connect_timeout", "10s", "Deadline of the account-stream session and connect.");
  t.add_int("trading_requests_per_minute", 60, "Client-side pacing of order calls.")
      .range(1, 10000);
  t.add_int("requests_per_minute", 120, "Client-side pacing of other calls.").range(1, 10000);
  t.add_bool("require_stream", true,
             "Refuse new orders while the account stream is down (false for the sandbox, which "
             "has no account stream).");
  t.add_duration("poll_interval", "0s",
                 "While the account stream is down, poll the order list this often (0s: off; "
                 "e.g. 2s for the sandbox).");
}

core::Result<TradierBrokerConfig> tradier_config_from(const core::config::Config& cfg,
                                                      const core::config::EnvLookup& env) {
  TradierBrokerConfig c;
  const auto& b = cfg.table("broker");
  if (const auto name = b.get<std::string>("name"); name != "tradier") {
    return core::fail(core::ErrorCode::kConfig, "broker.name is \"{}\", not \"tradier\"", name);
  }
  c.sandbox = b.get<bool>("paper");
  c.rest_url = std::string(c.sandbox ? kSandboxRestUrl : kLiveRestUrl);
  if (auto u = b.find<std::string>("api_base_url"); u && !u->empty()) c.rest_url = *u;
  if (auto u = b.find<std::string>("ws_url"); u && !u->empty()) c.stream_url = *u;
  while (!c.rest_url.empty() && c.rest_url.back() == '/')
    c.rest_url.pop_back();
  if (const auto* t = cfg.root().find_table("tradier"); t != nullptr) {
    if (auto d = t->find<core::Duration>("request_timeout")) c.request_timeout = *d;
    if (auto d = t->find<core::Duration>("connect_timeout")) c.connect_timeout = *d;
    if (auto n = t->find<int>("trading_requests_per_minute")) c.trading_requests_per_minute = *n;
    if (auto n = t->find<int>("requests_per_minute")) c.requests_per_minute = *n;
    if (auto r = t->find<bool>("require_stream")) c.require_stream = *r;
    if (auto d = t->find<core::Duration>("poll_interval")) c.poll_interval = *d;
  }
  if (auto v = env("TRADIER_ACCESS_TOKEN"); v && !v->empty()) c.token = *v;
  if (c.token.empty()) {
    if (auto k = b.find<std::string>("api_key")) c.token = *k;
  }
  if (auto v = env("TRADIER_ACCOUNT_ID"); v && !v->empty()) c.account_id = *v;
  if (c.account_id.empty()) c.account_id = b.get<std::string>("account_id");
  if (c.token.empty()) {
    return core::fail(core::ErrorCode::kConfig,
                      "tradier: no access token: set TRADIER_ACCESS_TOKEN (or broker.api_key as "
                      "a \"${{ENV}}\" reference)");
  }
  if (c.account_id.empty()) {
    return core::fail(core::ErrorCode::kConfig,
                      "tradier: no account id: set TRADIER_ACCOUNT_ID or broker.account_id");
  }
  core::log::register_secret(c.token);
  return c;
}

}  // namespace zerodte::adapters::tradier
