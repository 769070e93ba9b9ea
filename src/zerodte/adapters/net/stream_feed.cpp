#include "zerodte/adapters/net/stream_feed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "zerodte/data/recorder.hpp"

namespace zerodte::adapters::net {

core::Result<BackfillResult> FeedProtocol::backfill(core::Timestamp from, core::Timestamp to) {
  BackfillResult r;
  r.unfilled = fmt::format("{}..{}: {} has no REST backfill", core::to_iso8601(from),
                           core::to_iso8601(to), feed_name());
  return r;
}

StreamFeed::StreamFeed(FeedProtocol& protocol, StreamFeedConfig cfg, const core::Clock& clock,
                       EventSink sink, WsOptions ws_options)
    : protocol_(protocol),
      cfg_(cfg),
      clock_(clock),
      sink_(std::move(sink)),
      ws_(std::move(ws_options)),
      backoff_(cfg.backoff),
      watchdog_(clock, cfg.silent_after) {}

void StreamFeed::set_staleness(StalenessClock* board) {
  board_feed_ = board ? board->register_feed(protocol_.feed_name(), cfg_.stale_after) : nullptr;
  watchdog_.set_feed(board_feed_);
}

std::string StreamFeed::last_error() const {
  return last_error_;
}

void StreamFeed::status(model::FeedState state, std::string_view detail) {
  model::FeedStatus s;
  s.ts_event = s.ts_recv = clock_.now();
  s.feed = core::FixedString<24>(protocol_.feed_name());
  s.state = state;
  s.detail = core::FixedString<96>(detail);
  sink_(s);
}

void StreamFeed::deliver(engine::Event&& e) {
  if (!dedupe_.accept(e)) {
    stats_.duplicates.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  stats_.events.fetch_add(1, std::memory_order_relaxed);
  sink_(std::move(e));
}

void StreamFeed::sleep_for(core::Duration d, const std::atomic<bool>& stop) {
  const auto until = std::chrono::steady_clock::now() + d;
  while (!stop.load() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::min<core::Duration>(d, std::chrono::milliseconds(10)));
}

void StreamFeed::do_backfill(core::Timestamp from) {
  const auto to = clock_.now();
  stats_.backfills.fetch_add(1);
  auto r = protocol_.backfill(from, to);
  if (!r) {
    stats_.unfilled_gaps.fetch_add(1);
    gaps_.push_back(fmt::format("{}..{}: backfill failed: {}", core::to_iso8601(from),
                                core::to_iso8601(to), r.error().message));
    status(model::FeedState::kRecovered, "gap not filled: " + r.error().message);
    return;
  }
  std::sort(r->events.begin(), r->events.end(), [](const auto& a, const auto& b) {
    return engine::event_time(a) < engine::event_time(b);
  });
  std::uint64_t n = 0;
  for (auto& e : r->events) {
    if (!dedupe_.accept(e)) {
      stats_.duplicates.fetch_add(1);
      continue;
    }
    ++n;
    stats_.events.fetch_add(1);
    sink_(std::move(e));
  }
  stats_.backfilled_events.fetch_add(n);
  if (!r->unfilled.empty()) {
    stats_.unfilled_gaps.fetch_add(1);
    gaps_.push_back(r->unfilled);
    status(model::FeedState::kRecovered, "gap not filled: " + r->unfilled);
  } else {
    status(model::FeedState::kRecovered, fmt::format("gap backfilled: {} events", n));
  }
}

core::Status StreamFeed::run_session(const std::atomic<bool>& stop) {
  status(model::FeedState::kConnecting, protocol_.feed_name());
  if (auto c = ws_.connect(protocol_.url(), protocol_.headers(), cfg_.connect_timeout); !c) {
    stats_.connect_failures.fetch_add(1);
    return c;
  }
  if (auto h = protocol_.handshake(ws_, cfg_.handshake_timeout); !h) {
    stats_.connect_failures.fetch_add(1);
    if (h.error().code == core::ErrorCode::kAuth) stats_.auth_failures.fetch_add(1);
    ws_.abort();
    return h;
  }
  stats_.connects.fetch_add(1);
  watchdog_.arm();
  const bool reconnect = had_session_;
  const core::Timestamp gap_from = last_event_time_;
  had_session_ = true;
  status(model::FeedState::kConnected, ws_.endpoint());
  if (reconnect && cfg_.backfill_after_reconnect && gap_from.is_set()) do_backfill(gap_from);

  bool delivered = false;
  core::Status end = core::ok();
  while (!stop.load()) {
    auto f = ws_.read(std::min(cfg_.read_slice, cfg_.silent_after));
    if (!f) {
      if (f.error().code == core::ErrorCode::kTimeout) {
        if (!watchdog_.silent()) continue;
        stats_.silent_reconnects.fetch_add(1);
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(watchdog_.silent_for()).count();
        end = core::fail(core::ErrorCode::kTimeout, "{}: silent for {} ms", protocol_.feed_name(),
                         ms);
        status(model::FeedState::kStale, fmt::format("silent for {} ms; reconnecting", ms));
        ws_.abort();
        break;
      }
      stats_.disconnects.fetch_add(1);
      end = std::unexpected(f.error());
      break;
    }
    const auto now = clock_.now();
    watchdog_.on_message();
    stats_.frames.fetch_add(1, std::memory_order_relaxed);
    if (recorder_) (void)recorder_->write(protocol_.record_channel(), now, f->data);
    scratch_.clear();
    if (auto d = protocol_.decode(*f, now, scratch_); !d) {
      stats_.malformed.fetch_add(1);
      last_error_ = d.error().message;
      status(model::FeedState::kConnected, "malformed message skipped: " + d.error().message);
    }
    for (auto& e : scratch_) {
      const auto t = engine::event_time(e);
      if (t > last_event_time_ && !std::holds_alternative<model::FeedStatus>(e))
        last_event_time_ = t;
      deliver(std::move(e));
      delivered = true;
    }
  }
  if (stop.load()) (void)ws_.close(std::chrono::milliseconds(500));
  watchdog_.set_connected(false);
  if (delivered) backoff_.reset();
  return end;
}

core::Status StreamFeed::run(const std::atomic<bool>& stop) {
  int auth_failures = 0;
  while (!stop.load()) {
    auto s = run_session(stop);
    if (stop.load()) break;
    if (!s) {
      last_error_ = s.error().message;
      if (s.error().code == core::ErrorCode::kAuth) {
        if (++auth_failures >= cfg_.max_auth_failures) {
          status(model::FeedState::kDisconnected, "login refused; giving up: " + last_error_);
          return s;
        }
      } else if (stats_.connects.load() > 0) {
        auth_failures = 0;
      }
    }
    status(model::FeedState::kDisconnected, s ? "session ended" : last_error_);
    sleep_for(backoff_.next(), stop);
  }
  status(model::FeedState::kDisconnected, "stopped");
  return core::ok();
}

}  // namespace zerodte::adapters::net
