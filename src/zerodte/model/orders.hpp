#pragma once
// Order-side types shared by strategies, risk, execution and venues. The execution engine owns
// the order state machine (execution/); these are the values it passes around.
#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "zerodte/core/fixed_string.hpp"
#include "zerodte/core/ids.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::model {

using core::ClientOrderId;
using core::OrderId;
using core::Quantity;
using core::StrategyId;
using core::VenueOrderId;

enum class OrderType : std::uint8_t { kMarket, kLimit, kStop, kStopLimit };
enum class TimeInForce : std::uint8_t { kDay, kIoc, kGtc, kFok };
enum class PositionIntent : std::uint8_t {
  kAuto,
  kBuyToOpen,
  kBuyToClose,
  kSellToOpen,
  kSellToClose
};
enum class OrderClass : std::uint8_t { kSimple, kMultiLeg, kBracket, kOco };

enum class OrderStatus : std::uint8_t {
  kPendingNew,
  kAccepted,
  kPartiallyFilled,
  kFilled,
  kPendingCancel,
  kPendingReplace,
  kReplaced,
  kCancelled,
  kRejected,
  kExpired,
};

[[nodiscard]] constexpr bool is_terminal(OrderStatus s) {
  return s == OrderStatus::kFilled || s == OrderStatus::kCancelled || s == OrderStatus::kRejected ||
         s == OrderStatus::kExpired || s == OrderStatus::kReplaced;
}
std::string_view to_string(OrderStatus s);
std::string_view to_string(Side s);
std::string_view to_string(OrderType t);
std::string_view to_string(TimeInForce t);

struct OrderLeg {
  InstrumentId instrument;
  Side side = Side::kBuy;
  std::int32_t ratio = 1;  // quantity multiplier relative to the order quantity
  PositionIntent intent = PositionIntent::kAuto;
};

inline constexpr std::size_t kMaxLegs = 4;

// What a strategy (or the kill switch, or a person) wants; risk approves or rejects it.
struct OrderIntent {
  StrategyId strategy;
  std::uint64_t signal_id = 0;    // the Signal that caused it (0 = none, e.g. manual)
  std::uint32_t intent_seq = 0;   // distinguishes several intents from one signal
  ClientOrderId client_order_id;  // deterministic, assigned by execution from the three above
  OrderClass order_class = OrderClass::kSimple;
  std::array<OrderLeg, kMaxLegs> legs{};
  std::uint8_t leg_count = 1;
  Quantity quantity{1};
  OrderType type = OrderType::kLimit;
  TimeInForce tif = TimeInForce::kDay;
  Price limit_price;  // for multi-leg: net price per unit, positive = debit, negative = credit
  Price stop_price;
  Price take_profit_price;  // bracket
  Price stop_loss_price;    // bracket
  bool reduce_only = false;
  Timestamp ts_created;
  core::FixedString<64> tag;  // short human reason, e.g. "sawtooth trough + bullish flip"

  [[nodiscard]] bool is_multi_leg() const { return leg_count > 1; }
};

// Venue-reported order state change.
struct OrderUpdate {
  ClientOrderId client_order_id;
  VenueOrderId venue_order_id;
  OrderStatus status = OrderStatus::kPendingNew;
  Quantity filled_qty{0};
  Quantity leaves_qty{0};
  Price avg_fill_price;
  Timestamp ts_event;
  Timestamp ts_recv;
  core::FixedString<96> reason;  // reject/cancel reason text from the venue
};

enum class Liquidity : std::uint8_t { kUnknown, kMaker, kTaker };

struct Fill {
  ClientOrderId client_order_id;
  VenueOrderId venue_order_id;
  core::FixedString<48> exec_id;  // venue execution id; duplicates are ignored by the portfolio
  InstrumentId instrument;
  std::uint8_t leg_index = 0;
  Side side = Side::kBuy;
  Quantity quantity{0};
  Price price;
  Price fee;  // total commission + fees for this fill, in account currency
  Liquidity liquidity = Liquidity::kUnknown;
  Timestamp ts_event;
  Timestamp ts_recv;
};

static_assert(std::is_trivially_copyable_v<OrderIntent>);
static_assert(std::is_trivially_copyable_v<OrderUpdate>);
static_assert(std::is_trivially_copyable_v<Fill>);

}  // namespace zerodte::model
