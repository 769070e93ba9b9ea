// SimVenue: expiry, settlement (cash or exercise/assignment) and broker-style liquidation.
#include <algorithm>

#include "zerodte/execution/sim/sim_venue.hpp"

namespace zerodte::execution::sim {

namespace {

// OCC exercise by exception: in the money by at least $0.01.
constexpr core::Price kAutoExerciseThreshold = core::Price::from_cents(1);

core::Price intrinsic_of(const model::OptionSpec& spec, core::Price s) {
  const core::Price v = spec.right == model::OptionRight::kCall ? s - spec.strike : spec.strike - s;
  return std::max(v, core::Price::zero());
}

}  // namespace

std::optional<core::Price> SimVenue::settlement_value(core::InstrumentId underlying, core::Date d,
                                                      model::SettlementTime when) const {
  auto it =
      settlement_prices_.find({underlying.value, d.days_since_epoch(), static_cast<int>(when)});
  if (it != settlement_prices_.end()) return it->second;
  if (when == model::SettlementTime::kPm) {
    auto last = last_price_.find(underlying.value);
    if (last != last_price_.end()) return last->second;
  }
  return std::nullopt;  // AM: the special opening quotation must be given
}

void SimVenue::settle_expiring(core::Date d, model::SettlementTime when) {
  const core::Timestamp t = now();
  std::vector<core::InstrumentId> expiring;
  for (const auto& [id, p] : positions_) {
    if (p.quantity == 0) continue;
    const model::Instrument* inst = instruments_.try_get(id);
    if (inst == nullptr || !inst->option) continue;
    if (inst->option->expiry == d && inst->option->settlement_time == when) expiring.push_back(id);
  }
  for (core::InstrumentId id : expiring) {
    const model::Instrument& inst = instruments_.get(id);
    const model::OptionSpec& spec = *inst.option;
    auto value = settlement_value(inst.underlying_id, d, when);
    if (!value) continue;  // AM value not yet known: retried at the close
    const std::int64_t qty = positions_[id].quantity;
    const core::Price intrinsic = intrinsic_of(spec, *value);
    SettlementRecord rec;
    rec.option = id;
    rec.expiry = d;
    rec.contracts = qty;
    rec.settlement_price = *value;
    rec.intrinsic = intrinsic;
    // The option position closes at its settlement value (cash) or at zero (exercise/expiry).
    model::Fill close;
    close.exec_id = fmt::format("sim-x{}", ++exec_seq_);
    close.instrument = id;
    close.side = qty > 0 ? model::Side::kSell : model::Side::kBuy;
    close.quantity = core::Quantity{qty > 0 ? qty : -qty};
    close.ts_event = t;
    close.ts_recv = t + cfg_.report_latency;
    if (spec.settlement == model::SettlementType::kCash) {
      rec.cash_flow = core::Price::from_raw(static_cast<std::int64_t>(
          static_cast<__int128>(intrinsic.raw()) * qty * inst.multiplier));
      rec.exercised = intrinsic > core::Price::zero();
      cash_ += rec.cash_flow;
      close.price = intrinsic;
    } else {
      close.price = core::Price::zero();
      if (intrinsic >= kAutoExerciseThreshold) {
        // Long call / short put receive shares; long put / short call deliver them, at the strike.
        const std::int64_t dir = spec.right == model::OptionRight::kCall ? 1 : -1;
        rec.shares = dir * qty * inst.multiplier;
        rec.exercised = true;
        rec.cash_flow = core::Price::from_raw(
            static_cast<std::int64_t>(-static_cast<__int128>(spec.strike.raw()) * rec.shares));
        cash_ += rec.cash_flow;
        book_fill(inst.underlying_id, rec.shares > 0 ? model::Side::kBuy : model::Side::kSell,
                  rec.shares > 0 ? rec.shares : -rec.shares, spec.strike, core::Price::zero(), 0);
        model::Fill shares;
        shares.exec_id = fmt::format("sim-x{}", ++exec_seq_);
        shares.instrument = inst.underlying_id;
        shares.side = rec.shares > 0 ? model::Side::kBuy : model::Side::kSell;
        shares.quantity = core::Quantity{rec.shares > 0 ? rec.shares : -rec.shares};
        shares.price = spec.strike;
        shares.ts_event = t;
        shares.ts_recv = close.ts_recv;
        report_fill(close);
        report_fill(shares);
        positions_[id] = SimPosition{};
        settlements_.push_back(rec);
        continue;
      }
    }
    report_fill(close);
    positions_[id] = SimPosition{};
    settlements_.push_back(rec);
  }
}

void SimVenue::expire_orders_at_close(core::Date d) {
  for (auto& so : orders_) {
    if (model::is_terminal(so.status)) continue;
    bool expire = so.o.tif != model::TimeInForce::kGtc;
    for (std::size_t i = 0; i < so.o.leg_count && !expire; ++i) {
      const model::Instrument* inst = instruments_.try_get(so.o.legs[i].instrument);
      expire = inst != nullptr && inst->option && inst->option->expiry <= d;
    }
    if (expire) finish(so, model::OrderStatus::kExpired, "expired at the close");
  }
}

void SimVenue::liquidate_expiring(core::Date d) {
  for (auto& [id, p] : positions_) {
    if (p.quantity == 0) continue;
    const model::Instrument* inst = instruments_.try_get(id);
    if (inst == nullptr || !inst->option || inst->option->expiry != d) continue;
    const model::OptionSpec& spec = *inst->option;
    bool liquidate = cfg_.liquidate_all_expiring;
    auto last = last_price_.find(inst->underlying_id.value);
    if (!liquidate && spec.settlement == model::SettlementType::kPhysical &&
        last != last_price_.end() && intrinsic_of(spec, last->second) >= kAutoExerciseThreshold) {
      const std::int64_t dir = spec.right == model::OptionRight::kCall ? 1 : -1;
      const std::int64_t shares = dir * p.quantity * inst->multiplier;
      const std::int64_t held = position(inst->underlying_id);
      const core::Price need = core::Price::from_raw(static_cast<std::int64_t>(
          static_cast<__int128>(spec.strike.raw()) * std::max<std::int64_t>(shares, 0)));
      liquidate = held + shares < 0 || need > cash_;
    }
    if (!liquidate) continue;
    auto book = books_.find(id.value);
    if (book == books_.end() || !book->second.usable()) continue;  // nothing to trade against
    const model::Side side = p.quantity > 0 ? model::Side::kSell : model::Side::kBuy;
    const core::Price px = side == model::Side::kSell ? book->second.bid : book->second.ask;
    const std::int64_t qty = p.quantity > 0 ? p.quantity : -p.quantity;
    const FeeBreakdown fee = option_fees(cfg_.fees, side, qty, px, inst->multiplier);
    model::Fill f;
    f.exec_id = fmt::format("sim-l{}", ++exec_seq_);
    f.instrument = id;
    f.side = side;
    f.quantity = core::Quantity{qty};
    f.price = px;
    f.fee = fee.total();
    f.liquidity = model::Liquidity::kTaker;
    f.ts_event = now();
    f.ts_recv = f.ts_event + cfg_.report_latency;
    book_fill(id, side, qty, px, fee.total(), inst->multiplier);
    report_fill(f);
  }
}

}  // namespace zerodte::execution::sim
