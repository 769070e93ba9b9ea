// FixExecutionClient: queries (OrderStatusRequest, OrderMassStatusRequest, RequestForPositions).
#include <spdlog/spdlog.h>

#include "zerodte/adapters/fix/fix_client_impl.hpp"

namespace zerodte::adapters::fix {

using core::ErrorCode;

core::Result<execution::VenueOrderState> FixExecutionClient::query_order(
    const core::ClientOrderId& id) {
  Impl& s = *impl_;
  FixMessage m;
  m.msg_type = "H";
  std::string req;
  {
    std::lock_guard l(s.mu);
    req = fmt::format("q{}", s.next_request++);
    m.set(tag::kClOrdId, std::string(id.view()));
    m.set(tag::kOrdStatusReqId, req);
    if (!s.cfg.account.empty()) m.set(tag::kAccount, s.cfg.account);
    // Symbol and Side are required by FIX 4.4; for an order this session never saw (after a
    // restart) the venue finds it by ClOrdID alone.
    auto it = s.orders.find(std::string(id.view()));
    const model::Instrument* inst =
        it != s.orders.end() ? s.instruments.try_get(it->second.intent.legs[0].instrument)
                             : nullptr;
    const bool multi = it != s.orders.end() && it->second.intent.is_multi_leg();
    m.set(tag::kSymbol, multi             ? "[MULTILEG]"
                        : inst != nullptr ? std::string(inst->symbol_view())
                                          : std::string("[N/A]"));
    m.set(tag::kSide, multi || it == s.orders.end()
                          ? std::string("1")
                          : std::string(1, side_code(it->second.intent.legs[0].side)));
  }
  auto answers = s.request(std::move(m), req, fmt::format("query order {}", id.view()));
  if (!answers) return std::unexpected(answers.error());
  if (answers->empty()) {
    return core::fail(ErrorCode::kTransport, "fix {}: query {}: empty answer", s.cfg.venue_name,
                      id.view());
  }
  auto r = decode_execution_report(answers->front());
  if (!r) return std::unexpected(r.error());
  if (r->ord_status == '8' && r->ord_rej_reason == 5) {  // OrdRejReason 5 = unknown order
    return core::fail(ErrorCode::kNotFound, "fix {}: venue has no order {}", s.cfg.venue_name,
                      id.view());
  }
  std::lock_guard l(s.mu);
  return s.state_from_report(*r);
}

core::Result<std::vector<execution::VenueOrderState>> FixExecutionClient::open_orders() {
  Impl& s = *impl_;
  FixMessage m;
  m.msg_type = "AF";
  std::string req;
  {
    std::lock_guard l(s.mu);
    req = fmt::format("m{}", s.next_request++);
  }
  m.set(tag::kMassStatusReqId, req);
  m.set(tag::kMassStatusReqType, "7");  // all orders
  if (!s.cfg.account.empty()) m.set(tag::kAccount, s.cfg.account);
  auto answers = s.request(std::move(m), req, "open orders");
  if (!answers) return std::unexpected(answers.error());
  std::vector<execution::VenueOrderState> out;
  std::lock_guard l(s.mu);
  for (const auto& a : *answers) {
    auto r = decode_execution_report(a);
    if (!r) return std::unexpected(r.error());
    if (r->cl_ord_id.empty() || r->total_reports == 0) continue;  // "no orders"
    execution::VenueOrderState st = s.state_from_report(*r);
    if (!model::is_terminal(st.status)) out.push_back(st);
  }
  return out;
}

core::Result<std::vector<model::Fill>> FixExecutionClient::fills_since(core::Timestamp since) {
  std::lock_guard l(impl_->mu);
  std::vector<model::Fill> out;
  for (const auto& f : impl_->fills) {
    if (f.ts_event >= since) out.push_back(f);
  }
  std::stable_sort(out.begin(), out.end(), [](const model::Fill& a, const model::Fill& b) {
    return a.ts_event < b.ts_event;
  });
  return out;
}

core::Result<std::vector<execution::PositionSnapshot>> FixExecutionClient::positions() {
  Impl& s = *impl_;
  FixMessage m;
  m.msg_type = "AN";
  std::string req;
  {
    std::lock_guard l(s.mu);
    req = fmt::format("p{}", s.next_request++);
  }
  const core::Timestamp now = s.clock.now();
  const core::Date today =
      core::Date::from_days_since_epoch(now.floor(std::chrono::days(1)).ns / core::kNanosPerDay);
  m.set(tag::kPosReqId, req);
  m.set(tag::kPosReqType, "0");  // positions
  m.set(tag::kAccount, s.cfg.account.empty() ? std::string("DEFAULT") : s.cfg.account);
  m.set(tag::kAccountType, "1");
  m.set(tag::kClearingBusinessDate,
        fmt::format("{:04}{:02}{:02}", today.year, today.month, today.day));
  m.set(tag::kTransactTime, format_utc_timestamp(now));
  auto answers = s.request(std::move(m), req, "positions");
  if (!answers) return std::unexpected(answers.error());
  std::vector<execution::PositionSnapshot> out;
  for (const auto& a : *answers) {
    const std::string symbol = a.get_or(tag::kSymbol);
    auto id = s.instrument_by_symbol(symbol);
    if (!id) {
      return core::fail(ErrorCode::kNotFound, "fix {}: PositionReport for unknown symbol '{}'",
                        s.cfg.venue_name, symbol);
    }
    execution::PositionSnapshot p;
    p.instrument = *id;
    if (const FixGroup* g = a.group(tag::kNoPositions)) {
      for (const auto& e : g->entries) {
        for (const auto& f : e) {
          if (f.tag != tag::kLongQty && f.tag != tag::kShortQty) continue;
          auto q = parse_qty(f.value, f.tag == tag::kLongQty ? "LongQty(704)" : "ShortQty(705)");
          if (!q) return std::unexpected(q.error());
          p.quantity.value += f.tag == tag::kLongQty ? *q : -*q;
        }
      }
    }
    auto px = core::Price::parse(a.get_or(tag::kSettlPrice, "0"));
    p.avg_price = px ? *px : core::Price::zero();  // FIX reports the settlement price
    out.push_back(p);
  }
  return out;
}

core::Result<execution::AccountSnapshot> FixExecutionClient::account() {
  return core::fail(ErrorCode::kUnsupported,
                    "fix {}: FIX 4.4 has no standard account balance query; read cash and buying "
                    "power from the broker's own API",
                    impl_->cfg.venue_name);
}

}  // namespace zerodte::adapters::fix
