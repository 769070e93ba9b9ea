#include "zerodte/strategy/structures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace zerodte::strategy {

std::string_view to_string(StructureKind k) {
  switch (k) {
    case StructureKind::kSingle:
      return "single";
    case StructureKind::kVerticalDebit:
      return "vertical_debit";
    case StructureKind::kVerticalCredit:
      return "vertical_credit";
    case StructureKind::kStraddle:
      return "straddle";
    case StructureKind::kStrangle:
      return "strangle";
    case StructureKind::kIronCondor:
      return "iron_condor";
    case StructureKind::kIronButterfly:
      return "iron_butterfly";
    case StructureKind::kButterfly:
      return "butterfly";
  }
  return "single";
}

namespace {

double sign_of(model::Side s) {
  return s == model::Side::kSell ? -1.0 : 1.0;
}

double intrinsic(const OptionContract& c, double spot) {
  return c.is_call() ? std::max(0.0, spot - c.strike) : std::max(0.0, c.strike - spot);
}

// Payoff per unit (premium included).
double unit_payoff(const Structure& s, double spot) {
  double v = -s.net_premium;
  for (const auto& l : s.legs)
    v += sign_of(l.side) * l.ratio * intrinsic(l.contract, spot);
  return v;
}

}  // namespace

double Structure::payoff_at_expiry(double spot) const {
  return unit_payoff(*this, spot) * static_cast<double>(multiplier);
}

std::string Structure::describe() const {
  std::string legs_text;
  for (const auto& l : legs) {
    if (!legs_text.empty()) legs_text += ", ";
    legs_text +=
        fmt::format("{} {}{} {} {} @ {:.2f}", l.side == model::Side::kBuy ? "buy" : "sell", l.ratio,
                    "x", l.contract.strike, l.contract.is_call() ? "C" : "P", l.price);
  }
  const auto money = [](double v) {
    return std::isinf(v) ? std::string("unlimited") : fmt::format("{:.2f}", v);
  };
  std::string be;
  for (const double b : breakevens)
    be += fmt::format("{}{:.2f}", be.empty() ? "" : "/", b);
  return fmt::format("{} {}: {}; net {} {:.2f}; max loss {}, max gain {}, breakevens {}",
                     to_string(kind), legs.empty() ? "" : legs.front().contract.expiry.to_string(),
                     legs_text, net_premium >= 0 ? "debit" : "credit", std::abs(net_premium),
                     money(max_loss), money(max_gain), be.empty() ? "none" : be);
}

core::Result<Structure> make_structure(StructureKind kind, std::vector<StructureLeg> legs) {
  if (legs.empty()) return core::fail(core::ErrorCode::kInvalid, "{}: no legs", to_string(kind));
  if (legs.size() > model::kMaxLegs) {
    return core::fail(core::ErrorCode::kInvalid, "{}: {} legs > {}", to_string(kind), legs.size(),
                      model::kMaxLegs);
  }
  Structure s;
  s.kind = kind;
  s.multiplier = legs.front().contract.multiplier;
  for (const auto& l : legs) {
    if (l.ratio <= 0) {
      return core::fail(core::ErrorCode::kInvalid, "{}: leg {} ratio {} is not positive",
                        to_string(kind), l.contract.symbol, l.ratio);
    }
    if (!std::isfinite(l.price) || l.price < 0) {
      return core::fail(core::ErrorCode::kInvalid, "{}: leg {} has no price", to_string(kind),
                        l.contract.symbol);
    }
    if (!(l.contract.expiry == legs.front().contract.expiry)) {
      return core::fail(core::ErrorCode::kInvalid, "{}: legs expire on {} and {}", to_string(kind),
                        legs.front().contract.expiry.to_string(), l.contract.expiry.to_string());
    }
    const double sg = sign_of(l.side) * l.ratio;
    s.net_premium += sg * l.price;
    const double m = static_cast<double>(l.contract.multiplier);
    s.greeks.delta_shares += sg * l.contract.delta * m;
    s.greeks.gamma_shares += sg * l.contract.gamma * m;
    s.greeks.theta_per_day += sg * l.contract.theta_per_day * m;
    s.greeks.vega_per_point += sg * l.contract.vega_per_point * m;
  }
  s.legs = std::move(legs);
  s.long_premium = s.net_premium > 0;

  // The payoff is piecewise linear with kinks at the strikes: its extremes are at 0, a strike, or
  // at infinity (slope of the calls beyond the highest strike).
  std::vector<double> pts{0.0};
  for (const auto& l : s.legs)
    pts.push_back(l.contract.strike);
  std::sort(pts.begin(), pts.end());
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  double tail_slope = 0;
  for (const auto& l : s.legs) {
    if (l.contract.is_call()) tail_slope += sign_of(l.side) * l.ratio;
  }
  double lo = 1e300;
  double hi = -1e300;
  for (const double p : pts) {
    const double v = unit_payoff(s, p);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  const double m = static_cast<double>(s.multiplier);
  s.max_gain = tail_slope > 1e-12 ? kUnbounded : std::max(0.0, hi * m);
  s.max_loss = tail_slope < -1e-12 ? kUnbounded : std::max(0.0, -lo * m);

  const auto add_be = [&](double x) {
    if (x < 0) return;
    x = std::round(x * 1e6) / 1e6;
    if (s.breakevens.empty() || std::abs(s.breakevens.back() - x) > 1e-6) s.breakevens.push_back(x);
  };
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    const double a = pts[i];
    const double b = pts[i + 1];
    const double fa = unit_payoff(s, a);
    const double fb = unit_payoff(s, b);
    if (std::abs(fa) < 1e-12 && i > 0) add_be(a);
    if ((fa < -1e-12 && fb > 1e-12) || (fa > 1e-12 && fb < -1e-12)) {
      add_be(a + (b - a) * fa / (fa - fb));
    }
  }
  const double last = pts.back();
  const double fl = unit_payoff(s, last);
  if (std::abs(fl) < 1e-12) add_be(last);
  if ((fl < -1e-12 && tail_slope > 1e-12) || (fl > 1e-12 && tail_slope < -1e-12)) {
    add_be(last - fl / tail_slope);
  }
  return s;
}

namespace {

core::Result<StructureLeg> leg(const OptionChainView& chain, OptionRight right, double strike,
                               model::Side side, int ratio = 1) {
  const auto* c = chain.find(strike, right);
  if (c == nullptr) {
    return core::fail(core::ErrorCode::kInvalid, "{} {}: strike {} {} is not listed",
                      chain.underlying_symbol, chain.expiry.to_string(), strike,
                      right == OptionRight::kCall ? "call" : "put");
  }
  if (!c->has_two_sided_quote()) {
    return core::fail(core::ErrorCode::kInvalid, "{}: no two-sided quote", c->symbol);
  }
  return StructureLeg{*c, side, ratio, c->mid()};
}

constexpr auto kBuy = model::Side::kBuy;
constexpr auto kSell = model::Side::kSell;

model::Side side_if(bool buy, model::Side when_buy) {
  if (buy) return when_buy;
  return when_buy == kBuy ? kSell : kBuy;
}

// Collects legs, failing on the first error.
template <typename... L>
core::Result<std::vector<StructureLeg>> collect(L&&... legs) {
  std::vector<StructureLeg> out;
  std::optional<core::Error> err;
  (
      [&](auto&& r) {
        if (err) return;
        if (!r) {
          err = r.error();
        } else {
          out.push_back(*r);
        }
      }(legs),
      ...);
  if (err) return std::unexpected(*err);
  return out;
}

}  // namespace

core::Result<Structure> build_single(const OptionChainView& chain, OptionRight right, double strike,
                                     bool buy) {
  auto legs = collect(leg(chain, right, strike, buy ? kBuy : kSell));
  if (!legs) return std::unexpected(legs.error());
  return make_structure(StructureKind::kSingle, std::move(*legs));
}

core::Result<Structure> build_vertical(const OptionChainView& chain, OptionRight right,
                                       double long_strike, double short_strike) {
  if (std::abs(long_strike - short_strike) < 1e-9) {
    return core::fail(core::ErrorCode::kInvalid, "vertical: both strikes are {}", long_strike);
  }
  auto legs = collect(leg(chain, right, long_strike, kBuy), leg(chain, right, short_strike, kSell));
  if (!legs) return std::unexpected(legs.error());
  const bool debit =
      right == OptionRight::kCall ? long_strike < short_strike : long_strike > short_strike;
  return make_structure(debit ? StructureKind::kVerticalDebit : StructureKind::kVerticalCredit,
                        std::move(*legs));
}

core::Result<Structure> build_straddle(const OptionChainView& chain, double strike, bool buy) {
  auto legs = collect(leg(chain, OptionRight::kPut, strike, side_if(buy, kBuy)),
                      leg(chain, OptionRight::kCall, strike, side_if(buy, kBuy)));
  if (!legs) return std::unexpected(legs.error());
  return make_structure(StructureKind::kStraddle, std::move(*legs));
}

core::Result<Structure> build_strangle(const OptionChainView& chain, double put_strike,
                                       double call_strike, bool buy) {
  if (!(put_strike < call_strike)) {
    return core::fail(core::ErrorCode::kInvalid, "strangle: put strike {} must be below call {}",
                      put_strike, call_strike);
  }
  auto legs = collect(leg(chain, OptionRight::kPut, put_strike, side_if(buy, kBuy)),
                      leg(chain, OptionRight::kCall, call_strike, side_if(buy, kBuy)));
  if (!legs) return std::unexpected(legs.error());
  return make_structure(StructureKind::kStrangle, std::move(*legs));
}

core::Result<Structure> build_iron_condor(const OptionChainView& chain, double put_low,
                                          double put_high, double call_low, double call_high,
                                          bool buy) {
  if (!(put_low < put_high && put_high <= call_low && call_low < call_high)) {
    return core::fail(core::ErrorCode::kInvalid,
                      "iron condor strikes {}/{}/{}/{} are not increasing", put_low, put_high,
                      call_low, call_high);
  }
  const model::Side body = buy ? kBuy : kSell;  // inner strikes (sold in the short condor)
  const model::Side wings = buy ? kSell : kBuy;
  auto legs = collect(leg(chain, OptionRight::kPut, put_low, wings),
                      leg(chain, OptionRight::kPut, put_high, body),
                      leg(chain, OptionRight::kCall, call_low, body),
                      leg(chain, OptionRight::kCall, call_high, wings));
  if (!legs) return std::unexpected(legs.error());
  return make_structure(StructureKind::kIronCondor, std::move(*legs));
}

core::Result<Structure> build_iron_butterfly(const OptionChainView& chain, double center,
                                             double wing, bool buy) {
  if (!(wing > 0))
    return core::fail(core::ErrorCode::kInvalid, "iron butterfly wing {} <= 0", wing);
  const model::Side body = buy ? kBuy : kSell;
  const model::Side wings = buy ? kSell : kBuy;
  auto legs = collect(leg(chain, OptionRight::kPut, center - wing, wings),
                      leg(chain, OptionRight::kPut, center, body),
                      leg(chain, OptionRight::kCall, center, body),
                      leg(chain, OptionRight::kCall, center + wing, wings));
  if (!legs) return std::unexpected(legs.error());
  return make_structure(StructureKind::kIronButterfly, std::move(*legs));
}

core::Result<Structure> build_butterfly(const OptionChainView& chain, OptionRight right, double low,
                                        double mid, double high, bool buy) {
  if (!(low < mid && mid < high)) {
    return core::fail(core::ErrorCode::kInvalid, "butterfly strikes {}/{}/{} are not increasing",
                      low, mid, high);
  }
  const model::Side wings = buy ? kBuy : kSell;
  const model::Side body = buy ? kSell : kBuy;
  auto legs = collect(leg(chain, right, low, wings), leg(chain, right, mid, body, 2),
                      leg(chain, right, high, wings));
  if (!legs) return std::unexpected(legs.error());
  return make_structure(StructureKind::kButterfly, std::move(*legs));
}

EntryExitPlan make_plan(const Structure& s, const PlanRules& rules) {
  EntryExitPlan p;
  p.entry_price = s.net_premium;
  p.time_exit = rules.time_exit;
  p.target_return = rules.target_return;
  const double m = static_cast<double>(s.multiplier);
  if (s.net_premium > 0) {
    const double premium = s.net_premium;
    p.take_profit = premium * (1.0 + rules.target_return);
    if (!std::isinf(s.max_gain)) p.take_profit = std::min(p.take_profit, premium + s.max_gain / m);
    p.stop_loss = premium * (1.0 - rules.stop_fraction);
    p.summary = fmt::format(
        "buy at {:.2f} debit; sell at {:.2f} (+{:.0f}%) or at {:.2f} (-{:.0f}%); out by {}",
        premium, p.take_profit, rules.target_return * 100, p.stop_loss, rules.stop_fraction * 100,
        rules.time_exit.to_string());
  } else {
    const double credit = -s.net_premium;
    const double risk = std::isinf(s.max_loss) ? credit : s.max_loss / m;
    p.take_profit = std::max(0.0, credit - rules.target_return * risk);
    p.stop_loss = credit + rules.stop_fraction * risk;
    p.summary = fmt::format(
        "sell at {:.2f} credit; buy back at {:.2f} (+{:.0f}% of {:.2f} at risk) or at {:.2f}; out "
        "by {}",
        credit, p.take_profit, rules.target_return * 100, risk, p.stop_loss,
        rules.time_exit.to_string());
  }
  return p;
}

core::Result<model::OrderIntent> to_order_intent(const Structure& s, std::int64_t quantity,
                                                 core::Price net_limit, model::TimeInForce tif) {
  if (quantity <= 0) return core::fail(core::ErrorCode::kInvalid, "quantity {} <= 0", quantity);
  if (s.legs.empty() || s.legs.size() > model::kMaxLegs) {
    return core::fail(core::ErrorCode::kInvalid, "structure has {} legs", s.legs.size());
  }
  model::OrderIntent in;
  in.leg_count = static_cast<std::uint8_t>(s.legs.size());
  for (std::size_t i = 0; i < s.legs.size(); ++i) {
    const auto& l = s.legs[i];
    in.legs[i] = model::OrderLeg{l.contract.instrument, l.side, l.ratio,
                                 l.side == model::Side::kBuy ? model::PositionIntent::kBuyToOpen
                                                             : model::PositionIntent::kSellToOpen};
  }
  in.order_class = s.legs.size() > 1 ? model::OrderClass::kMultiLeg : model::OrderClass::kSimple;
  in.quantity = core::Quantity{quantity};
  in.type = model::OrderType::kLimit;
  in.tif = tif;
  in.limit_price = net_limit;
  in.tag = core::FixedString<64>(to_string(s.kind));
  return in;
}

}  // namespace zerodte::strategy
