// SimVenue: matching against the NBBO, package fills, fees, the account and reports.
#include <algorithm>

#include "zerodte/execution/sim/sim_venue.hpp"

namespace zerodte::execution::sim {

using model::OrderStatus;
using model::OrderType;
using model::Side;

namespace {

std::int64_t sign(Side s) {
  return s == Side::kSell ? -1 : 1;
}

core::Price notional(core::Price px, std::int64_t qty, std::int64_t mult) {
  return core::Price::from_raw(
      static_cast<std::int64_t>(static_cast<__int128>(px.raw()) * qty * mult));
}

}  // namespace

void SimVenue::on_quote(core::InstrumentId id, const LegBook& book) {
  books_[id.value] = book;
  for (auto& so : orders_) {
    if (!so.arrived || model::is_terminal(so.status)) continue;
    for (std::size_t i = 0; i < so.o.leg_count; ++i) {
      if (so.o.legs[i].instrument == id) {
        try_match(so, false);
        break;
      }
    }
  }
}

void SimVenue::try_match(SimOrder& so, bool on_arrival) {
  if (!so.arrived || model::is_terminal(so.status)) return;
  const model::OrderIntent& o = so.o;
  const bool ioc = o.tif == model::TimeInForce::kIoc || o.tif == model::TimeInForce::kFok;
  std::array<LegBook*, model::kMaxLegs> books{};
  for (std::size_t i = 0; i < o.leg_count; ++i) {
    auto it = books_.find(o.legs[i].instrument.value);
    // No fill on a missing, one-sided, locked or crossed quote on any leg.
    if (it == books_.end() || !it->second.usable()) {
      if (on_arrival && ioc && o.type != OrderType::kStop && o.type != OrderType::kStopLimit) {
        finish(so, OrderStatus::kCancelled, "IOC/FOK: no usable quote on arrival");
      }
      return;
    }
    books[i] = &it->second;
  }
  OrderType type = o.type;
  if (type == OrderType::kStop || type == OrderType::kStopLimit) {
    if (!so.triggered) {
      const LegBook& b = *books[0];
      const bool hit = o.legs[0].side == Side::kBuy ? b.ask >= o.stop_price : b.bid <= o.stop_price;
      if (!hit) return;
      so.triggered = true;
      so.resting = false;  // the triggered order is a new taker
      on_arrival = true;
    }
    type = type == OrderType::kStop ? OrderType::kMarket : OrderType::kLimit;
  }

  std::array<core::Price, model::kMaxLegs> px{};
  std::int64_t units = o.quantity.value - so.filled_units;
  __int128 net = 0;  // per unit, signed (+ debit)
  for (std::size_t i = 0; i < o.leg_count; ++i) {
    const auto& leg = o.legs[i];
    const model::TickRule* rule = tick_rule(leg.instrument);
    if (rule == nullptr) return;
    px[i] = taker_price(cfg_.fill_model, *books[i], leg.side, *rule);
    units = std::min(units, available_units(cfg_.fill_model, *books[i], leg.side, leg.ratio));
    net += static_cast<__int128>(px[i].raw()) * leg.ratio * sign(leg.side);
  }
  const bool multi = o.leg_count > 1;
  bool marketable = type == OrderType::kMarket;
  if (!marketable) {
    if (multi) {
      marketable = net <= o.limit_price.raw();
    } else {
      marketable = o.legs[0].side == Side::kBuy ? px[0] <= o.limit_price : px[0] >= o.limit_price;
    }
  }
  if (!marketable) {
    if (on_arrival) {
      if (ioc) {
        finish(so, OrderStatus::kCancelled, "IOC/FOK not marketable on arrival");
        return;
      }
      so.resting = true;
    }
    return;
  }
  const std::int64_t remaining = o.quantity.value - so.filled_units;
  if (o.tif == model::TimeInForce::kFok && units < remaining) {
    finish(so, OrderStatus::kCancelled, "FOK: displayed size short of the quantity");
    return;
  }
  if (units <= 0) {
    if (on_arrival && ioc) finish(so, OrderStatus::kCancelled, "IOC: no displayed size");
    return;
  }
  model::Liquidity liq = model::Liquidity::kTaker;
  if (so.resting && type == OrderType::kLimit) {
    // A resting order the market traded through fills at its own limit.
    liq = model::Liquidity::kMaker;
    if (!multi) {
      px[0] = o.limit_price;
    } else {
      std::size_t k = 0;  // put the difference on a ratio-1 leg when there is one
      for (std::size_t i = 0; i < o.leg_count; ++i) {
        if (o.legs[i].ratio == 1) {
          k = i;
          break;
        }
      }
      const __int128 diff = o.limit_price.raw() - net;  // >= 0
      px[k] = core::Price::from_raw(
          static_cast<std::int64_t>(px[k].raw() + sign(o.legs[k].side) * diff / o.legs[k].ratio));
    }
  }
  if (cfg_.fill_model.kind == FillModelKind::kSizeAware) {
    for (std::size_t i = 0; i < o.leg_count; ++i) {
      const std::int64_t taken = units * o.legs[i].ratio;
      if (o.legs[i].side == Side::kBuy)
        books[i]->ask_size -= taken;
      else
        books[i]->bid_size -= taken;
    }
  }
  execute(so, units, px, liq);
  if (ioc && !model::is_terminal(so.status) && on_arrival) {
    finish(so, OrderStatus::kCancelled, "IOC remainder cancelled");
  }
}

void SimVenue::execute(SimOrder& so, std::int64_t units,
                       const std::array<core::Price, model::kMaxLegs>& px, model::Liquidity liq) {
  const model::OrderIntent& o = so.o;
  const core::Timestamp t = now();
  std::array<model::Fill, model::kMaxLegs> fills{};
  __int128 unit_net = 0;
  for (std::size_t i = 0; i < o.leg_count; ++i) {
    const auto& leg = o.legs[i];
    const model::Instrument& inst = instruments_.get(leg.instrument);
    const std::int64_t qty = units * leg.ratio;
    const FeeBreakdown fee = inst.is_option()
                                 ? option_fees(cfg_.fees, leg.side, qty, px[i], inst.multiplier)
                                 : share_fees(cfg_.fees, leg.side, qty, px[i]);
    book_fill(leg.instrument, leg.side, qty, px[i], fee.total(), inst.multiplier);
    model::Fill& f = fills[i];
    f.client_order_id = o.client_order_id;
    f.venue_order_id = so.venue_id;
    f.exec_id = fmt::format("sim-e{}", ++exec_seq_);
    f.instrument = leg.instrument;
    f.leg_index = static_cast<std::uint8_t>(i);
    f.side = leg.side;
    f.quantity = core::Quantity{qty};
    f.price = px[i];
    f.fee = fee.total();
    f.liquidity = liq;
    f.ts_event = t;
    f.ts_recv = t + cfg_.report_latency;
    unit_net += static_cast<__int128>(px[i].raw()) * leg.ratio * sign(leg.side);
  }
  so.filled_units += units;
  so.notional_raw += unit_net * units;
  so.status =
      so.filled_units >= o.quantity.value ? OrderStatus::kFilled : OrderStatus::kPartiallyFilled;
  so.ts_updated = t;
  report_update(so);
  for (std::size_t i = 0; i < o.leg_count; ++i)
    report_fill(fills[i]);
}

void SimVenue::book_fill(core::InstrumentId id, Side side, std::int64_t qty, core::Price price,
                         core::Price fee, std::int64_t multiplier) {
  const std::int64_t signed_qty = sign(side) * qty;
  cash_ -= notional(price, signed_qty, multiplier);
  cash_ -= fee;
  SimPosition& p = positions_[id];
  const std::int64_t before = p.quantity;
  const std::int64_t after = before + signed_qty;
  if (before == 0 || (before > 0) == (signed_qty > 0)) {
    // Opening or adding: size-weighted average.
    const __int128 cost = static_cast<__int128>(p.avg_price.is_defined() ? p.avg_price.raw() : 0) *
                              (before < 0 ? -before : before) +
                          static_cast<__int128>(price.raw()) * qty;
    const std::int64_t n = after < 0 ? -after : after;
    p.avg_price =
        n > 0 ? core::Price::from_raw(static_cast<std::int64_t>(cost / n)) : core::Price{};
  } else if ((before > 0) != (after > 0) && after != 0) {
    p.avg_price = price;  // flipped through zero
  }
  p.quantity = after;
  if (after == 0) p.avg_price = core::Price{};
}

void SimVenue::finish(SimOrder& so, OrderStatus status, std::string_view reason) {
  so.status = status;
  so.reason = reason;
  so.ts_updated = now();
  report_update(so);
}

void SimVenue::report_update(const SimOrder& so) {
  if (drop_reports_ || kernel_ == nullptr) return;
  model::OrderUpdate u;
  u.client_order_id = so.o.client_order_id;
  u.venue_order_id = so.venue_id;
  u.status = so.status;
  u.filled_qty = core::Quantity{so.filled_units};
  u.leaves_qty =
      core::Quantity{model::is_terminal(so.status) ? 0 : so.o.quantity.value - so.filled_units};
  u.avg_fill_price =
      so.filled_units > 0
          ? core::Price::from_raw(static_cast<std::int64_t>(so.notional_raw / so.filled_units))
          : core::Price::undefined();
  u.ts_event = now();
  u.ts_recv = u.ts_event + cfg_.report_latency;
  u.reason = so.reason;
  kernel_->post_at(u.ts_recv, engine::Event{u});
}

void SimVenue::report_fill(const model::Fill& f) {
  fills_.push_back(f);
  if (drop_reports_ || kernel_ == nullptr) return;
  kernel_->post_at(f.ts_recv, engine::Event{f});
}

// Cash account: a buy needs its premium (plus an estimate of fees); a package needs its worst
// loss at expiry (a credit spread: width - credit); a sell must close an existing long, or be
// covered by a package. Unbounded-risk packages and naked shorts are refused.
core::Status SimVenue::check_buying_power(const model::OrderIntent& o) const {
  const std::string_view id = o.client_order_id.view();
  const std::int64_t qty = o.quantity.value;
  if (o.leg_count == 1) {
    const auto& leg = o.legs[0];
    const model::Instrument& inst = instruments_.get(leg.instrument);
    if (leg.side == Side::kSell) {
      if (position(leg.instrument) >= qty * leg.ratio) return core::ok();
      return core::fail(core::ErrorCode::kRejected,
                        "order {}: insufficient buying power: sell {} of {} without holding it "
                        "(cash account: no naked shorts)",
                        id, qty * leg.ratio, inst.symbol_view());
    }
    core::Price px = o.limit_price;
    if (o.type == OrderType::kMarket || o.type == OrderType::kStop) {
      auto it = books_.find(leg.instrument.value);
      px = it != books_.end() && it->second.ask.is_defined() ? it->second.ask
                                                             : core::Price::undefined();
    }
    if (!px.is_defined()) {
      return core::fail(core::ErrorCode::kRejected, "order {}: no price to check buying power", id);
    }
    const core::Price need = notional(px, qty * leg.ratio, inst.multiplier);
    if (need > cash_) {
      return core::fail(core::ErrorCode::kRejected,
                        "order {}: insufficient buying power: needs {} but cash is {}", id, need,
                        cash_);
    }
    return core::ok();
  }
  // Package: payoff at expiry P(S) = sum sign * ratio * intrinsic(S), piecewise linear with kinks
  // at the strikes; the minimum is at a strike or at S -> 0 / infinity.
  std::vector<core::Price> points{core::Price::zero()};
  std::int64_t slope_at_inf = 0;  // per-share slope beyond the highest strike
  std::int64_t mult = 100;
  for (std::size_t i = 0; i < o.leg_count; ++i) {
    const model::Instrument& inst = instruments_.get(o.legs[i].instrument);
    if (!inst.option) {
      return core::fail(core::ErrorCode::kRejected, "order {}: package leg {} is not an option", id,
                        i);
    }
    mult = inst.multiplier;
    points.push_back(inst.option->strike);
    if (inst.option->right == model::OptionRight::kCall)
      slope_at_inf += sign(o.legs[i].side) * o.legs[i].ratio;
  }
  if (slope_at_inf < 0) {
    return core::fail(core::ErrorCode::kRejected,
                      "order {}: insufficient buying power: uncovered short calls (unbounded risk)",
                      id);
  }
  __int128 min_payoff = INT64_MAX;
  for (core::Price s : points) {
    __int128 p = 0;
    for (std::size_t i = 0; i < o.leg_count; ++i) {
      const auto& spec = *instruments_.get(o.legs[i].instrument).option;
      const std::int64_t k = spec.strike.raw();
      const std::int64_t intrinsic = spec.right == model::OptionRight::kCall
                                         ? std::max<std::int64_t>(s.raw() - k, 0)
                                         : std::max<std::int64_t>(k - s.raw(), 0);
      p += static_cast<__int128>(intrinsic) * o.legs[i].ratio * sign(o.legs[i].side);
    }
    min_payoff = std::min(min_payoff, p);
  }
  __int128 net =
      o.limit_price.is_defined() && o.type != OrderType::kMarket ? o.limit_price.raw() : 0;
  const __int128 per_unit = std::max<__int128>(net - min_payoff, 0);
  const core::Price need = core::Price::from_raw(static_cast<std::int64_t>(per_unit * qty * mult));
  if (need > cash_) {
    return core::fail(core::ErrorCode::kRejected,
                      "order {}: insufficient buying power: package max loss {} but cash is {}", id,
                      need, cash_);
  }
  return core::ok();
}

}  // namespace zerodte::execution::sim
