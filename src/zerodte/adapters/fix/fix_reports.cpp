// ExecutionReport (35=8) decoding.
#include <fmt/format.h>

#include "zerodte/adapters/fix/fix_codec.hpp"

namespace zerodte::adapters::fix {

using core::ErrorCode;

namespace {

core::Result<core::Price> price_field(const FixMessage& m, int t, std::string_view name) {
  const std::string* v = m.get(t);
  if (v == nullptr) return core::Price::undefined();
  auto p = core::Price::parse(*v);
  if (!p) return std::unexpected(p.error().with_context(fmt::format("FIX {}({})", name, t)));
  return *p;
}

core::Result<std::int64_t> qty_field(const FixMessage& m, int t, std::string_view name,
                                     bool required) {
  const std::string* v = m.get(t);
  if (v == nullptr) {
    if (required) return core::fail(ErrorCode::kParse, "FIX 35=8: missing {}({})", name, t);
    return 0;
  }
  return parse_qty(*v, fmt::format("{}({})", name, t));
}

}  // namespace

core::Result<ExecReport> decode_execution_report(const FixMessage& m) {
  ExecReport r;
  auto need = [&](int t, std::string_view name) -> core::Result<std::string> {
    const std::string* v = m.get(t);
    if (v == nullptr || v->empty()) {
      return core::fail(ErrorCode::kParse, "FIX 35=8 (ClOrdID {}): missing {}({})",
                        m.get_or(tag::kClOrdId, "?"), name, t);
    }
    return *v;
  };
  auto exec_id = need(tag::kExecId, "ExecID");
  if (!exec_id) return std::unexpected(exec_id.error());
  auto exec_type = need(tag::kExecType, "ExecType");
  if (!exec_type) return std::unexpected(exec_type.error());
  auto ord_status = need(tag::kOrdStatus, "OrdStatus");
  if (!ord_status) return std::unexpected(ord_status.error());
  r.exec_id = *exec_id;
  r.exec_type = (*exec_type)[0];
  r.ord_status = (*ord_status)[0];
  r.cl_ord_id = m.get_or(tag::kClOrdId);
  r.orig_cl_ord_id = m.get_or(tag::kOrigClOrdId);
  r.order_id = m.get_or(tag::kOrderId);
  r.text = m.get_or(tag::kText);
  r.symbol = m.get_or(tag::kSymbol);
  r.status_req_id = m.get_or(tag::kOrdStatusReqId);
  r.mass_req_id = m.get_or(tag::kMassStatusReqId);
  if (const std::string* v = m.get(tag::kOrdRejReason)) r.ord_rej_reason = std::atoi(v->c_str());
  r.side = m.get_or(tag::kSide, "1") == "2" ? model::Side::kSell : model::Side::kBuy;

  auto q = qty_field(m, tag::kOrderQty, "OrderQty", false);
  if (!q) return std::unexpected(q.error());
  r.order_qty = *q;
  q = qty_field(m, tag::kCumQty, "CumQty", true);
  if (!q) return std::unexpected(q.error());
  r.cum_qty = *q;
  q = qty_field(m, tag::kLeavesQty, "LeavesQty", true);
  if (!q) return std::unexpected(q.error());
  r.leaves_qty = *q;
  q = qty_field(m, tag::kLastQty, "LastQty", false);
  if (!q) return std::unexpected(q.error());
  r.last_qty = *q;

  auto p = price_field(m, tag::kAvgPx, "AvgPx");
  if (!p) return std::unexpected(p.error());
  r.avg_px = p->is_defined() ? *p : core::Price::zero();
  p = price_field(m, tag::kLastPx, "LastPx");
  if (!p) return std::unexpected(p.error());
  r.last_px = *p;
  p = price_field(m, tag::kPrice, "Price");
  if (!p) return std::unexpected(p.error());
  r.price = *p;
  p = price_field(m, tag::kCommission, "Commission");
  if (!p) return std::unexpected(p.error());
  r.commission = p->is_defined() ? *p : core::Price::zero();

  if (const std::string* v = m.get(tag::kMultiLegReportingType); v != nullptr && !v->empty()) {
    r.multileg_reporting = (*v)[0];
  }
  if (const std::string* v = m.get(tag::kTotNumReports)) r.total_reports = std::atoi(v->c_str());
  r.last_report = m.get_or(tag::kLastRptRequested) == "Y";
  if (const std::string* v = m.get(tag::kTransactTime)) {
    auto t = parse_utc_timestamp(*v);
    if (!t) return std::unexpected(t.error().with_context("FIX TransactTime(60)"));
    r.transact_time = *t;
  }
  if (const std::string* v = m.get(tag::kLastLiquidityInd)) {
    r.liquidity = *v == "1"   ? model::Liquidity::kMaker
                  : *v == "2" ? model::Liquidity::kTaker
                              : model::Liquidity::kUnknown;
  }
  if (const FixGroup* g = m.group(tag::kNoLegs)) {
    for (const auto& entry : g->entries) {
      ExecReport::Leg leg;
      bool has_px = false;
      for (const auto& f : entry) {
        if (f.tag == tag::kLegSymbol) leg.symbol = f.value;
        if (f.tag == tag::kLegSide)
          leg.side = f.value == "2" ? model::Side::kSell : model::Side::kBuy;
        if (f.tag == tag::kLegQty) {
          auto lq = parse_qty(f.value, "LegQty(687)");
          if (!lq) return std::unexpected(lq.error());
          leg.qty = *lq;
        }
        if (f.tag == tag::kLegLastPx) {
          auto lp = core::Price::parse(f.value);
          if (!lp) return std::unexpected(lp.error().with_context("FIX LegLastPx(637)"));
          leg.last_px = *lp;
          has_px = true;
        }
      }
      if (has_px) r.legs.push_back(std::move(leg));
    }
  }
  if (r.cum_qty < 0 || r.leaves_qty < 0 || r.last_qty < 0) {
    return core::fail(ErrorCode::kInvalid, "FIX 35=8 {}: negative quantity", r.exec_id);
  }
  return r;
}

}  // namespace zerodte::adapters::fix
