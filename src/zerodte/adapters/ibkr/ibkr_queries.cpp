// IbkrClient queries (kernel thread): open orders, one order by client_order_id, executions,
// positions and the account summary - each a TWS request answered up to its End message.
#include <algorithm>

#include "zerodte/adapters/ibkr/ibkr_client.hpp"
#include "zerodte/adapters/ibkr/ibkr_client_impl.hpp"

namespace zerodte::adapters::ibkr {

using core::ErrorCode;
using model::OrderStatus;

core::Status IbkrClient::Impl::refresh_orders() {
  auto w = request(kKeyOpenOrders, encode_req_all_open_orders());
  if (!w) return std::unexpected(w.error());
  return core::ok();
}

core::Result<std::vector<execution::VenueOrderState>> IbkrClient::open_orders() {
  Impl& im = *impl_;
  if (auto s = im.refresh_orders(); !s) return std::unexpected(s.error());
  std::lock_guard lk(im.mu);
  std::vector<execution::VenueOrderState> out;
  for (const auto& [k, e] : im.orders) {
    if (e.seen_round == im.open_round && !model::is_terminal(e.state.status)) {
      out.push_back(e.state);
    }
  }
  return out;
}

core::Result<execution::VenueOrderState> IbkrClient::query_order(const core::ClientOrderId& id) {
  Impl& im = *impl_;
  for (int attempt = 0; attempt < 2; ++attempt) {
    {
      std::lock_guard lk(im.mu);
      if (const OrderEntry* e = im.find_cid(id)) {
        // Known but not confirmed by TWS (no openOrder yet): ask again before answering.
        if (e->state.status != OrderStatus::kPendingNew || attempt == 1) return e->state;
      } else if (auto r = im.retired.find(id); r != im.retired.end()) {
        return r->second;
      } else if (attempt == 1) {
        // Not open; an order that executed and finished carries its orderRef on executions.
        std::int64_t filled = 0;
        model::Fill last;
        for (const auto& [x, rec] : im.execs) {
          if (rec.fill.client_order_id == id) {
            filled += rec.fill.quantity.value;
            last = rec.fill;
          }
        }
        if (filled > 0) {
          execution::VenueOrderState v;
          v.order.client_order_id = id;
          v.order.legs[0].instrument = last.instrument;
          v.order.legs[0].side = last.side;
          v.order.quantity = core::Quantity{filled};
          v.venue_order_id = last.venue_order_id;
          v.status = OrderStatus::kFilled;
          v.filled_qty = core::Quantity{filled};
          v.avg_fill_price = last.price;
          return v;
        }
        return core::fail(ErrorCode::kNotFound, "ibkr: no order with orderRef {}", id.view());
      }
    }
    if (attempt == 0) {
      if (auto s = im.refresh_orders(); !s) return std::unexpected(s.error());
      if (auto c = im.request(kKeyCompleted, encode_req_completed_orders(true)); !c) {
        return std::unexpected(c.error());
      }
      std::int64_t req = 0;
      {
        std::lock_guard lk(im.mu);
        req = im.next_req_id++;
      }
      auto w = im.request(req, encode_req_executions(req, ExecutionFilter{0, im.account(), ""}));
      if (!w) return std::unexpected(w.error());
    }
  }
  return core::fail(ErrorCode::kNotFound, "ibkr: no order with orderRef {}", id.view());
}

core::Result<std::vector<model::Fill>> IbkrClient::fills_since(core::Timestamp since) {
  Impl& im = *impl_;
  std::int64_t req = 0;
  {
    std::lock_guard lk(im.mu);
    req = im.next_req_id++;
  }
  auto w = im.request(req, encode_req_executions(req, ExecutionFilter{0, im.account(), ""}));
  if (!w) return std::unexpected(w.error());
  std::lock_guard lk(im.mu);
  std::vector<model::Fill> out;
  for (const auto& [x, rec] : im.execs) {
    if (rec.fill.ts_event >= since) out.push_back(rec.fill);
  }
  std::stable_sort(out.begin(), out.end(), [](const model::Fill& a, const model::Fill& b) {
    return a.ts_event < b.ts_event;
  });
  return out;
}

core::Result<std::vector<execution::PositionSnapshot>> IbkrClient::positions() {
  Impl& im = *impl_;
  {
    std::lock_guard lk(im.mu);
    im.pos.clear();
  }
  auto w = im.request(kKeyPositions, encode_req_positions());
  if (!w) return std::unexpected(w.error());
  std::lock_guard lk(im.mu);
  std::vector<execution::PositionSnapshot> out;
  for (const auto& [id, p] : im.pos)
    out.push_back(p);
  return out;
}

core::Result<execution::AccountSnapshot> IbkrClient::account() {
  Impl& im = *impl_;
  std::int64_t req = 0;
  {
    std::lock_guard lk(im.mu);
    req = im.next_req_id++;
  }
  auto w = im.request(req, encode_req_account_summary(
                               req, "NetLiquidation,TotalCashValue,BuyingPower,AvailableFunds"));
  if (!w) return std::unexpected(w.error());
  std::lock_guard lk(im.mu);
  auto value = [&](const char* tag) -> core::Result<core::Price> {
    auto it = im.acct.find(tag);
    if (it == im.acct.end()) {
      return core::fail(ErrorCode::kNotFound, "ibkr account summary: no {} for account {}", tag,
                        im.cfg.account);
    }
    auto p = core::Price::parse(it->second);
    if (!p) return std::unexpected(p.error().with_context(fmt::format("ibkr account {}", tag)));
    return *p;
  };
  execution::AccountSnapshot a;
  auto cash = value("TotalCashValue");
  auto bp = value("BuyingPower");
  auto eq = value("NetLiquidation");
  if (!cash) return std::unexpected(cash.error());
  if (!bp) return std::unexpected(bp.error());
  if (!eq) return std::unexpected(eq.error());
  a.cash = *cash;
  a.buying_power = *bp;
  a.equity = *eq;
  if (auto c = im.acct.find("currency"); c != im.acct.end() && !c->second.empty()) {
    a.currency = c->second;
  }
  return a;
}

}  // namespace zerodte::adapters::ibkr
