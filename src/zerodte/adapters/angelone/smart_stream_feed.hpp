#pragma once
// SmartStream market-data connection on its own thread: connects with the JWT, API key, client
// code and feed token (from the TokenManager), subscribes the registered instruments by scrip
// token, decodes the binary ticks into zerodte events (kernel inbox, OverflowPolicy::kDrop),
// sends "ping" every 30 s, and reconnects with exponential backoff and full jitter, posting
// model::FeedStatus (connected / disconnected / recovered) for risk and the overseer.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "zerodte/adapters/angelone/scrip_master.hpp"
#include "zerodte/adapters/angelone/smart_stream.hpp"
#include "zerodte/adapters/angelone/smartapi_rest.hpp"
#include "zerodte/adapters/angelone/token_manager.hpp"
#include "zerodte/engine/inbox.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::angelone {

struct SmartStreamConfig {
  std::string url = "wss://smartapisocket.angelone.in/smart-stream";
  std::string feed_name = "angelone.md";
  StreamMode mode = StreamMode::kSnapQuote;
  core::Duration ping_interval = std::chrono::seconds(30);
  core::Duration connect_timeout = std::chrono::seconds(5);
  core::Duration backoff_base = std::chrono::milliseconds(500);
  core::Duration backoff_cap = std::chrono::seconds(30);
  std::uint64_t backoff_seed = 1;
  bool verify_tls = true;
  std::string ca_pem;  // extra trusted CA (tests)
};

struct SmartStreamStats {
  int connects = 0;
  std::uint64_t ticks = 0;
  std::uint64_t bad_packets = 0;
  std::uint64_t unknown_tokens = 0;
  std::uint64_t dropped = 0;  // inbox full
};

class SmartStreamFeed {
 public:
  SmartStreamFeed(SmartStreamConfig cfg, TokenManager& tokens, AngelOneCredentials creds,
                  const ScripMaster& scrips, const model::InstrumentRegistry& instruments,
                  engine::Inbox& inbox, const core::Clock& clock);
  ~SmartStreamFeed();

  // Before start(): kNotFound when the instrument has no scrip master entry.
  core::Status subscribe(core::InstrumentId id);
  void start();
  void stop();
  [[nodiscard]] SmartStreamStats stats() const;
  [[nodiscard]] bool connected() const { return connected_.load(); }
  // Every tick's LTP (e.g. AngelOneExecutionClient::set_ltp for the price band).
  std::function<void(core::InstrumentId, core::Price, core::Timestamp)> on_ltp;

 private:
  void run();
  void post_status(model::FeedState s, std::string_view detail);
  bool sleep_for(core::Duration d);  // false when stopping

  SmartStreamConfig cfg_;
  TokenManager& tokens_;
  AngelOneCredentials creds_;
  const ScripMaster& scrips_;
  const model::InstrumentRegistry& instruments_;
  engine::Inbox& inbox_;
  const core::Clock& clock_;
  struct Sub {
    core::InstrumentId id;
    bool is_option = false;
  };
  std::map<std::pair<std::uint8_t, std::string>, Sub> subs_;  // (exchange type, token)
  std::atomic<bool> stop_{false};
  std::atomic<bool> connected_{false};
  mutable std::mutex mu_;
  std::condition_variable cv_;
  SmartStreamStats stats_;
  std::thread thread_;
};

}  // namespace zerodte::adapters::angelone
