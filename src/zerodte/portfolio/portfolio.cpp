#include "zerodte/portfolio/portfolio.hpp"

#include <algorithm>
#include <map>

#include "zerodte/portfolio/margin_model.hpp"

namespace zerodte::portfolio {

Portfolio::Portfolio(const model::InstrumentRegistry& registry, Money starting_cash,
                     MarkMode mark_mode)
    : registry_(registry), mark_mode_(mark_mode), cash_(starting_cash) {
  day_base_ = week_base_ = month_base_ = starting_cash;
}

Position& Portfolio::position_for(core::StrategyId strategy, core::InstrumentId instrument) {
  const Key key{strategy.value, instrument.value};
  auto it = positions_.find(key);
  if (it != positions_.end()) return it->second;
  Position p;
  p.instrument = instrument;
  p.strategy = strategy;
  p.multiplier = registry_.get(instrument).multiplier;
  if (auto q = quotes_.find(instrument.value); q != quotes_.end()) {
    p.mark = Money::from_raw((q->second.first.raw() + q->second.second.raw()) / 2);
  }
  order_.push_back(key);
  return positions_.emplace(key, p).first->second;
}

bool Portfolio::apply_fill(const model::Fill& fill, core::StrategyId strategy,
                           std::uint64_t group_id) {
  ZDTE_ASSERT(fill.quantity.value > 0, "fill quantity must be positive");
  if (!fill.exec_id.empty() && !exec_ids_.insert(fill.exec_id.str()).second) return false;
  Position& pos = position_for(strategy, fill.instrument);
  const std::int64_t qty =
      fill.side == model::Side::kBuy ? fill.quantity.value : -fill.quantity.value;
  if (group_id != 0) pos.group_id = group_id;
  const Money realized = pos.apply(qty, fill.price, fill.fee, fill.ts_event);
  realized_ += realized;
  fees_ += fill.fee;
  cash_ -= notional(fill.price, qty, pos.multiplier);
  cash_ -= fill.fee;
  if (!pos.mark.is_defined()) pos.mark = fill.price;
  return true;
}

void Portfolio::on_quote(core::InstrumentId instrument, core::Price bid, core::Price ask) {
  if (!bid.is_defined() || !ask.is_defined() || bid > ask || ask.raw() <= 0) return;
  quotes_[instrument.value] = {bid, ask};
  const Money mid = Money::from_raw((bid.raw() + ask.raw()) / 2);
  for (const Key& k : order_) {
    if (k.instrument != instrument.value) continue;
    Position& p = positions_.at(k);
    p.mark = mark_mode_ == MarkMode::kMid ? mid : (p.quantity >= 0 ? bid : ask);
  }
  const auto& inst = registry_.get(instrument);
  if (!inst.is_option()) spots_[instrument.value] = mid.to_double();
}

void Portfolio::set_mark(core::InstrumentId instrument, core::Price mark) {
  for (const Key& k : order_) {
    if (k.instrument == instrument.value) positions_.at(k).mark = mark;
  }
}

void Portfolio::set_unit_greeks(core::InstrumentId option, const UnitGreeks& greeks) {
  greeks_[option.value] = greeks;
}

void Portfolio::set_underlying_price(core::InstrumentId underlying, double price) {
  spots_[underlying.value] = price;
}

Money Portfolio::settle_expiry(core::InstrumentId option, core::Price underlying_settlement,
                               core::Timestamp ts) {
  const model::Instrument& inst = registry_.get(option);
  ZDTE_ASSERT(inst.is_option(), "settle_expiry on a non-option");
  const auto& spec = *inst.option;
  const bool call = spec.right == model::OptionRight::kCall;
  const core::Price intrinsic_raw =
      call ? underlying_settlement - spec.strike : spec.strike - underlying_settlement;
  const core::Price intrinsic = std::max(intrinsic_raw, core::Price::zero());
  Money realized_total = Money::zero();
  for (const Key& k : order_) {
    if (k.instrument != option.value) continue;
    Position& p = positions_.at(k);
    if (p.quantity == 0) continue;
    const std::int64_t qty = p.quantity;
    const bool exercise = spec.settlement == model::SettlementType::kPhysical &&
                          intrinsic >= core::Price::from_cents(1);
    // Close the option at intrinsic (cash settlement) or at zero (exercise delivers shares at the
    // strike instead: the option's value moves into the share position's basis).
    const core::Price close_px = exercise ? core::Price::zero() : intrinsic;
    const Money realized = p.apply(-qty, close_px, Money::zero(), ts);
    realized_ += realized;
    realized_total += realized;
    cash_ += notional(close_px, qty, p.multiplier);
    p.mark = close_px;
    if (exercise && inst.underlying_id.valid()) {
      // Long call / short put -> buy shares at the strike; long put / short call -> sell.
      const std::int64_t shares = qty * p.multiplier * (call ? 1 : -1);
      Position& u = position_for(p.strategy, inst.underlying_id);
      const Money r2 = u.apply(shares, spec.strike, Money::zero(), ts);
      realized_ += r2;
      realized_total += r2;
      cash_ -= notional(spec.strike, shares, u.multiplier);
      u.mark = underlying_settlement;
    }
  }
  return realized_total;
}

Money Portfolio::equity() const {
  Money mv = Money::zero();
  for (const Key& k : order_)
    mv += positions_.at(k).market_value();
  return cash_ + mv;
}

void Portfolio::start_day(core::Date date) {
  const Money eq = equity();
  if (!day_ || date.weekday() < day_->weekday() ||
      date.days_since_epoch() - day_->days_since_epoch() >= 7) {
    week_base_ = eq;
  }
  if (!day_ || date.month != day_->month || date.year != day_->year) month_base_ = eq;
  day_base_ = eq;
  underlying_day_base_ = total_pnl_by_underlying();
  day_ = date;
}

std::map<std::uint32_t, Money> Portfolio::total_pnl_by_underlying() const {
  std::map<std::uint32_t, Money> out;
  for (const Key& k : order_) {
    const Position& p = positions_.at(k);
    const auto u = underlying_of(registry_.get(p.instrument)).value;
    auto [it, fresh] = out.try_emplace(u, Money::zero());
    it->second += p.realized_pnl - p.fees + p.unrealized_pnl();
  }
  return out;
}

Money Portfolio::underlying_day_pnl(core::InstrumentId underlying) const {
  Money total = Money::zero();
  for (const Key& k : order_) {
    const Position& p = positions_.at(k);
    if (underlying_of(registry_.get(p.instrument)) != underlying) continue;
    total += p.realized_pnl - p.fees + p.unrealized_pnl();
  }
  auto base = underlying_day_base_.find(underlying.value);
  return base == underlying_day_base_.end() ? total : total - base->second;
}

std::vector<std::pair<core::InstrumentId, Money>> Portfolio::day_pnl_by_underlying() const {
  std::vector<std::pair<core::InstrumentId, Money>> out;
  for (const auto& [u, total] : total_pnl_by_underlying()) {
    auto base = underlying_day_base_.find(u);
    out.emplace_back(core::InstrumentId{u},
                     base == underlying_day_base_.end() ? total : total - base->second);
  }
  return out;
}

void Portfolio::set_broker_account(Money cash, Money buying_power, Money margin_used) {
  AccountSnapshot s;
  s.cash = cash;
  s.buying_power = buying_power;
  s.margin_used = margin_used;
  broker_ = s;
}

const Position* Portfolio::position(core::StrategyId strategy,
                                    core::InstrumentId instrument) const {
  auto it = positions_.find(Key{strategy.value, instrument.value});
  return it == positions_.end() ? nullptr : &it->second;
}

std::vector<const Position*> Portfolio::open_positions() const {
  std::vector<const Position*> out;
  for (const Key& k : order_) {
    const Position& p = positions_.at(k);
    if (!p.is_flat()) out.push_back(&p);
  }
  return out;
}

std::int64_t Portfolio::net_quantity(core::InstrumentId instrument) const {
  std::int64_t q = 0;
  for (const Key& k : order_) {
    if (k.instrument == instrument.value) q += positions_.at(k).quantity;
  }
  return q;
}

std::size_t Portfolio::open_position_count() const {
  return open_positions().size();
}

core::InstrumentId Portfolio::underlying_of(const model::Instrument& inst) const {
  return inst.is_option() ? inst.underlying_id : inst.id;
}

double Portfolio::spot_of(core::InstrumentId underlying) const {
  auto it = spots_.find(underlying.value);
  return it == spots_.end() ? 0.0 : it->second;
}

GreeksExposure Portfolio::greeks_for_underlying(core::InstrumentId underlying) const {
  GreeksExposure g;
  const double spot = spot_of(underlying);
  for (const Key& k : order_) {
    const Position& p = positions_.at(k);
    if (p.is_flat()) continue;
    const model::Instrument& inst = registry_.get(p.instrument);
    if (underlying_of(inst) != underlying) continue;
    if (inst.is_option()) {
      auto it = greeks_.find(inst.id.value);
      if (it != greeks_.end()) g.add(it->second, p.quantity, p.multiplier, spot);
    } else {
      g.add(UnitGreeks{1.0, 0, 0, 0}, p.quantity, p.multiplier, spot);
    }
  }
  return g;
}

GreeksExposure Portfolio::account_greeks() const {
  std::vector<std::uint32_t> underlyings;
  for (const Key& k : order_) {
    const Position& p = positions_.at(k);
    if (p.is_flat()) continue;
    const auto u = underlying_of(registry_.get(p.instrument)).value;
    if (std::find(underlyings.begin(), underlyings.end(), u) == underlyings.end()) {
      underlyings.push_back(u);
    }
  }
  GreeksExposure total;
  for (auto u : underlyings)
    total += greeks_for_underlying(core::InstrumentId{u});
  return total;
}

Money Portfolio::margin_requirement() const {
  // (underlying, expiry) -> option legs, netted across strategies.
  std::map<std::pair<std::uint32_t, std::int64_t>, std::map<std::uint32_t, MarginLeg>> groups;
  double req = 0;
  for (const Key& k : order_) {
    const Position& p = positions_.at(k);
    if (p.is_flat()) continue;
    const model::Instrument& inst = registry_.get(p.instrument);
    const double mark = p.mark.is_defined() ? p.mark.to_double() : 0.0;
    if (inst.is_option()) {
      auto& leg =
          groups[{inst.underlying_id.value, inst.option->expiry.days_since_epoch()}][inst.id.value];
      leg.instrument = &inst;
      leg.quantity += p.quantity;
      leg.mark = mark;
    } else {
      req += equity_requirement(p.market_value().to_double());
    }
  }
  for (const auto& [key, legs_map] : groups) {
    std::vector<MarginLeg> legs;
    for (const auto& [id, leg] : legs_map) {
      if (leg.quantity != 0) legs.push_back(leg);
    }
    req += option_group_requirement(legs, spot_of(core::InstrumentId{key.first}));
  }
  return Money::from_double(req).value_or(Money::zero());
}

PnlSummary Portfolio::strategy_pnl(core::StrategyId strategy) const {
  PnlSummary s;
  for (const Key& k : order_) {
    if (k.strategy != strategy.value) continue;
    const Position& p = positions_.at(k);
    s.realized += p.realized_pnl;
    s.unrealized += p.unrealized_pnl();
    s.fees += p.fees;
  }
  return s;
}

AccountSnapshot Portfolio::snapshot() const {
  AccountSnapshot s;
  s.cash = cash_;
  for (const Key& k : order_) {
    const Position& p = positions_.at(k);
    s.market_value += p.market_value();
    s.pnl.unrealized += p.unrealized_pnl();
  }
  s.pnl.realized = realized_;
  s.pnl.fees = fees_;
  s.equity = cash_ + s.market_value;
  s.margin_used = margin_requirement();
  s.buying_power = s.equity - s.margin_used;
  if (broker_) {
    s.buying_power = broker_->buying_power;
    s.margin_used = broker_->margin_used;
  }
  s.day_pnl = s.equity - day_base_;
  s.week_pnl = s.equity - week_base_;
  s.month_pnl = s.equity - month_base_;
  return s;
}

}  // namespace zerodte::portfolio
