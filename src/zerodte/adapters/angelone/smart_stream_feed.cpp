#include "zerodte/adapters/angelone/smart_stream_feed.hpp"

#include <spdlog/spdlog.h>

#include "zerodte/adapters/net/backoff.hpp"
#include "zerodte/adapters/net/websocket_client.hpp"

namespace zerodte::adapters::angelone {

SmartStreamFeed::SmartStreamFeed(SmartStreamConfig cfg, TokenManager& tokens,
                                 AngelOneCredentials creds, const ScripMaster& scrips,
                                 const model::InstrumentRegistry& instruments, engine::Inbox& inbox,
                                 const core::Clock& clock)
    : cfg_(std::move(cfg)),
      tokens_(tokens),
      creds_(std::move(creds)),
      scrips_(scrips),
      instruments_(instruments),
      inbox_(inbox),
      clock_(clock) {}

SmartStreamFeed::~SmartStreamFeed() {
  stop();
}

core::Status SmartStreamFeed::subscribe(core::InstrumentId id) {
  const model::Instrument* inst = instruments_.try_get(id);
  if (inst == nullptr)
    return core::fail(core::ErrorCode::kNotFound, "smartstream: instrument {}", id.value);
  const bool fo = inst->is_option() || inst->asset_class == model::AssetClass::kFuture;
  const Scrip* s = scrips_.find(fo ? "NFO" : "NSE", inst->symbol_view());
  if (s == nullptr) {
    return core::fail(core::ErrorCode::kNotFound, "smartstream: {} is not in the scrip master",
                      inst->symbol_view());
  }
  std::lock_guard l(mu_);
  subs_[{fo ? kNseFo : kNseCm, s->token}] = Sub{id, inst->is_option()};
  return core::ok();
}

void SmartStreamFeed::start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { run(); });
}

void SmartStreamFeed::stop() {
  stop_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

SmartStreamStats SmartStreamFeed::stats() const {
  std::lock_guard l(mu_);
  return stats_;
}

bool SmartStreamFeed::sleep_for(core::Duration d) {
  std::unique_lock l(mu_);
  cv_.wait_for(l, d, [&] { return stop_.load(); });
  return !stop_;
}

void SmartStreamFeed::post_status(model::FeedState s, std::string_view detail) {
  model::FeedStatus st;
  st.ts_event = st.ts_recv = clock_.now();
  st.feed = cfg_.feed_name;
  st.state = s;
  st.detail = detail;
  inbox_.push(engine::Event{st}, engine::OverflowPolicy::kBlock);
}

void SmartStreamFeed::run() {
  net::Backoff backoff({cfg_.backoff_base, cfg_.backoff_cap, cfg_.backoff_seed});
  net::WsOptions wo;
  wo.verify_tls = cfg_.verify_tls;
  wo.ca_pem = cfg_.ca_pem;
  net::WebSocketClient ws(wo);
  bool ever = false;
  post_status(model::FeedState::kConnecting, "connecting");
  while (!stop_) {
    auto t = tokens_.ensure_valid();
    if (!t) {
      post_status(model::FeedState::kDisconnected, t.error().message);
      if (!sleep_for(backoff.next())) break;
      continue;
    }
    const net::Headers headers{{"Authorization", "Bearer " + t->jwt},
                               {"x-api-key", creds_.api_key},
                               {"x-client-code", creds_.client_code},
                               {"x-feed-token", t->feed}};
    if (auto c = ws.connect(cfg_.url, headers, cfg_.connect_timeout); !c) {
      spdlog::warn("smartstream: {}", c.error().message);
      post_status(model::FeedState::kDisconnected, c.error().message);
      if (c.error().code == core::ErrorCode::kAuth) tokens_.invalidate();
      if (!sleep_for(backoff.next())) break;
      continue;
    }
    {
      std::lock_guard l(mu_);
      ++stats_.connects;
    }
    std::map<std::uint8_t, std::vector<std::string>> by_exchange;
    {
      std::lock_guard l(mu_);
      for (const auto& [key, sub] : subs_)
        by_exchange[key.first].push_back(key.second);
    }
    bool ok = true;
    for (const auto& [ex, toks] : by_exchange) {
      ok = ok && ws.send_text(subscribe_message("zerodte", cfg_.mode, ex, toks)).has_value();
    }
    if (!ok) {
      ws.abort();
      continue;
    }
    connected_ = true;
    post_status(ever ? model::FeedState::kRecovered : model::FeedState::kConnected, "subscribed");
    ever = true;
    auto last_ping = std::chrono::steady_clock::now();
    while (!stop_) {
      if (std::chrono::steady_clock::now() - last_ping >= cfg_.ping_interval) {
        if (!ws.send_text("ping")) break;
        last_ping = std::chrono::steady_clock::now();
      }
      auto f = ws.read(std::chrono::milliseconds(100));
      if (!f) {
        if (f.error().code == core::ErrorCode::kTimeout) continue;
        spdlog::warn("smartstream: {}", f.error().message);
        break;
      }
      if (!f->binary) continue;  // "pong" and subscription acknowledgements
      backoff.reset();
      auto tick = decode_smart_tick(std::as_bytes(std::span(f->data.data(), f->data.size())));
      std::lock_guard l(mu_);
      if (!tick) {
        ++stats_.bad_packets;
        continue;
      }
      auto it = subs_.find({tick->exchange_type, tick->token});
      if (it == subs_.end()) {
        ++stats_.unknown_tokens;
        continue;
      }
      ++stats_.ticks;
      const SmartEvents ev = to_events(*tick, it->second.id, it->second.is_option, clock_.now());
      auto push = [&](engine::Event e) {
        if (!inbox_.push(std::move(e), engine::OverflowPolicy::kDrop)) ++stats_.dropped;
      };
      if (ev.has_option_quote) push(ev.option_quote);
      if (ev.has_trade) push(ev.trade);
      if (ev.has_depth) push(ev.depth);
      if (on_ltp) on_ltp(it->second.id, tick->ltp, tick->exchange_time);
    }
    connected_ = false;
    ws.abort();
    if (stop_) break;
    post_status(model::FeedState::kDisconnected, "stream closed; reconnecting");
    if (!sleep_for(backoff.next())) break;
  }
  connected_ = false;
}

}  // namespace zerodte::adapters::angelone
