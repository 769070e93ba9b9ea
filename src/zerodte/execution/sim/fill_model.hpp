#pragma once
// How the simulated venue prices a fill against the NBBO. Every model refuses to fill on a
// missing, one-sided, locked or crossed quote.
//   touch (default)      buy at the ask, sell at the bid: what a marketable order gets.
//   mid (OPTIMISTIC)     at the mid, rounded against us to the tick. Real 0DTE fills at mid are
//                        the exception; results with this model are labelled optimistic.
//   fraction of spread   f of the way from our side to the far side (buy: bid + f*(ask-bid));
//                        f = 1 is the touch, f = 0.5 the mid; f < 1 is optimistic.
//   size aware           at the touch, but only up to the displayed size (per leg, over the leg's
//                        ratio); the rest waits for later quotes. Size taken is removed from the
//                        venue's copy of the quote until the next quote for that instrument.
// An order resting on the book (not marketable when it arrived) that later becomes marketable is
// filled at its own limit (it was the best price; the market traded through it), not better.
#include <cstdint>
#include <string_view>

#include "zerodte/core/price.hpp"
#include "zerodte/model/market_events.hpp"
#include "zerodte/model/tick_rules.hpp"

namespace zerodte::execution::sim {

enum class FillModelKind : std::uint8_t { kTouch, kMid, kFractionOfSpread, kSizeAware };

struct FillModel {
  FillModelKind kind = FillModelKind::kTouch;
  double spread_fraction = 1.0;  // kFractionOfSpread only, in [0, 1]

  static FillModel touch() { return {}; }
  static FillModel mid() { return {FillModelKind::kMid, 0.5}; }
  static FillModel fraction(double f) { return {FillModelKind::kFractionOfSpread, f}; }
  static FillModel size_aware() { return {FillModelKind::kSizeAware, 1.0}; }

  [[nodiscard]] bool optimistic() const;
  [[nodiscard]] std::string_view label() const;  // "touch", "mid (optimistic)", ...
};

struct LegBook {
  core::Price bid = core::Price::undefined();
  core::Price ask = core::Price::undefined();
  std::int64_t bid_size = 0;
  std::int64_t ask_size = 0;
  [[nodiscard]] bool usable() const {
    return bid.is_defined() && ask.is_defined() && bid_size > 0 && ask_size > 0 && bid < ask;
  }
};

// Price a taker on `side` gets under `model`, rounded against the taker onto `rule`'s grid.
// Precondition: book.usable().
[[nodiscard]] core::Price taker_price(const FillModel& model, const LegBook& book, model::Side side,
                                      const model::TickRule& rule);
// Whole units (packages) available to a taker of `ratio` per unit; unlimited unless size-aware.
[[nodiscard]] std::int64_t available_units(const FillModel& model, const LegBook& book,
                                           model::Side side, std::int32_t ratio);

}  // namespace zerodte::execution::sim
