#include "zerodte/risk/pre_trade_checks.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "zerodte/model/tick_rules.hpp"
#include "zerodte/portfolio/margin_model.hpp"

namespace zerodte::risk {
namespace {

constexpr RejectReason kOrder[] = {
    RejectReason::kStateHalted,     RejectReason::kStateReducing,
    RejectReason::kMalformed,       RejectReason::kMaxPositions,
    RejectReason::kQtyLimit,        RejectReason::kPriceBand,
    RejectReason::kLotSize,         RejectReason::kTick,
    RejectReason::kBuyingPower,     RejectReason::kDailyLoss,
    RejectReason::kVixLimit,        RejectReason::kTradingWindow,
    RejectReason::kGreekLimit,      RejectReason::kConcentration,
    RejectReason::kCallPutConflict, RejectReason::kStaleData,
    RejectReason::kDuplicateIntent, RejectReason::kRateLimited,
    RejectReason::kFatFinger,       RejectReason::kMaxNotional,
};

template <typename... Args>
RiskVerdict reject(RejectReason r, double value, double threshold, fmt::format_string<Args...> f,
                   Args&&... args) {
  RiskVerdict v;
  v.status = VerdictStatus::kRejected;
  v.reason = r;
  v.value = value;
  v.threshold = threshold;
  char buf[160];
  const auto res = fmt::format_to_n(buf, sizeof buf, f, std::forward<Args>(args)...);
  v.details.assign(std::string_view(buf, std::min<std::size_t>(res.size, sizeof buf)));
  return v;
}

double px(core::Price p) {
  return p.to_double();
}
int sign_of(model::Side s) {
  return s == model::Side::kBuy ? 1 : -1;
}

}  // namespace

std::span<const RejectReason> PreTradeChecker::rule_order() {
  return kOrder;
}

PreTradeChecker::PreTradeChecker(const model::InstrumentRegistry& registry,
                                 const portfolio::Portfolio& portfolio, const MarketCache& market,
                                 const core::TradingCalendar& calendar, PreTradeLimits limits)
    : registry_(registry), portfolio_(portfolio), market_(market), calendar_(calendar) {
  set_limits(std::move(limits));
  groups_.reserve(64);
}

RiskVerdict PreTradeChecker::check(const model::OrderIntent& intent, core::Timestamp now,
                                   TradingState state) {
  RiskVerdict v = run(intent, now, state);
  v.strategy = intent.strategy;
  v.signal_id = intent.signal_id;
  v.intent_seq = intent.intent_seq;
  v.client_order_id = intent.client_order_id;
  v.ts = now;
  return v;
}

std::int64_t PreTradeChecker::signed_units(const model::OrderIntent& in, std::size_t leg) const {
  return sign_of(in.legs[leg].side) * std::int64_t{in.legs[leg].ratio} * in.quantity.value;
}

RiskVerdict PreTradeChecker::run(const model::OrderIntent& in, core::Timestamp now,
                                 TradingState state) {
  const auto& L = limits_;
  if (state == TradingState::kHalted) {
    return reject(RejectReason::kStateHalted, 2, 2,
                  "trading state HALTED: no new orders (only cancels)");
  }
  // --- malformed -------------------------------------------------------------------------
  if (in.leg_count == 0 || in.leg_count > model::kMaxLegs) {
    return reject(RejectReason::kMalformed, in.leg_count, model::kMaxLegs,
                  "leg_count {} outside 1..{}", in.leg_count, model::kMaxLegs);
  }
  if (in.quantity.value <= 0) {
    return reject(RejectReason::kMalformed, static_cast<double>(in.quantity.value), 1,
                  "quantity {} must be positive", in.quantity.value);
  }
  std::array<const model::Instrument*, model::kMaxLegs> inst{};
  std::array<const InstrumentMarket*, model::kMaxLegs> mkt{};
  for (std::size_t i = 0; i < in.leg_count; ++i) {
    inst[i] = registry_.try_get(in.legs[i].instrument);
    if (inst[i] == nullptr) {
      return reject(RejectReason::kMalformed, in.legs[i].instrument.value, 0,
                    "leg {}: unknown instrument id {}", i, in.legs[i].instrument.value);
    }
    if (in.legs[i].ratio <= 0 || in.legs[i].side == model::Side::kNone) {
      return reject(RejectReason::kMalformed, in.legs[i].ratio, 1,
                    "leg {} ({}): ratio {} must be positive with a side", i, inst[i]->symbol_view(),
                    in.legs[i].ratio);
    }
    mkt[i] = market_.find(in.legs[i].instrument);
  }
  const bool priced =
      in.type == model::OrderType::kLimit || in.type == model::OrderType::kStopLimit;
  if (priced && !in.limit_price.is_defined()) {
    return reject(RejectReason::kMalformed, 0, 0, "{} order without a limit price",
                  model::to_string(in.type));
  }
  const bool reducing = is_reducing(in);
  if (state == TradingState::kReducing && !reducing) {
    return reject(RejectReason::kStateReducing, 1, 1,
                  "trading state REDUCING: only orders that reduce open positions pass");
  }
  const bool opening = !reducing;
  if (opening) build_groups();

  // --- Check 1: position limits -----------------------------------------------------------
  const core::InstrumentId und = underlying_of(in.legs[0].instrument);
  if (opening) {
    const auto n = static_cast<int>(groups_.size());
    if (n >= L.max_positions) {
      return reject(RejectReason::kMaxPositions, n + 1, L.max_positions,
                    "open positions would be {} > max_positions {}", n + 1, L.max_positions);
    }
    const auto on_und = static_cast<int>(std::count_if(
        groups_.begin(), groups_.end(), [&](const Group& g) { return g.underlying == und; }));
    if (on_und >= L.max_positions_per_underlying) {
      return reject(RejectReason::kMaxPositions, on_und + 1, L.max_positions_per_underlying,
                    "positions on {} would be {} > max_positions_per_underlying {}",
                    registry_.get(und).symbol_view(), on_und + 1, L.max_positions_per_underlying);
    }
  }
  // --- Check 2: quantity ------------------------------------------------------------------
  std::int64_t new_contracts = 0;
  for (std::size_t i = 0; i < in.leg_count; ++i) {
    const std::int64_t units = std::int64_t{in.legs[i].ratio} * in.quantity.value;
    if (inst[i]->freeze_quantity > 0 && units > inst[i]->freeze_quantity) {
      return reject(RejectReason::kQtyLimit, static_cast<double>(units),
                    static_cast<double>(inst[i]->freeze_quantity),
                    "{}: quantity {} > freeze quantity {}", inst[i]->symbol_view(), units,
                    inst[i]->freeze_quantity);
    }
    if (inst[i]->is_option()) {
      const std::int64_t lots = units / std::max<std::int64_t>(1, inst[i]->lot_size);
      if (lots > L.max_contracts_per_order) {
        return reject(RejectReason::kQtyLimit, static_cast<double>(lots),
                      static_cast<double>(L.max_contracts_per_order),
                      "{}: {} contracts > max_contracts_per_order {}", inst[i]->symbol_view(), lots,
                      L.max_contracts_per_order);
      }
      new_contracts += lots;
    }
  }
  if (opening && new_contracts > 0) {
    std::int64_t held = 0;
    for (const auto* p : portfolio_.open_positions()) {
      const auto& pi = registry_.get(p->instrument);
      if (pi.is_option() && underlying_of(p->instrument) == und) {
        held += std::abs(p->quantity) / std::max<std::int64_t>(1, pi.lot_size);
      }
    }
    if (held + new_contracts > L.max_contracts_per_ticker) {
      return reject(RejectReason::kQtyLimit, static_cast<double>(held + new_contracts),
                    static_cast<double>(L.max_contracts_per_ticker),
                    "{} contracts on {} ({} held + {} new) > max_contracts_per_ticker {}",
                    held + new_contracts, registry_.get(und).symbol_view(), held, new_contracts,
                    L.max_contracts_per_ticker);
    }
  }
  // Reference prices: net (signed, + = debit) and gross.
  double net_ref = 0, gross_ref = 0, net_touch = 0;
  bool have_ref = true, have_touch = true;
  for (std::size_t i = 0; i < in.leg_count; ++i) {
    const core::Price ref = mkt[i] ? mkt[i]->reference() : core::Price::undefined();
    if (!ref.is_defined()) {
      have_ref = false;
      have_touch = false;
      break;
    }
    const int s = sign_of(in.legs[i].side);
    net_ref += s * in.legs[i].ratio * px(ref);
    gross_ref += in.legs[i].ratio * std::abs(px(ref));
    if (mkt[i]->two_sided()) {
      net_touch += s * in.legs[i].ratio * px(s > 0 ? mkt[i]->ask : mkt[i]->bid);
    } else {
      have_touch = false;
    }
  }
  const bool single = in.leg_count == 1;
  // A single leg's limit is the price per unit of that leg; signed like the net (+ pays).
  const double net_limit =
      priced ? (single ? sign_of(in.legs[0].side) * px(in.limit_price) : px(in.limit_price)) : 0;
  // --- Check 3: price band ----------------------------------------------------------------
  if (priced) {
    if (!have_ref) {
      return reject(RejectReason::kPriceBand, px(in.limit_price), 0,
                    "no reference price (mid or last) for {} to check the band",
                    registry_.get(in.legs[0].instrument).symbol_view());
    }
    const double dev = std::abs(net_limit - net_ref);
    const double band = L.price_band_pct / 100.0 * gross_ref;
    if (dev > band + 1e-12) {
      return reject(RejectReason::kPriceBand, gross_ref > 0 ? 100.0 * dev / gross_ref : 1e9,
                    L.price_band_pct, "limit {} is {:.2f}% from reference {:.4f} (band {}%)",
                    in.limit_price, gross_ref > 0 ? 100.0 * dev / gross_ref : 1e9,
                    single ? std::abs(net_ref) : net_ref, L.price_band_pct);
    }
  }
  // --- Check 4: lot size ------------------------------------------------------------------
  for (std::size_t i = 0; i < in.leg_count; ++i) {
    const std::int64_t units = std::int64_t{in.legs[i].ratio} * in.quantity.value;
    if (inst[i]->lot_size > 1 && units % inst[i]->lot_size != 0) {
      return reject(RejectReason::kLotSize, static_cast<double>(units),
                    static_cast<double>(inst[i]->lot_size),
                    "{}: quantity {} is not a multiple of the lot size {}", inst[i]->symbol_view(),
                    units, inst[i]->lot_size);
    }
  }
  // --- Check 5: tick ----------------------------------------------------------------------
  if (priced) {
    if (single) {
      if (!model::is_valid_price(inst[0]->tick_rule, in.limit_price)) {
        const core::Price t = model::tick_size(inst[0]->tick_rule, in.limit_price);
        return reject(RejectReason::kTick, px(in.limit_price), px(t),
                      "{}: limit {} is not a multiple of the tick {}", inst[0]->symbol_view(),
                      in.limit_price, t);
      }
    } else {
      core::Price tick = inst[0]->tick_rule.tick_below;
      for (std::size_t i = 1; i < in.leg_count; ++i) {
        tick = std::min(tick, inst[i]->tick_rule.tick_below);
      }
      const core::Price mag = in.limit_price.raw() < 0 ? -in.limit_price : in.limit_price;
      if (!mag.is_multiple_of(tick)) {
        return reject(RejectReason::kTick, px(in.limit_price), px(tick),
                      "net limit {} is not a multiple of the package tick {}", in.limit_price,
                      tick);
      }
    }
  }
  const auto snap = portfolio_.snapshot();
  // --- Check 6: buying power / margin -----------------------------------------------------
  if (opening) {
    double required = 0;
    if (inst[0]->is_option()) {
      std::array<portfolio::MarginLeg, model::kMaxLegs> legs{};
      for (std::size_t i = 0; i < in.leg_count; ++i) {
        double mark = mkt[i] ? px(mkt[i]->reference()) : 0;
        if (single && priced) mark = px(in.limit_price);
        legs[i] = {inst[i], signed_units(in, i), mark};
      }
      const auto* um = market_.find(und);
      double spot = um ? px(um->reference()) : 0;
      if (!(spot > 0)) spot = inst[0]->option ? px(inst[0]->option->strike) : 0;
      required = portfolio::option_group_requirement(
          std::span<const portfolio::MarginLeg>(legs.data(), in.leg_count), spot);
    } else {
      const double p = priced ? px(in.limit_price) : (mkt[0] ? px(mkt[0]->reference()) : 0);
      required = portfolio::equity_requirement(p * static_cast<double>(in.quantity.value) *
                                               static_cast<double>(inst[0]->multiplier));
    }
    const double bp = px(snap.buying_power);
    if (required > bp + 1e-9) {
      return reject(RejectReason::kBuyingPower, required, bp,
                    "margin required {:.2f} > buying power {:.2f}", required, bp);
    }
    const double equity = px(snap.equity);
    const double util = equity > 0 ? 100.0 * (px(snap.margin_used) + required) / equity : 1e9;
    if (util > L.margin_utilization_max_pct + 1e-9) {
      return reject(RejectReason::kBuyingPower, util, L.margin_utilization_max_pct,
                    "margin use after the order {:.2f}% > margin_utilization_max_pct {}%", util,
                    L.margin_utilization_max_pct);
    }
  }
  // --- Check 7: daily loss ----------------------------------------------------------------
  if (opening) {
    const double base = px(snap.equity) - px(snap.day_pnl);
    const double loss_pct = base > 0 ? -100.0 * px(snap.day_pnl) / base : 0;
    if (loss_pct >= L.daily_loss_limit_pct) {
      return reject(RejectReason::kDailyLoss, loss_pct, L.daily_loss_limit_pct,
                    "today's loss {:.3f}% >= daily_loss_limit_pct {}%", loss_pct,
                    L.daily_loss_limit_pct);
    }
    if (auto b = blocked_.find(und.value); b != blocked_.end() && now < b->second.until) {
      return reject(RejectReason::kDailyLoss, 1, 0, "{}: {}", registry_.get(und).symbol_view(),
                    b->second.reason);
    }
    if (L.ticker_daily_loss_limit_pct > 0 && base > 0) {
      const double t_loss = -100.0 * px(portfolio_.underlying_day_pnl(und)) / base;
      if (t_loss >= L.ticker_daily_loss_limit_pct) {
        return reject(RejectReason::kDailyLoss, t_loss, L.ticker_daily_loss_limit_pct,
                      "{}: today's loss on this underlying {:.3f}% >= "
                      "ticker_daily_loss_limit_pct {}%",
                      registry_.get(und).symbol_view(), t_loss, L.ticker_daily_loss_limit_pct);
      }
    }
  }
  // --- Check 8: VIX ----------------------------------------------------------------------
  if (opening) {
    const auto vix = market_.vix();
    if (!vix && L.require_vix) {
      return reject(RejectReason::kVixLimit, 0, L.vix_max, "no VIX value yet (require_vix)");
    }
    if (vix && *vix >= L.vix_max) {
      return reject(RejectReason::kVixLimit, *vix, L.vix_max, "VIX {:.2f} >= vix_max {}", *vix,
                    L.vix_max);
    }
  }
  // --- Check 9: trading window ------------------------------------------------------------
  {
    const Window& w = window_for(now);
    if (!w.open_day || now < w.session_open || now >= w.session_close) {
      return reject(RejectReason::kTradingWindow, 0, 0, "market closed at {}",
                    core::to_iso8601(now));
    }
    if (opening) {
      core::Timestamp from = w.entry_from, to = w.entry_to;
      if (auto it = windows_.find(in.strategy.value); it != windows_.end()) {
        from = calendar_.to_utc(w.date, it->second.first);
        to = calendar_.to_utc(w.date, it->second.second);
      }
      if (now < from || now > to) {
        const auto lt = calendar_.local_time(now);
        return reject(
            RejectReason::kTradingWindow, lt.seconds_of_day(),
            now < from ? (from - w.day_from).count() / 1e9 : (to - w.day_from).count() / 1e9,
            "entry at {} outside the entry window {}..{} (local)", lt.to_string(),
            calendar_.local_time(from).to_string(), calendar_.local_time(to).to_string());
      }
    }
  }
  // --- Greek limits after the order -------------------------------------------------------
  double order_delta = 0;
  if (opening) {
    portfolio::GreeksExposure after = portfolio_.account_greeks();
    for (std::size_t i = 0; i < in.leg_count; ++i) {
      portfolio::UnitGreeks g;
      if (inst[i]->is_option()) {
        const auto* m = market_.find_any(in.legs[i].instrument);
        if (m == nullptr || !m->has_greeks) {
          if (L.require_greeks) {
            return reject(RejectReason::kGreekLimit, 0, 0, "{}: no Greeks to check the limits",
                          inst[i]->symbol_view());
          }
          continue;
        }
        g = m->greeks;
      } else {
        g.delta = 1;
      }
      portfolio::GreeksExposure one;
      one.add(g, signed_units(in, i), inst[i]->multiplier, 0);
      order_delta += one.delta_shares;
      after += one;
    }
    if (std::abs(after.delta_shares) > L.max_abs_delta_shares) {
      return reject(RejectReason::kGreekLimit, after.delta_shares, L.max_abs_delta_shares,
                    "portfolio delta after the order {:.1f} outside +-{}", after.delta_shares,
                    L.max_abs_delta_shares);
    }
    if (std::abs(after.gamma_shares) > L.max_abs_gamma_shares) {
      return reject(RejectReason::kGreekLimit, after.gamma_shares, L.max_abs_gamma_shares,
                    "portfolio gamma after the order {:.2f} outside +-{}", after.gamma_shares,
                    L.max_abs_gamma_shares);
    }
    if (after.theta_per_day < L.min_theta_per_day) {
      return reject(RejectReason::kGreekLimit, after.theta_per_day, L.min_theta_per_day,
                    "portfolio theta after the order {:.2f}/day < {}", after.theta_per_day,
                    L.min_theta_per_day);
    }
  }
  // --- concentration ----------------------------------------------------------------------
  if (opening && order_delta != 0) {
    const int cg = correlation_group(und);
    if (cg >= 0) {
      int same = 0;
      for (const auto& g : groups_) {
        if (correlation_group(g.underlying) == cg && g.delta != 0 &&
            (g.delta > 0) == (order_delta > 0)) {
          ++same;
        }
      }
      if (same + 1 > L.max_same_direction_correlated) {
        return reject(RejectReason::kConcentration, same + 1, L.max_same_direction_correlated,
                      "{} positions {} on correlated underlyings > max {}", same + 1,
                      order_delta > 0 ? "long delta" : "short delta",
                      L.max_same_direction_correlated);
      }
    }
  }
  // --- call/put conflict ------------------------------------------------------------------
  if (opening && L.forbid_call_put_same_underlying && single && inst[0]->is_option() &&
      std::find(L.call_put_allowed_strategies.begin(), L.call_put_allowed_strategies.end(),
                in.strategy.value) == L.call_put_allowed_strategies.end()) {
    const bool call = inst[0]->option->right == model::OptionRight::kCall;
    for (const auto& g : groups_) {
      if (g.underlying == und && !g.multi_leg && (call ? g.has_put : g.has_call)) {
        return reject(RejectReason::kCallPutConflict, 1, 0,
                      "a {} is already held on {}; this strategy may not hold both",
                      call ? "put" : "call", registry_.get(und).symbol_view());
      }
    }
  }
  // --- stale data -------------------------------------------------------------------------
  if (opening) {
    for (std::size_t i = 0; i < in.leg_count; ++i) {
      const core::Duration age = mkt[i] ? now - mkt[i]->quote_ts : core::Duration::max();
      if (age > L.max_quote_age) {
        const double secs = mkt[i] ? age.count() / 1e9 : 1e9;
        return reject(RejectReason::kStaleData, secs, L.max_quote_age.count() / 1e9,
                      "{}: quote age {:.3f}s > {}s", inst[i]->symbol_view(), secs,
                      L.max_quote_age.count() / 1e9);
      }
    }
    if (L.require_analytics_heartbeat) {
      const auto hb = market_.analytics_heartbeat();
      const double secs = hb.is_set() ? (now - hb).count() / 1e9 : 1e9;
      if (!hb.is_set() || now - hb > L.max_analytics_age) {
        return reject(RejectReason::kStaleData, secs, L.max_analytics_age.count() / 1e9,
                      "analytics heartbeat age {:.3f}s > {}s", secs,
                      L.max_analytics_age.count() / 1e9);
      }
    }
  }
  // --- duplicate intent -------------------------------------------------------------------
  if (in.signal_id != 0 && seen_.contains(DupKey{in.signal_id, in.intent_seq, in.strategy.value})) {
    return reject(RejectReason::kDuplicateIntent, static_cast<double>(in.signal_id), 0,
                  "intent (strategy {}, signal {}, seq {}) was already submitted",
                  in.strategy.value, in.signal_id, in.intent_seq);
  }
  // --- order rate -------------------------------------------------------------------------
  {
    const core::Timestamp cut = now - std::chrono::seconds(1);
    std::size_t n = 0;
    if (auto it = submits_.find(in.strategy.value); it != submits_.end()) {
      for (auto t : it->second)
        n += t > cut ? 1 : 0;
    }
    if (static_cast<int>(n) >= L.max_submits_per_second_strategy) {
      return reject(RejectReason::kRateLimited, static_cast<double>(n + 1),
                    L.max_submits_per_second_strategy,
                    "strategy {}: {} submits in 1s > max_submits_per_second_strategy {}",
                    in.strategy.value, n + 1, L.max_submits_per_second_strategy);
    }
    std::size_t a = 0;
    for (auto t : account_submits_)
      a += t > cut ? 1 : 0;
    if (static_cast<int>(a) >= L.max_submits_per_second_account) {
      return reject(RejectReason::kRateLimited, static_cast<double>(a + 1),
                    L.max_submits_per_second_account,
                    "account: {} submits in 1s > max_submits_per_second_account {}", a + 1,
                    L.max_submits_per_second_account);
    }
  }
  // --- fat finger -------------------------------------------------------------------------
  if (priced && have_touch) {
    const double excess = net_limit - net_touch;  // how far through the far side
    const double allowed = L.fat_finger_pct / 100.0 * gross_ref;
    if (excess > allowed + 1e-12) {
      return reject(RejectReason::kFatFinger, gross_ref > 0 ? 100.0 * excess / gross_ref : 1e9,
                    L.fat_finger_pct,
                    "limit {} is {:.4f} through the NBBO ({:.2f}% > fat_finger_pct {}%)",
                    in.limit_price, excess, gross_ref > 0 ? 100.0 * excess / gross_ref : 1e9,
                    L.fat_finger_pct);
    }
  }
  // --- max notional -----------------------------------------------------------------------
  {
    double notional = 0;
    for (std::size_t i = 0; i < in.leg_count; ++i) {
      double p = mkt[i] ? std::abs(px(mkt[i]->reference())) : 0;
      if (single && priced) p = std::abs(px(in.limit_price));
      if (!mkt[i] && !(single && priced)) p = 0;
      notional += p * static_cast<double>(in.legs[i].ratio) *
                  static_cast<double>(in.quantity.value) * static_cast<double>(inst[i]->multiplier);
    }
    if (notional > L.max_notional + 1e-9) {
      return reject(RejectReason::kMaxNotional, notional, L.max_notional,
                    "order notional {:.2f} > max_notional {:.2f}", notional, L.max_notional);
    }
  }
  RiskVerdict ok;
  ok.status = VerdictStatus::kApproved;
  ok.reducing = reducing;
  ok.details.assign(reducing ? "approved (reduces exposure)" : "approved: all checks passed");
  return ok;
}

}  // namespace zerodte::risk
