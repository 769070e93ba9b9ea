#include "zerodte/adapters/ibkr/ibkr_config.hpp"

namespace zerodte::adapters::ibkr {

void register_ibkr_sections(core::config::ConfigSchema& schema) {
  schema.table("broker", "The venue orders go to.");
  const IbkrConfig d;
  auto& t = schema.table("broker.ibkr", "Interactive Brokers TWS / IB Gateway socket API.");
  t.add_string("host", d.host, "TWS or IB Gateway host (loopback unless TWS trusts this host).");
  t.add_int("port", d.port, "API socket port: 7497 TWS paper, 7496 live, 4002/4001 Gateway.")
      .range(1, 65535);
  t.add_int("client_id", d.client_id, "API client id (unique per connection).").range(0, 999999);
  t.add_string("account", d.account, "Account code (empty: the first managed account).");
  t.add_duration("request_timeout", "2s", "Longest a venue call waits for TWS's answer.");
  t.add_duration("heartbeat_interval", "30s", "reqCurrentTime heartbeat period (seed 003).");
  t.add_int("heartbeat_misses_to_trip", d.heartbeat_misses_to_trip,
            "Missed heartbeats that trip the circuit breaker (orders halt until reconnected).")
      .range(1, 100);
  t.add_double("pacing_per_second", d.pacing_per_second,
               "Messages per second sent to TWS (its limit is 50).")
      .range(1, 50);
  t.add_double("pacing_burst", d.pacing_burst, "Messages that may be sent back to back.")
      .range(1, 50);
  t.add_duration("reconnect_base", "500ms", "First reconnect delay (exponential, jittered).");
  t.add_duration("reconnect_cap", "30s", "Longest reconnect delay.");
  t.add_int("depth_rows", d.depth_rows, "Market depth rows per subscription (seed 003: 10).")
      .range(1, 10);
  t.add_string("time_zone", d.time_zone, "Zone of TWS execution times that carry no zone.");
}

IbkrConfig ibkr_config_from(const core::config::Config& config) {
  IbkrConfig c;
  const auto& t = config.root().table("broker").table("ibkr");
  c.host = t.get<std::string>("host");
  c.port = t.get<int>("port");
  c.client_id = t.get<int>("client_id");
  c.account = t.get<std::string>("account");
  if (c.account.empty()) c.account = config.get<std::string>("broker.account_id");
  c.request_timeout = t.get<core::Duration>("request_timeout");
  c.heartbeat_interval = t.get<core::Duration>("heartbeat_interval");
  c.heartbeat_misses_to_trip = t.get<int>("heartbeat_misses_to_trip");
  c.pacing_per_second = t.get<double>("pacing_per_second");
  c.pacing_burst = t.get<double>("pacing_burst");
  c.reconnect_base = t.get<core::Duration>("reconnect_base");
  c.reconnect_cap = t.get<core::Duration>("reconnect_cap");
  c.depth_rows = t.get<int>("depth_rows");
  c.time_zone = t.get<std::string>("time_zone");
  return c;
}

}  // namespace zerodte::adapters::ibkr
