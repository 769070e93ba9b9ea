#pragma once
// StreamFeed: the reconnecting loop every streaming market-data adapter shares (library
// zerodte_adapters_feed, which adds engine/data to the plain network layer).
//
// A vendor adapter implements FeedProtocol (URL, login/subscribe handshake, frame decoding, REST
// backfill); StreamFeed runs it on the calling (I/O) thread until `stop`:
//   connect (deadline) -> handshake -> read frames: record raw bytes (data::Recorder), decode,
//   drop duplicates, deliver events to the sink, touch the watchdog/staleness board
//   -> on a silent socket (watchdog), peer close, reset or bad framing: reconnect with
//      exponential backoff + jitter; after reconnecting, backfill the gap over REST and report
//      the part it could not fill (FeedStatus "gap ... not filled").
// Malformed messages are counted and reported (FeedStatus detail), and the stream continues.
// Health goes to the sink as model::FeedStatus events (kConnecting, kConnected, kStale,
// kDisconnected, kRecovered), and to the StalenessClock board when one is given.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "zerodte/adapters/net/backoff.hpp"
#include "zerodte/adapters/net/event_dedupe.hpp"
#include "zerodte/adapters/net/staleness.hpp"
#include "zerodte/adapters/net/websocket_client.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/engine/event.hpp"

namespace zerodte::data {
class Recorder;
}

namespace zerodte::adapters::net {

using EventSink = std::function<void(engine::Event)>;

struct BackfillResult {
  std::vector<engine::Event> events;
  // The part of the requested interval the vendor could not cover (e.g. quotes and trades have
  // no historical REST here); empty when the whole gap was filled.
  std::string unfilled;
};

class FeedProtocol {
 public:
  virtual ~FeedProtocol() = default;
  [[nodiscard]] virtual std::string feed_name() const = 0;  // "alpaca.stocks"
  [[nodiscard]] virtual std::string url() const = 0;
  [[nodiscard]] virtual Headers headers() const { return {}; }
  [[nodiscard]] virtual std::uint16_t record_channel() const = 0;
  // After the upgrade: read the greeting, log in, subscribe. kAuth when the login is refused.
  virtual core::Status handshake(WebSocketClient& ws, core::Duration timeout) = 0;
  // One received frame -> events (control messages give none). kParse when malformed.
  virtual core::Status decode(const WsFrame& frame, core::Timestamp ts_recv,
                              std::vector<engine::Event>& out) = 0;
  // Events between `from` (exclusive) and `to` from the vendor's REST API. The default fills
  // nothing and says so.
  virtual core::Result<BackfillResult> backfill(core::Timestamp from, core::Timestamp to);
};

struct StreamFeedConfig {
  core::Duration connect_timeout = std::chrono::seconds(10);
  core::Duration handshake_timeout = std::chrono::seconds(10);
  core::Duration silent_after = std::chrono::seconds(15);  // watchdog: open but silent
  core::Duration stale_after = std::chrono::seconds(3);    // staleness board threshold
  core::Duration read_slice = std::chrono::milliseconds(250);
  BackoffConfig backoff{};
  int max_auth_failures = 3;  // consecutive refused logins before run() gives up (kAuth)
  bool backfill_after_reconnect = true;
};

struct StreamFeedStats {
  std::atomic<std::uint64_t> connects{0}, connect_failures{0}, auth_failures{0};
  std::atomic<std::uint64_t> frames{0}, events{0}, duplicates{0}, malformed{0};
  std::atomic<std::uint64_t> disconnects{0}, silent_reconnects{0};
  std::atomic<std::uint64_t> backfills{0}, backfilled_events{0}, unfilled_gaps{0};
};

class StreamFeed {
 public:
  StreamFeed(FeedProtocol& protocol, StreamFeedConfig cfg, const core::Clock& clock, EventSink sink,
             WsOptions ws_options = {});
  void set_recorder(data::Recorder* recorder) { recorder_ = recorder; }
  void set_staleness(StalenessClock* board);

  // Runs until `stop` is set (ok) or logins keep failing (kAuth after max_auth_failures).
  core::Status run(const std::atomic<bool>& stop);
  // One session: connect, handshake, stream until the connection ends. Used by run().
  core::Status run_session(const std::atomic<bool>& stop);

  [[nodiscard]] const StreamFeedStats& stats() const { return stats_; }
  [[nodiscard]] std::string last_error() const;
  [[nodiscard]] const std::vector<std::string>& unfilled_gaps() const { return gaps_; }

 private:
  void status(model::FeedState state, std::string_view detail);
  void deliver(engine::Event&& e);
  void do_backfill(core::Timestamp from);
  void sleep_for(core::Duration d, const std::atomic<bool>& stop);

  FeedProtocol& protocol_;
  StreamFeedConfig cfg_;
  const core::Clock& clock_;
  EventSink sink_;
  WebSocketClient ws_;
  Backoff backoff_;
  Watchdog watchdog_;
  StalenessClock::Feed* board_feed_ = nullptr;
  data::Recorder* recorder_ = nullptr;
  EventDedupe dedupe_;
  StreamFeedStats stats_;
  std::string last_error_;
  std::vector<std::string> gaps_;
  std::vector<engine::Event> scratch_;
  bool had_session_ = false;
  core::Timestamp last_event_time_{};  // newest ts_event delivered (backfill starts here)
};

}  // namespace zerodte::adapters::net
