#include "zerodte/adapters/fix/fix_config_schema.hpp"

namespace zerodte::adapters::fix {

void register_fix_sections(core::config::ConfigSchema& schema) {
  schema.table("broker", "The venue orders go to.");
  const FixConfig d;
  auto& t = schema.table("broker.fix",
                         "FIX 4.4 order routing over QuickFIX. Logon credentials come from "
                         "FIX_USERNAME and FIX_PASSWORD.");
  t.add_string("settings_file", "",
               "QuickFIX settings file with one session; when set, the keys below except "
               "account and request_timeout are ignored.");
  t.add_string("host", d.host, "SocketConnectHost.");
  t.add_int("port", 0, "SocketConnectPort (required unless settings_file).").range(0, 65535);
  t.add_string("sender_comp_id", d.sender_comp_id, "SenderCompID.");
  t.add_string("target_comp_id", d.target_comp_id, "TargetCompID.");
  t.add_string("store_path", "",
               "FileStorePath: sequence numbers and sent messages; keep it "
               "across restarts or resend cannot work.");
  t.add_string("log_path", "", "FileLogPath (Password masked); empty: no message log.");
  t.add_string("data_dictionary", "", "FIX 4.4 dictionary (empty: config/fix/FIX44-zerodte.xml).");
  t.add_int("heartbeat_s", d.heartbeat_s, "HeartBtInt, seconds.").range(1, 300);
  t.add_int("reconnect_s", d.reconnect_s, "ReconnectInterval, seconds.").range(1, 300);
  t.add_string("account", "", "Account(1) on every order; empty: not sent.");
  t.add_duration("request_timeout", "2s", "Longest a status/positions request waits.");
  t.add_bool("reset_on_logon", false,
             "ResetOnLogon: only for venues that demand it (loses "
             "resend).");
}

FixConfig fix_config_from(const core::config::Config& config) {
  const auto& t = config.table("broker.fix");
  FixConfig c;
  c.settings_file = t.get<std::string>("settings_file");
  c.host = t.get<std::string>("host");
  c.port = t.get<int>("port");
  c.sender_comp_id = t.get<std::string>("sender_comp_id");
  c.target_comp_id = t.get<std::string>("target_comp_id");
  c.store_path = t.get<std::string>("store_path");
  c.log_path = t.get<std::string>("log_path");
  c.data_dictionary = t.get<std::string>("data_dictionary");
  c.heartbeat_s = t.get<int>("heartbeat_s");
  c.reconnect_s = t.get<int>("reconnect_s");
  c.account = t.get<std::string>("account");
  c.request_timeout = t.get<core::Duration>("request_timeout");
  c.reset_on_logon = t.get<bool>("reset_on_logon");
  return c;
}

}  // namespace zerodte::adapters::fix
