#pragma once
// Configuration of the FIX 4.4 order-routing adapter and the QuickFIX session settings it
// implies. Either name a QuickFIX settings file (settings_file, e.g. config/fix/initiator.cfg,
// one [SESSION]) or give the fields and the settings text is generated. Credentials for the
// Logon (Username 553 / Password 554) come from the environment (FIX_USERNAME, FIX_PASSWORD),
// never from files in the repository, and are never logged.
#include <chrono>
#include <string>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::adapters::fix {

struct FixConfig {
  std::string venue_name = "fix";  // ExecutionClient::venue_name() and the FeedStatus feed name
  std::string settings_file;       // QuickFIX settings; when set, the fields below are ignored
  std::string sender_comp_id = "ZERODTE";
  std::string target_comp_id = "BROKER";
  std::string host = "127.0.0.1";
  int port = 0;
  std::string store_path;       // FileStorePath: sequence numbers and sent messages (required)
  std::string log_path;         // FileLogPath (password masked); empty = no message log
  std::string data_dictionary;  // default: config/fix/FIX44-zerodte.xml under the source tree
  int heartbeat_s = 30;         // HeartBtInt
  int reconnect_s = 5;          // ReconnectInterval (QuickFIX retries the connection itself)
  int logon_timeout_s = 10;
  bool graceful_logout = true;  // stop() waits for the venue's Logout answer (up to 10 s)
  bool reset_on_logon = false;  // true loses resend: only for venues that demand it
  std::string account;          // Account(1) on orders; empty = not sent
  core::Duration request_timeout = std::chrono::seconds(2);  // query/open orders/positions
  std::string username_env = "FIX_USERNAME";
  std::string password_env = "FIX_PASSWORD";
};

// The QuickFIX settings text for an initiator session (or the file's contents).
core::Result<std::string> initiator_settings(const FixConfig& cfg);

}  // namespace zerodte::adapters::fix
