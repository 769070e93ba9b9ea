#pragma once
// IBKR TWS / IB Gateway adapter settings ([broker.ibkr]). No secrets: TWS authenticates the
// person in its own window; the API socket needs only host, port and a client id.
#include <cstdint>
#include <string>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/config_schema.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::ibkr {

struct IbkrConfig {
  std::string host = "127.0.0.1";
  int port = 7497;  // TWS paper; 7496 TWS live, 4002/4001 IB Gateway paper/live
  int client_id = 1;
  std::string account;             // empty: the first managed account TWS reports
  std::string feed_name = "ibkr";  // FeedStatus name (ReconcileOnReconnect listens for it)
  core::Duration connect_timeout = std::chrono::seconds(5);
  core::Duration request_timeout = std::chrono::seconds(2);
  core::Duration heartbeat_interval = std::chrono::seconds(30);  // seed 003
  int heartbeat_misses_to_trip = 2;                              // seed 003
  double pacing_per_second = 45;                                 // TWS limit is 50 messages/s
  double pacing_burst = 5;
  core::Duration pacing_cooldown = std::chrono::seconds(60);  // halved rate after error 100
  core::Duration reconnect_base = std::chrono::milliseconds(500);
  core::Duration reconnect_cap = std::chrono::seconds(30);
  std::uint64_t reconnect_seed = 7;
  core::Duration commission_wait = std::chrono::seconds(1);  // fill waits this for its fee
  int depth_rows = 10;
  std::string time_zone = "America/New_York";  // of execution times without a zone suffix
};

void register_ibkr_sections(core::config::ConfigSchema& schema);
IbkrConfig ibkr_config_from(const core::config::Config& config);

}  // namespace zerodte::adapters::ibkr
