#include "zerodte/execution/sim/fill_model.hpp"

#include <algorithm>
#include <cmath>

namespace zerodte::execution::sim {

bool FillModel::optimistic() const {
  return kind == FillModelKind::kMid ||
         (kind == FillModelKind::kFractionOfSpread && spread_fraction < 1.0);
}

std::string_view FillModel::label() const {
  switch (kind) {
    case FillModelKind::kTouch:
      return "touch";
    case FillModelKind::kMid:
      return "mid (optimistic)";
    case FillModelKind::kFractionOfSpread:
      return spread_fraction < 1.0 ? "fraction of spread (optimistic)" : "fraction of spread";
    case FillModelKind::kSizeAware:
      return "size aware";
  }
  return "unknown";
}

core::Price taker_price(const FillModel& model, const LegBook& book, model::Side side,
                        const model::TickRule& rule) {
  const bool buy = side == model::Side::kBuy;
  core::Price p;
  switch (model.kind) {
    case FillModelKind::kTouch:
    case FillModelKind::kSizeAware:
      return buy ? book.ask : book.bid;
    case FillModelKind::kMid:
    case FillModelKind::kFractionOfSpread: {
      const double f =
          model.kind == FillModelKind::kMid ? 0.5 : std::clamp(model.spread_fraction, 0.0, 1.0);
      const std::int64_t spread = book.ask.raw() - book.bid.raw();
      const auto move = static_cast<std::int64_t>(std::llround(f * static_cast<double>(spread)));
      p = buy ? core::Price::from_raw(book.bid.raw() + move)
              : core::Price::from_raw(book.ask.raw() - move);
      break;
    }
  }
  // Against the taker: a buy rounds up, a sell rounds down; never beyond the touch.
  p = model::round_to_valid(rule, p, buy ? core::RoundMode::kUp : core::RoundMode::kDown);
  return buy ? std::min(p, book.ask) : std::max(p, book.bid);
}

std::int64_t available_units(const FillModel& model, const LegBook& book, model::Side side,
                             std::int32_t ratio) {
  if (model.kind != FillModelKind::kSizeAware) return INT64_MAX;
  const std::int64_t shown = side == model::Side::kBuy ? book.ask_size : book.bid_size;
  return ratio > 0 ? shown / ratio : 0;
}

}  // namespace zerodte::execution::sim
