#pragma once
// Market events: small trivially-copyable structs. Every event carries ts_event (venue/exchange
// time) and ts_recv (when zerodte received it). Prices are fixed-point; sizes are whole units.
#include <array>
#include <cstdint>
#include <type_traits>

#include "zerodte/core/fixed_string.hpp"
#include "zerodte/core/ids.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::model {

using core::InstrumentId;
using core::Price;
using core::Timestamp;

enum class Side : std::uint8_t { kNone = 0, kBuy = 1, kSell = 2 };

struct EventHeader {
  InstrumentId instrument;
  Timestamp ts_event;  // venue time
  Timestamp ts_recv;   // our receive time (== ts_event when the source has no better value)
};

struct Trade {
  EventHeader hdr;
  Price price;
  std::int64_t size = 0;
  Side aggressor = Side::kNone;  // side of the aggressor when the venue reports it
  std::uint8_t flags = 0;
  std::uint16_t publisher = 0;
  std::uint32_t sequence = 0;
};

struct Quote {  // top of book / NBBO
  EventHeader hdr;
  Price bid;
  Price ask;
  std::int64_t bid_size = 0;
  std::int64_t ask_size = 0;
  std::uint16_t publisher = 0;

  [[nodiscard]] bool has_both_sides() const {
    return bid.is_defined() && ask.is_defined() && bid_size > 0 && ask_size > 0;
  }
  [[nodiscard]] bool is_crossed() const { return has_both_sides() && bid > ask; }
  [[nodiscard]] bool is_locked() const { return has_both_sides() && bid == ask; }
  [[nodiscard]] double mid() const { return 0.5 * (bid.to_double() + ask.to_double()); }
};

struct Bar {
  EventHeader hdr;  // ts_event = the bar's open time
  std::int32_t interval_s = 60;
  Price open;
  Price high;
  Price low;
  Price close;
  std::int64_t volume = 0;
  std::int32_t trade_count = 0;
  [[nodiscard]] Timestamp close_time() const {
    return hdr.ts_event + core::Duration{std::int64_t{interval_s} * core::kNanosPerSecond};
  }
};

// Vendor-supplied analytics on an option quote (absent unless has_greeks).
struct VendorGreeks {
  double iv = 0;
  double delta = 0;
  double gamma = 0;
  double theta = 0;
  double vega = 0;
  double rho = 0;
};

struct OptionQuote {
  EventHeader hdr;
  Price bid;
  Price ask;
  Price last;
  std::int64_t bid_size = 0;
  std::int64_t ask_size = 0;
  std::int64_t volume = 0;
  std::int64_t open_interest = 0;
  Price underlying_price;  // undefined when not supplied
  VendorGreeks greeks;
  bool has_greeks = false;
};

struct BookLevel {
  Price bid_px = Price::undefined();
  Price ask_px = Price::undefined();
  std::int64_t bid_size = 0;
  std::int64_t ask_size = 0;
  std::uint32_t bid_count = 0;
  std::uint32_t ask_count = 0;
};

struct BookDepth {
  static constexpr std::size_t kMaxLevels = 10;
  EventHeader hdr;
  std::uint8_t depth = 0;  // valid levels
  std::array<BookLevel, kMaxLevels> levels{};
};

struct Imbalance {  // closing/opening auction imbalance (e.g. Nasdaq NOII, NYSE)
  EventHeader hdr;
  Price ref_price;
  Price indicative_price;  // cont_book_clr_price / near indicative
  std::int64_t paired_qty = 0;
  std::int64_t total_imbalance_qty = 0;
  std::int64_t market_imbalance_qty = 0;
  Side side = Side::kNone;  // side with the excess
  char auction_type = 'C';  // 'O' open, 'C' close, 'H' halt/IPO, ...
};

enum class TradingStatus : std::uint8_t { kUnknown, kTrading, kHalted, kPaused, kClosed };

struct InstrumentStatus {
  EventHeader hdr;
  TradingStatus status = TradingStatus::kUnknown;
  core::FixedString<24> reason;
};

enum class FeedState : std::uint8_t { kConnecting, kConnected, kStale, kDisconnected, kRecovered };

// Health of a data or venue connection, posted by adapters (watchdogs) for risk and the overseer.
struct FeedStatus {
  Timestamp ts_event;
  Timestamp ts_recv;
  core::FixedString<24> feed;  // "alpaca.stocks", "polygon.options", "sim"
  FeedState state = FeedState::kConnecting;
  core::FixedString<96> detail;
};

static_assert(std::is_trivially_copyable_v<Trade>);
static_assert(std::is_trivially_copyable_v<Quote>);
static_assert(std::is_trivially_copyable_v<Bar>);
static_assert(std::is_trivially_copyable_v<OptionQuote>);
static_assert(std::is_trivially_copyable_v<BookDepth>);
static_assert(std::is_trivially_copyable_v<Imbalance>);
static_assert(std::is_trivially_copyable_v<FeedStatus>);

}  // namespace zerodte::model
