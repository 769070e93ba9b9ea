// IbkrClient: incoming TWS messages -> order cache, OrderUpdate / Fill events, waiters.
#include <spdlog/spdlog.h>

#include "zerodte/adapters/ibkr/ibkr_client_impl.hpp"
#include "zerodte/adapters/ibkr/tws_contract.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"
#include "zerodte/core/clock.hpp"

namespace zerodte::adapters::ibkr {

using model::OrderStatus;

model::OrderStatus map_tws_status(std::string_view s, std::int64_t filled, std::int64_t remaining) {
  if (s == "Filled") return remaining > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kFilled;
  if (s == "Cancelled" || s == "ApiCancelled") return OrderStatus::kCancelled;
  if (s == "Inactive") return OrderStatus::kRejected;
  if (s == "PendingCancel") return OrderStatus::kPendingCancel;
  if (s == "PendingSubmit" || s == "ApiPending") return OrderStatus::kPendingNew;
  // Submitted, PreSubmitted (held until a trigger) and anything new: working.
  return filled > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kAccepted;
}

namespace {

template <typename T>
bool report(IbkrHealth& h, const core::Result<T>& r) {
  if (r) return true;
  ++h.decode_errors;
  h.last_error = r.error().message;
  spdlog::warn("ibkr: {}", r.error().message);
  return false;
}

}  // namespace

void IbkrClient::Impl::dispatch(int msg_id, FieldReader& r) {
  switch (static_cast<In>(msg_id)) {
    case In::kOrderStatus: {
      auto m = decode_order_status(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_order_status(*m);
      break;
    }
    case In::kOpenOrder: {
      auto m = decode_open_order(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_open_order(std::move(*m));
      break;
    }
    case In::kExecutionData: {
      auto m = decode_execution(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_execution(*m);
      break;
    }
    case In::kCommissionReport: {
      auto m = decode_commission(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_commission(*m);
      break;
    }
    case In::kErrMsg: {
      auto m = decode_error(r);
      bool pacing = false;
      {
        std::lock_guard lk(mu);
        if (!report(h, m)) break;
        on_error(*m);
        pacing = m->code == code::kPacingViolation;
      }
      // TWS reconnected to IB but lost the market data subscriptions: subscribe again.
      if (m->code == code::kRestoredDataLost) resubscribe_market_data();
      if (pacing) {
        // Halve the rate for a cool-down; repeated violations make TWS disconnect us.
        bucket.set_rate(std::max(1.0, cfg.pacing_per_second / 2));
        {
          std::lock_guard lk(mu);
          h.pacing_rate = bucket.rate();
        }
        cooldown_timer.expires_after(cfg.pacing_cooldown);
        cooldown_timer.async_wait([this](const boost::system::error_code& e) {
          if (e) return;
          bucket.set_rate(cfg.pacing_per_second);
          std::lock_guard lk(mu);
          h.pacing_rate = bucket.rate();
        });
      }
      break;
    }
    case In::kPositionData: {
      auto m = decode_position(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_position(*m);
      break;
    }
    case In::kAccountSummary: {
      auto m = decode_account_summary(r);
      std::lock_guard lk(mu);
      if (report(h, m) && (cfg.account.empty() || m->account == cfg.account)) {
        acct[m->tag] = m->value;
        if (m->tag == "TotalCashValue") acct["currency"] = m->currency;
      }
      break;
    }
    case In::kContractData: {
      auto m = decode_contract_data(r);
      std::lock_guard lk(mu);
      if (!report(h, m)) break;
      if (auto w = waiters.find(m->req_id); w != waiters.end()) w->second.contracts.push_back(*m);
      break;
    }
    case In::kNextValidId: {
      (void)r.i64();  // version
      auto id = r.i64();
      bool resync = false;
      {
        std::lock_guard lk(mu);
        if (!report(h, id)) break;
        h.next_order_id = std::max(h.next_order_id, *id);
        resync = phase == Phase::kSyncing && resync_keys.empty();
      }
      if (resync) start_resync();
      break;
    }
    case In::kManagedAccts: {
      (void)r.i64();
      auto list = r.str();
      std::lock_guard lk(mu);
      if (!report(h, list)) break;
      h.accounts.clear();
      std::string_view s = *list;
      while (!s.empty()) {
        const auto comma = s.find(',');
        if (auto a = s.substr(0, comma); !a.empty()) h.accounts.emplace_back(a);
        s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
      }
      if (cfg.account.empty() && !h.accounts.empty()) cfg.account = h.accounts.front();
      break;
    }
    case In::kCurrentTime:
      hb_outstanding = false;
      hb_missed = 0;
      break;
    case In::kOpenOrderEnd: {
      std::lock_guard lk(mu);
      on_end(kKeyOpenOrders);
      break;
    }
    case In::kCompletedOrder: {
      auto m = decode_completed_order(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_completed_order(*m);
      break;
    }
    case In::kCompletedOrdersEnd: {
      std::lock_guard lk(mu);
      on_end(kKeyCompleted);
      break;
    }
    case In::kPositionEnd: {
      std::lock_guard lk(mu);
      on_end(kKeyPositions);
      break;
    }
    case In::kExecutionDataEnd:
    case In::kAccountSummaryEnd:
    case In::kContractDataEnd: {
      (void)r.i64();  // version
      auto req = r.i64();
      std::lock_guard lk(mu);
      if (report(h, req)) on_end(*req);
      break;
    }
    case In::kTickPrice: {
      auto m = decode_tick_price(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_tick_price(*m);
      break;
    }
    case In::kTickSize: {
      auto m = decode_tick_size(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_tick_size(*m);
      break;
    }
    case In::kTickOptionComputation: {
      auto m = decode_tick_option(r);
      std::lock_guard lk(mu);
      if (report(h, m)) on_tick_option(*m);
      break;
    }
    case In::kMarketDepth:
    case In::kMarketDepthL2: {
      auto m = decode_depth(r, msg_id == static_cast<int>(In::kMarketDepthL2));
      std::lock_guard lk(mu);
      if (report(h, m)) on_depth(*m);
      break;
    }
    default:
      break;  // account values, portfolio, news, ...: not used
  }
  cv.notify_all();
  finish_resync_if_done();
}

void IbkrClient::Impl::on_end(std::int64_t key) {
  if (auto w = waiters.find(key); w != waiters.end()) w->second.done = true;
}

OrderEntry* IbkrClient::Impl::find_key(std::int64_t key) {
  auto it = orders.find(key);
  return it == orders.end() ? nullptr : &it->second;
}

OrderEntry* IbkrClient::Impl::find_cid(const core::ClientOrderId& cid) {
  auto it = by_cid.find(cid);
  return it == by_cid.end() ? nullptr : find_key(it->second);
}

void IbkrClient::Impl::on_error(const ErrorMsg& m) {
  const bool info = (m.code >= 2100 && m.code < 2200) || m.code == 399;
  if (!info) {
    h.last_error = fmt::format("TWS error {} (id {}): {}", m.code, m.id, m.text);
    spdlog::warn("ibkr: {}", h.last_error);
  }
  if (m.code == code::kPacingViolation) {
    ++h.pacing_violations;
    return;
  }
  if (m.code == code::kConnectivityLost) {
    post_feed(model::FeedState::kStale, "TWS lost its connection to IB");
    return;
  }
  if (m.code == code::kRestoredDataKept || m.code == code::kRestoredDataLost) {
    post_feed(model::FeedState::kRecovered, "TWS reconnected to IB");
    return;
  }
  if (info || m.id <= 0) return;
  if (auto w = waiters.find(m.id); w != waiters.end()) {  // a request failed
    w->second.done = true;
    w->second.error =
        core::Error{core::ErrorCode::kRejected, fmt::format("TWS error {}: {}", m.code, m.text)};
    return;
  }
  OrderEntry* e = find_key(m.id);
  if (e == nullptr) return;
  const std::string reason = fmt::format("TWS {}: {}", m.code, m.text);
  if (!e->pending_cid.empty()) {
    // The modify was refused: the replacement is rejected, the original keeps working.
    OrderEntry repl = *e;
    repl.cid = e->pending_cid;
    repl.state.filled_qty = core::Quantity{0};
    post_update(repl, OrderStatus::kRejected, reason);
    execution::VenueOrderState rs = repl.state;
    rs.status = OrderStatus::kRejected;
    rs.reason = reason;
    retired[repl.cid] = rs;
    by_cid.erase(e->pending_cid);
    e->pending_cid = {};
    // The original leaves pending_replace: report its current (held) state.
    post_update(*e, e->state.status);
    return;
  }
  if (m.code == code::kNotCancellable || m.code == code::kCancelIdNotFound) return;
  if (m.code == code::kOrderCancelled) {
    e->state.status = OrderStatus::kCancelled;
    e->state.reason = reason;
    post_update(*e, OrderStatus::kCancelled, reason);
    return;
  }
  // Any other error on an order not yet working is a rejection (201, 103, 110, 200, 321, ...).
  if (e->state.status == OrderStatus::kPendingNew || m.code == code::kOrderRejected) {
    e->state.status = OrderStatus::kRejected;
    e->state.reason = reason;
    post_update(*e, OrderStatus::kRejected, reason);
  }
}

void IbkrClient::Impl::on_position(const PositionMsg& m) {
  if (!cfg.account.empty() && m.account != cfg.account) return;
  auto id = learn_contract(m.contract);
  if (!id) {
    ++h.decode_errors;
    h.last_error = id.error().message;
    return;
  }
  execution::PositionSnapshot p;
  p.instrument = *id;
  p.quantity = core::Quantity{m.position};
  // TWS's avgCost includes the multiplier for options (price x 100).
  const auto* inst = reg.try_get(*id);
  const std::int64_t mult = inst != nullptr && inst->multiplier > 0 ? inst->multiplier : 1;
  p.avg_price = m.avg_cost.is_defined() ? core::Price::from_raw(m.avg_cost.raw() / mult)
                                        : core::Price::zero();
  if (m.position == 0) {
    pos.erase(*id);
  } else {
    pos[*id] = p;
  }
}

}  // namespace zerodte::adapters::ibkr
