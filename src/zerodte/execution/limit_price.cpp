#include "zerodte/execution/limit_price.hpp"

#include <algorithm>

namespace zerodte::execution {
namespace {

using core::Price;
using model::Side;

core::Result<Price> from_i128(__int128 raw, std::string_view what) {
  if (raw > INT64_MAX - 1 || raw < INT64_MIN) {
    return core::fail(core::ErrorCode::kOverflow, "{}: price out of range", what);
  }
  return Price::from_raw(static_cast<std::int64_t>(raw));
}

// floor((a + b) / 2) on raw nanos: exact, and the half-nano never matters after tick rounding
// except for the direction, which round_passive applies.
Price raw_mid(Price bid, Price ask, Side side) {
  const __int128 sum = static_cast<__int128>(bid.raw()) + ask.raw();
  __int128 half = sum / 2;
  if (sum % 2 != 0 && side == Side::kSell) half += (sum > 0 ? 1 : 0);
  return Price::from_raw(static_cast<std::int64_t>(half));
}

}  // namespace

Price round_passive(const model::TickRule& rule, Price p, Side side) {
  return model::round_to_valid(rule, p,
                               side == Side::kSell ? core::RoundMode::kUp : core::RoundMode::kDown);
}

Price step_ticks(const model::TickRule& rule, Price p, std::int32_t k) {
  for (; k > 0; --k)
    p = model::round_to_valid(rule, p + Price::from_raw(1), core::RoundMode::kUp);
  for (; k < 0; ++k) {
    p = model::round_to_valid(rule, p - Price::from_raw(1), core::RoundMode::kDown);
  }
  return p;
}

core::Status check_quote(Price bid, Price ask, std::int64_t bid_size, std::int64_t ask_size,
                         std::string_view what) {
  if (!bid.is_defined() || !ask.is_defined() || bid_size <= 0 || ask_size <= 0) {
    return core::fail(core::ErrorCode::kInvalid, "{}: quote missing or one-sided", what);
  }
  if (bid > ask) {
    return core::fail(core::ErrorCode::kInvalid, "{}: quote crossed (bid {} > ask {})", what, bid,
                      ask);
  }
  if (bid == ask) {
    return core::fail(core::ErrorCode::kInvalid, "{}: quote locked (bid = ask = {})", what, bid);
  }
  return core::ok();
}

core::Result<Price> mid_limit(const model::TickRule& rule, Price bid, Price ask, Side side) {
  if (auto s = check_quote(bid, ask, 1, 1, "mid_limit"); !s) return std::unexpected(s.error());
  return round_passive(rule, raw_mid(bid, ask, side), side);
}

core::Result<Price> mid_plus_ticks(const model::TickRule& rule, Price bid, Price ask, Side side,
                                   std::int32_t k) {
  auto mid = mid_limit(rule, bid, ask, side);
  if (!mid) return mid;
  if (side == Side::kBuy) return std::min(step_ticks(rule, *mid, k), ask);
  return std::max(step_ticks(rule, *mid, -k), bid);
}

core::Result<Price> ltp_offset(const model::TickRule& rule, Price ltp, Side side,
                               std::int32_t pct_bps) {
  if (!ltp.is_defined() || ltp <= Price::zero()) {
    return core::fail(core::ErrorCode::kInvalid, "ltp_offset: last price {} is not positive", ltp);
  }
  if (pct_bps < 0 || pct_bps >= 10'000) {
    return core::fail(core::ErrorCode::kOutOfRange, "ltp_offset: {} bps outside [0, 10000)",
                      pct_bps);
  }
  const std::int32_t factor = side == Side::kBuy ? 10'000 + pct_bps : 10'000 - pct_bps;
  const __int128 num = static_cast<__int128>(ltp.raw()) * factor;
  // Truncation toward zero is the passive direction for a buy; a sell needs the ceiling.
  __int128 raw = num / 10'000;
  if (side == Side::kSell && num % 10'000 != 0) raw += 1;
  auto p = from_i128(raw, "ltp_offset");
  if (!p) return p;
  return round_passive(rule, *p, side);
}

core::Result<Price> net_mid_limit(std::span<const LegQuote> legs, Price complex_tick,
                                  std::int32_t k) {
  if (legs.empty()) return core::fail(core::ErrorCode::kInvalid, "net_mid_limit: no legs");
  if (complex_tick <= Price::zero()) {
    return core::fail(core::ErrorCode::kInvalid, "net_mid_limit: complex tick must be positive");
  }
  __int128 twice = 0;  // 2 * net mid, exact
  for (std::size_t i = 0; i < legs.size(); ++i) {
    const auto& l = legs[i];
    if (auto s = check_quote(l.bid, l.ask, 1, 1, fmt::format("net_mid_limit leg {}", i)); !s) {
      return std::unexpected(s.error());
    }
    const __int128 leg2 = (static_cast<__int128>(l.bid.raw()) + l.ask.raw()) * l.ratio;
    twice += l.side == Side::kBuy ? leg2 : -leg2;
  }
  // Passive for the package buyer: toward -inf (pay less / receive more).
  __int128 mid = twice / 2;
  if (twice % 2 != 0 && twice < 0) mid -= 1;
  auto p = from_i128(mid, "net_mid_limit");
  if (!p) return p;
  Price out = p->round_to_tick(complex_tick, core::RoundMode::kDown);
  return out + complex_tick * k;
}

}  // namespace zerodte::execution
