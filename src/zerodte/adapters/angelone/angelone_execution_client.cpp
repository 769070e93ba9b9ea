#include "zerodte/adapters/angelone/angelone_execution_client.hpp"

#include "zerodte/adapters/angelone/angelone_client_impl.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace zerodte::adapters::angelone {

using core::ErrorCode;
using model::OrderStatus;

core::Result<core::Timestamp> ist_time_today(std::string_view t, core::Timestamp now) {
  auto tod = core::TimeOfDay::parse(t);
  if (!tod) return std::unexpected(tod.error().with_context("angelone filltime"));
  constexpr std::int64_t kIst = (5 * 3600 + 30 * 60) * core::kNanosPerSecond;
  const std::int64_t ist_day = core::Timestamp{now.ns + kIst}.floor(std::chrono::days(1)).ns;
  return core::Timestamp{ist_day - kIst +
                         (tod->hour * 3600LL + tod->minute * 60LL + tod->second) *
                             core::kNanosPerSecond};
}

AngelOneExecutionClient::AngelOneExecutionClient(AngelOneConfig cfg, AngelOneCredentials creds,
                                                 const model::InstrumentRegistry& instruments,
                                                 const ScripMaster& scrips, engine::Inbox& inbox,
                                                 const core::Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(cfg), std::move(creds), instruments, scrips, inbox,
                                   clock)) {
  Impl* self = impl_.get();
  impl_->tm.on_pause_change = [self](bool paused, const std::string& reason) {
    spdlog::warn("angelone: trading {}: {}", paused ? "paused" : "resumed", reason);
    self->post_status(paused, reason);
  };
}
AngelOneExecutionClient::~AngelOneExecutionClient() {
  stop_polling();
}

void AngelOneExecutionClient::start_polling(core::Duration interval) {
  Impl& s = *impl_;
  if (s.poller.joinable()) return;
  {
    std::lock_guard l(s.poll_mu);
    s.poll_stop = false;
  }
  s.poller = std::thread([this, &s, interval] {
    int failures = 0;
    std::unique_lock l(s.poll_mu);
    while (!s.poll_stop) {
      l.unlock();
      auto r = poll_once();
      if (r) {
        failures = 0;
      } else if (r.error().code != ErrorCode::kRateLimited) {
        spdlog::warn("angelone poll: {}", r.error().message);
        if (++failures == 3) {
          model::FeedStatus st;
          st.ts_event = st.ts_recv = s.clock.now();
          st.feed = s.cfg.venue_name;
          st.state = model::FeedState::kStale;
          st.detail = "order book polling failing: " + r.error().message;
          s.inbox.push(engine::Event{st}, engine::OverflowPolicy::kBlock);
        }
      }
      l.lock();
      s.poll_cv.wait_for(l, interval, [&] { return s.poll_stop; });
    }
  });
}

void AngelOneExecutionClient::stop_polling() {
  Impl& s = *impl_;
  {
    std::lock_guard l(s.poll_mu);
    s.poll_stop = true;
  }
  s.poll_cv.notify_all();
  if (s.poller.joinable()) s.poller.join();
}

TokenManager& AngelOneExecutionClient::tokens() {
  return impl_->tm;
}
SmartApiRest& AngelOneExecutionClient::rest() {
  return impl_->rest;
}
std::string_view AngelOneExecutionClient::venue_name() const {
  return impl_->cfg.venue_name;
}
const execution::BrokerCapabilities& AngelOneExecutionClient::capabilities() const {
  return impl_->caps;
}

void AngelOneExecutionClient::set_ltp(core::InstrumentId id, core::Price ltp, core::Timestamp ts) {
  std::lock_guard l(impl_->mu);
  impl_->ltps[id.value] = {ltp, ts};
}

core::Status AngelOneExecutionClient::poll_once() {
  Impl& s = *impl_;
  auto book = s.with_token([&](const std::string& jwt) { return s.rest.order_book(jwt); });
  if (!book) return std::unexpected(book.error());
  auto trades = s.with_token([&](const std::string& jwt) { return s.rest.trade_book(jwt); });
  if (!trades) return std::unexpected(trades.error());
  std::stable_sort(trades->begin(), trades->end(), [](const AngelTrade& a, const AngelTrade& b) {
    return a.filltime < b.filltime;
  });
  std::vector<engine::Event> events;
  {
    std::lock_guard l(s.mu);
    for (const auto& t : *trades) {
      const std::string key = t.orderid + "/" + t.fillid;
      if (s.seen_fills.contains(key)) continue;
      auto f = s.fill_of(t);
      if (!f) {
        spdlog::error("{}", f.error().message);
        continue;
      }
      s.seen_fills.insert(key);
      events.emplace_back(*f);
    }
    for (const auto& a : *book) {
      const std::string cid = s.cid_of(a.orderid, a.ordertag);
      AngelEntry& e = s.orders[cid];
      auto st = status_from_angel(a.status, a.filledshares - e.cum_offset);
      if (!st) {
        spdlog::error("angelone order {}: {}", a.orderid, st.error().message);
        continue;
      }
      const std::int64_t filled = a.filledshares - e.cum_offset;
      if (e.orderid.empty()) {  // first sight (placed elsewhere or before a restart)
        e.intent = s.state_of(a, cid, *st, 0).order;
        e.orderid = a.orderid;
        s.by_orderid.emplace(a.orderid, cid);
      }
      if (e.status == *st && e.filled == filled) continue;
      e.status = *st;
      e.filled = filled;
      events.emplace_back(s.update_of(s.state_of(a, cid, *st, e.cum_offset)));
    }
  }
  for (auto& ev : events)
    s.inbox.push(std::move(ev), engine::OverflowPolicy::kBlock);
  return core::ok();
}

}  // namespace zerodte::adapters::angelone
