#include "zerodte/adapters/alpaca/broker/alpaca_config.hpp"

#include "zerodte/core/log/redactor.hpp"

namespace zerodte::adapters::alpaca {

void register_alpaca_broker_sections(core::config::ConfigSchema& schema) {
  auto& t = schema.table("alpaca_broker", "Alpaca order routing (broker.name = \"alpaca\").");
  t.add_duration("request_timeout", "5s", "Deadline of one REST call.");
  t.add_duration("connect_timeout", "10s", "Deadline of the trade_updates connect and login.");
  t.add_int("requests_per_minute", 190, "Client-side pacing (Alpaca allows 200/min).")
      .range(1, 10000);
  t.add_duration("heartbeat", "10s", "Ping the trade_updates stream after this much silence.");
}

namespace {
std::string first_env(const core::config::EnvLookup& env, std::string_view a, std::string_view b) {
  if (auto v = env(a); v && !v->empty()) return *v;
  if (auto v = env(b); v && !v->empty()) return *v;
  return {};
}
}  // namespace

core::Result<AlpacaBrokerConfig> alpaca_config_from(const core::config::Config& cfg,
                                                    const core::config::EnvLookup& env) {
  AlpacaBrokerConfig c;
  const auto& b = cfg.table("broker");
  if (const auto name = b.get<std::string>("name"); name != "alpaca") {
    return core::fail(core::ErrorCode::kConfig, "broker.name is \"{}\", not \"alpaca\"", name);
  }
  c.paper = b.get<bool>("paper");
  c.rest_url = std::string(c.paper ? kPaperRestUrl : kLiveRestUrl);
  c.stream_url = std::string(c.paper ? kPaperStreamUrl : kLiveStreamUrl);
  if (auto u = b.find<std::string>("api_base_url"); u && !u->empty()) c.rest_url = *u;
  if (auto u = b.find<std::string>("ws_url"); u && !u->empty()) c.stream_url = *u;
  while (!c.rest_url.empty() && c.rest_url.back() == '/')
    c.rest_url.pop_back();
  if (const auto* t = cfg.root().find_table("alpaca_broker"); t != nullptr) {
    if (auto d = t->find<core::Duration>("request_timeout")) c.request_timeout = *d;
    if (auto d = t->find<core::Duration>("connect_timeout")) c.connect_timeout = *d;
    if (auto n = t->find<int>("requests_per_minute")) c.requests_per_minute = *n;
    if (auto d = t->find<core::Duration>("heartbeat")) c.heartbeat = *d;
  }
  c.key_id = first_env(env, "ALPACA_API_KEY_ID", "APCA_API_KEY_ID");
  c.secret = first_env(env, "ALPACA_API_SECRET_KEY", "APCA_API_SECRET_KEY");
  if (c.key_id.empty()) {
    if (auto k = b.find<std::string>("api_key")) c.key_id = *k;
  }
  if (c.secret.empty()) {
    if (auto k = b.find<std::string>("api_secret")) c.secret = *k;
  }
  if (c.key_id.empty() || c.secret.empty()) {
    return core::fail(core::ErrorCode::kConfig,
                      "alpaca: no API key pair: set ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY "
                      "(or broker.api_key / broker.api_secret as \"${{ENV}}\" references)");
  }
  core::log::register_secret(c.key_id);
  core::log::register_secret(c.secret);
  return c;
}

}  // namespace zerodte::adapters::alpaca
