#include "zerodte/adapters/fix/fix_config.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace zerodte::adapters::fix {

core::Result<std::string> initiator_settings(const FixConfig& cfg) {
  if (!cfg.settings_file.empty()) {
    std::ifstream in(cfg.settings_file);
    if (!in) {
      return core::fail(core::ErrorCode::kIo, "FIX settings file {}: cannot be read",
                        cfg.settings_file);
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  if (cfg.store_path.empty()) {
    return core::fail(core::ErrorCode::kConfig,
                      "FIX config: store_path (FileStorePath) is required: sequence numbers "
                      "must survive a restart for resend to work");
  }
  if (cfg.port <= 0 || cfg.port > 65535) {
    return core::fail(core::ErrorCode::kConfig, "FIX config: port {} is not a TCP port", cfg.port);
  }
  if (cfg.heartbeat_s < 1 || cfg.reconnect_s < 1) {
    return core::fail(core::ErrorCode::kConfig,
                      "FIX config: heartbeat_s ({}) and reconnect_s ({}) must be >= 1",
                      cfg.heartbeat_s, cfg.reconnect_s);
  }
  const std::string dict =
      cfg.data_dictionary.empty() ? std::string(ZERODTE_FIX_DICTIONARY) : cfg.data_dictionary;
  std::string s = fmt::format(
      "[DEFAULT]\n"
      "ConnectionType=initiator\n"
      "FileStorePath={}\n"
      "StartTime=00:00:00\n"
      "EndTime=00:00:00\n"
      "UseDataDictionary=Y\n"
      "DataDictionary={}\n"
      "ValidateUserDefinedFields=N\n"
      "ValidateFieldsOutOfOrder=N\n"
      "AllowUnknownMsgFields=Y\n"
      "PersistMessages=Y\n"
      "ReconnectInterval={}\n"
      "LogonTimeout={}\n"
      "ResetOnLogon={}\n"
      "ResetOnDisconnect=N\n"
      "ResetOnLogout=N\n",
      cfg.store_path, dict, cfg.reconnect_s, cfg.logon_timeout_s, cfg.reset_on_logon ? "Y" : "N");
  if (!cfg.log_path.empty()) s += fmt::format("FileLogPath={}\n", cfg.log_path);
  s += fmt::format(
      "\n[SESSION]\n"
      "BeginString=FIX.4.4\n"
      "SenderCompID={}\n"
      "TargetCompID={}\n"
      "SocketConnectHost={}\n"
      "SocketConnectPort={}\n"
      "HeartBtInt={}\n",
      cfg.sender_comp_id, cfg.target_comp_id, cfg.host, cfg.port, cfg.heartbeat_s);
  return s;
}

}  // namespace zerodte::adapters::fix
