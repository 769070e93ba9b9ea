#pragma once
// FIX 4.4 <-> zerodte order model: the messages the adapter sends (NewOrderSingle 35=D,
// NewOrderMultileg 35=AB, OrderCancelReplaceRequest 35=G, MultilegOrderCancelReplace 35=AC,
// OrderCancelRequest 35=F, OrderStatusRequest 35=H) and the ExecutionReport (35=8) it reads.
// Pure functions, no QuickFIX: FixMessage is the bridge's tag/value form.
//
// Instruments go out as Symbol(55) = zerodte's canonical symbol (OCC padded for US options, the
// NSE trading symbol for NSE options), SecurityType(167) OPT/CS/INDEX, and for options
// MaturityDate(541), StrikePrice(202), PutOrCall(201). Incoming reports are matched back by
// ClOrdID; Symbol is only used to find the leg of a multi-leg execution.
#include <cstdint>
#include <string>
#include <string_view>

#include "zerodte/adapters/fix/fix_engine.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/orders.hpp"

namespace zerodte::adapters::fix {

namespace tag {
inline constexpr int kAccount = 1, kAvgPx = 6, kClOrdId = 11, kCommission = 12, kCumQty = 14,
                     kExecId = 17, kHandlInst = 21, kLastPx = 31, kLastQty = 32, kOrderId = 37,
                     kOrderQty = 38, kOrdStatus = 39, kOrdType = 40, kOrigClOrdId = 41, kPrice = 44,
                     kRefSeqNum = 45, kSide = 54, kSymbol = 55, kText = 58, kTimeInForce = 59,
                     kTransactTime = 60, kPositionEffect = 77, kStopPx = 99, kCxlRejReason = 102,
                     kOrdRejReason = 103, kExecType = 150, kLeavesQty = 151, kSecurityType = 167,
                     kPutOrCall = 201, kStrikePrice = 202, kRefMsgType = 372,
                     kBusinessRejectRefId = 379, kBusinessRejectReason = 380,
                     kCxlRejResponseTo = 434, kMultiLegReportingType = 442, kMaturityDate = 541,
                     kNoLegs = 555, kLegPositionEffect = 564, kLegPrice = 566,
                     kMassStatusReqId = 584, kMassStatusReqType = 585, kLegSymbol = 600,
                     kLegSecurityType = 609, kLegMaturityDate = 611, kLegStrikePrice = 612,
                     kLegRatioQty = 623, kLegSide = 624, kLegLastPx = 637, kLegRefId = 654,
                     kLegQty = 687, kNoPositions = 702, kPosType = 703, kLongQty = 704,
                     kShortQty = 705, kPosReqId = 710, kClearingBusinessDate = 715,
                     kPosMaintRptId = 721, kPosReqType = 724, kTotalNumPosReports = 727,
                     kPosReqResult = 728, kPosReqStatus = 729, kSettlPrice = 730,
                     kSettlPriceType = 731, kPriorSettlPrice = 734, kAccountType = 581,
                     kOrdStatusReqId = 790, kLastLiquidityInd = 851, kTotNumReports = 911,
                     kLastRptRequested = 912;
}  // namespace tag

[[nodiscard]] char side_code(model::Side s);  // 1 buy, 2 sell
[[nodiscard]] char ord_type_code(model::OrderType t);
[[nodiscard]] char tif_code(model::TimeInForce t);
[[nodiscard]] char position_effect_code(model::PositionIntent p);  // 0 = none (auto)

// OrdStatus(39) -> our status. 3 DoneForDay, 7 Stopped, 9 Suspended, B Calculated and
// D AcceptedForBidding are working states (accepted, or partially_filled when cum_qty > 0).
core::Result<model::OrderStatus> status_from_ord_status(char ord_status, std::int64_t cum_qty);

// FIX decimal quantities must be whole units ("10", "10.0"); FIX UTCTimestamp
// "YYYYMMDD-HH:MM:SS[.sss...]".
core::Result<std::int64_t> parse_qty(std::string_view text, std::string_view what);
core::Result<core::Timestamp> parse_utc_timestamp(std::string_view text);
std::string format_utc_timestamp(core::Timestamp t);  // millisecond precision

struct FixOrderContext {
  const model::InstrumentRegistry& instruments;
  std::string account;  // Account(1); empty = not sent
  core::Timestamp now;  // TransactTime(60)
};

// 35=D for one leg, 35=AB (NoLegs, Side=B "as defined", Price = net, negative for a credit)
// for several.
core::Result<FixMessage> encode_new_order(const model::OrderIntent& order,
                                          const FixOrderContext& ctx);
// 35=G / 35=AC. `total_qty` is FIX's OrderQty of the replacement: the new quantity plus what the
// original has already executed (FIX counts the chain as one order).
core::Result<FixMessage> encode_replace(const model::OrderIntent& original,
                                        const core::ClientOrderId& new_id,
                                        const core::VenueOrderId& venue_id, std::int64_t total_qty,
                                        core::Price limit, core::Price stop,
                                        const FixOrderContext& ctx);
core::Result<FixMessage> encode_cancel(const model::OrderIntent& original,
                                       const core::ClientOrderId& cancel_id,
                                       const core::VenueOrderId& venue_id,
                                       const FixOrderContext& ctx);

// The fields of an ExecutionReport the adapter uses, checked.
struct ExecReport {
  std::string cl_ord_id, orig_cl_ord_id, order_id, exec_id, text, symbol;
  std::string status_req_id, mass_req_id;  // 790 / 584 (answers to our requests)
  char exec_type = '0';
  char ord_status = '0';
  int ord_rej_reason = -1;  // 103; -1 = absent
  model::Side side = model::Side::kBuy;
  std::int64_t order_qty = 0, cum_qty = 0, leaves_qty = 0, last_qty = 0;
  core::Price avg_px = core::Price::zero();
  core::Price last_px = core::Price::undefined();
  core::Price price = core::Price::undefined();
  core::Price commission = core::Price::zero();
  char multileg_reporting = '1';  // 442: 1 single, 2 individual leg, 3 multileg summary
  int total_reports = -1;         // 911
  bool last_report = false;       // 912
  core::Timestamp transact_time;  // 0 when absent
  model::Liquidity liquidity = model::Liquidity::kUnknown;
  struct Leg {
    std::string symbol;
    model::Side side = model::Side::kBuy;
    std::int64_t qty = 0;
    core::Price last_px = core::Price::undefined();
  };
  std::vector<Leg> legs;  // NoLegs with LegLastPx, when the venue reports legs in one message
};
core::Result<ExecReport> decode_execution_report(const FixMessage& m);

}  // namespace zerodte::adapters::fix
