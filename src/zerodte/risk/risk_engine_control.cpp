// RiskEngine: fills and order updates, breakers, exits, trading-state holds and the kill switch.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>

#include <fmt/format.h>

#include "zerodte/risk/risk_engine.hpp"

namespace zerodte::risk {
namespace {
constexpr std::uint64_t kInternalSignal = 0xFFFF'0000'0000'0000ULL;
}

std::uint64_t RiskEngine::group_key(core::StrategyId s, std::uint64_t gid,
                                    core::InstrumentId id) const {
  return gid != 0 ? (std::uint64_t{1} << 63) | gid : (std::uint64_t{s.value} << 32) | id.value;
}

void RiskEngine::on_fill(const model::Fill& f) {
  last_activity_ = f.ts_recv;
  auto it = orders_.find(f.client_order_id);
  const OrderInfo* info = it != orders_.end() ? &it->second : nullptr;
  const core::StrategyId strategy = info ? info->strategy : core::StrategyId{};
  const std::uint64_t gid = info ? info->group_id : 0;
  const auto* before = portfolio_.position(strategy, f.instrument);
  const double pre = before ? (before->realized_pnl - before->fees).to_double() : 0;
  if (!portfolio_.apply_fill(f, strategy, gid)) return;  // duplicate execution
  if (info != nullptr && info->reducing && f.leg_index < model::kMaxLegs) {
    auto& p = it->second.pending[f.leg_index];
    const std::int64_t filled = (f.side == model::Side::kBuy ? 1 : -1) * f.quantity.value;
    std::int64_t release = filled;
    if (std::abs(release) > std::abs(p)) release = p;  // never past the order
    p -= release;
    pending_.add(f.instrument, -release);
  }
  const std::uint64_t key = group_key(strategy, gid, f.instrument);
  const auto* pos = portfolio_.position(strategy, f.instrument);
  auto g = groups_.find(key);
  if (g == groups_.end() && pos != nullptr && !pos->is_flat()) {
    TrackedGroup tg;
    tg.key = key;
    tg.strategy = strategy;
    tg.group_id = gid;
    tg.exit.opened = f.ts_event.is_set() ? f.ts_event : now();
    g = groups_.emplace(key, std::move(tg)).first;
  }
  if (g == groups_.end()) return;
  auto& grp = g->second;
  if (std::find(grp.instruments.begin(), grp.instruments.end(), f.instrument) ==
      grp.instruments.end()) {
    grp.instruments.push_back(f.instrument);
    grp.base_pnl += pre;
  }
  bool open = false;
  double pnl = 0;
  for (auto id : grp.instruments) {
    if (const auto* p = portfolio_.position(strategy, id)) {
      open = open || !p->is_flat();
      pnl += (p->realized_pnl - p->fees).to_double();
    }
  }
  if (!open) {
    breakers_.on_round_trip(pnl - grp.base_pnl);
    groups_.erase(g);
  }
  check_kill_switch_done();
}

void RiskEngine::on_order_update(const model::OrderUpdate& u) {
  auto it = orders_.find(u.client_order_id);
  if (it == orders_.end() || !model::is_terminal(u.status)) return;
  auto& info = it->second;
  for (std::size_t i = 0; i < info.intent.leg_count; ++i) {
    if (info.pending[i] != 0) pending_.add(info.intent.legs[i].instrument, -info.pending[i]);
    info.pending[i] = 0;
  }
  if (info.group_key != 0) {
    if (auto g = groups_.find(info.group_key);
        g != groups_.end() && g->second.pending_exit == u.client_order_id) {
      g->second.pending_exit = core::ClientOrderId{};
    }
  }
  if (info.internal && u.status == model::OrderStatus::kRejected) {
    event(RiskEventKind::kFlattenFailed, "risk",
          fmt::format("close order {} rejected: {}", u.client_order_id.view(), u.reason.view()));
  }
  check_kill_switch_done();
}

AccountInputs RiskEngine::account() const {
  const auto s = portfolio_.snapshot();
  AccountInputs a{s.equity.to_double(), s.day_pnl.to_double(), s.margin_used.to_double(), {}};
  for (const auto& [und, pnl] : portfolio_.day_pnl_by_underlying()) {
    if (pnl.raw() < 0) a.underlying_day_pnl.emplace_back(und, pnl.to_double());
  }
  return a;
}

void RiskEngine::roll_day(core::Timestamp t) {
  const core::Date d = calendar_.local_date(t);
  if (day_ && *day_ == d) return;
  day_ = d;
  portfolio_.start_day(d);
  breakers_.reset_day();
  checker_.clear_underlying_blocks();
  daily_halt_active_ = false;
}

double RiskEngine::group_value(const TrackedGroup& g) const {
  std::int64_t units = 0;
  double value = 0, basis = 0;
  std::int64_t mult = 1;
  for (auto id : g.instruments) {
    const auto* p = portfolio_.position(g.strategy, id);
    if (p == nullptr || p->is_flat()) continue;
    units = std::gcd(units, std::abs(p->quantity));
    mult = p->multiplier;
    value += p->market_value().to_double();
    basis += p->cost_basis.to_double();
  }
  (void)basis;
  return units > 0 ? value / static_cast<double>(units * mult) : 0;
}

void RiskEngine::evaluate(core::Timestamp t) {
  roll_day(t);
  states_.expire(t);
  for (const auto& trip : breakers_.evaluate(t, account()))
    apply_trip(trip, t);
  evaluate_exits(t, core::InstrumentId{});
  if (kill_switch_active() && !kill_done_ && exec_.working_orders().empty() &&
      portfolio_.open_position_count() > 0) {
    flatten_all("kill_switch:retry");  // a flatten order ended unfilled: send again
  }
  check_kill_switch_done();
}

void RiskEngine::evaluate_exits(core::Timestamp t, core::InstrumentId trigger) {
  if (!cfg_.exits_enabled || kill_switch_active()) return;
  for (auto& [key, g] : groups_) {
    if (!g.pending_exit.view().empty() || g.instruments.empty()) continue;
    const auto& first = registry_.get(g.instruments.front());
    const core::InstrumentId und = first.is_option() ? first.underlying_id : first.id;
    if (trigger.valid() && und != trigger &&
        std::find(g.instruments.begin(), g.instruments.end(), trigger) == g.instruments.end()) {
      continue;  // this price does not move the group
    }
    std::int64_t units = 0;
    double basis = 0;
    std::int64_t mult = 1;
    for (auto id : g.instruments) {
      const auto* p = portfolio_.position(g.strategy, id);
      if (p == nullptr || p->is_flat()) continue;
      units = std::gcd(units, std::abs(p->quantity));
      mult = p->multiplier;
      basis += p->cost_basis.to_double();
    }
    if (units == 0) continue;
    if (g.exit.entry_value == 0) {
      g.exit.entry_value = basis / static_cast<double>(units * mult);
      if (const auto* m = market_.find_any(und); m && m->reference().is_defined()) {
        g.exit.entry_underlying = m->reference().to_double();
      }
      if (g.instruments.size() == 1 && first.is_option()) {
        const auto* p = portfolio_.position(g.strategy, first.id);
        const int s = p->quantity > 0 ? 1 : -1;
        g.exit.direction = first.option->right == model::OptionRight::kCall ? s : -s;
      }
      const auto session = calendar_.session(calendar_.local_date(t));
      if (first.is_option() && session && first.option->expiry == session->date) {
        g.exit.flat_time =
            session->close - std::chrono::minutes(cfg_.limits.exits.flat_before_close_minutes);
      }
    }
    ExitInputs in;
    in.now = t;
    in.value = group_value(g);
    if (const auto* m = market_.find_any(und); m && m->reference().is_defined()) {
      in.underlying = m->reference().to_double();
    }
    const ExitDecision d = evaluate_exit(cfg_.limits.exits, g.exit, in);
    g.last_pnl_pct = d.pnl_pct;
    if (d.exit()) {
      close_group(g, d.fraction, "exit", fmt::format("{}: {}", to_string(d.reason), d.text));
    }
  }
}

void RiskEngine::apply_trip(const BreakerTrip& t, core::Timestamp at) {
  const std::string who = fmt::format("breaker:{}", to_string(t.kind));
  if (t.action == BreakerAction::kClear) {
    if (states_.find(t.source) != nullptr) states_.clear(t.source, at);
    if (t.kind == BreakerKind::kVixLevel || t.kind == BreakerKind::kVixSpike) {
      vix_exit_active_ = false;
    }
    event(RiskEventKind::kBreakerCleared, who, t.text);
    return;
  }
  const core::Date today = calendar_.local_date(at);
  const core::Timestamp next_day =
      calendar_.to_utc(calendar_.next_trading_day(today), core::TimeOfDay{0, 0, 0});
  switch (t.action) {
    case BreakerAction::kExitAllAndPause:
      vix_exit_active_ = true;
      set_hold(t.source, TradingState::kReducing, who, t.text);
      exit_all(who, t.text);
      break;
    case BreakerAction::kExitAllAndHaltDay:
      daily_halt_active_ = true;
      set_hold(t.source, TradingState::kHalted, who, t.text, next_day);
      exit_all(who, t.text);
      break;
    case BreakerAction::kPauseEntries:
      set_hold(t.source, TradingState::kReducing, who, t.text, t.until);
      break;
    case BreakerAction::kCloseWeakest: {
      TrackedGroup* weakest = nullptr;
      for (auto& [k, g] : groups_) {
        if (g.pending_exit.view().empty() &&
            (weakest == nullptr || g.last_pnl_pct < weakest->last_pnl_pct)) {
          weakest = &g;
        }
      }
      event(RiskEventKind::kBreakerTripped, who, t.text);
      if (weakest != nullptr) close_group(*weakest, 1, who, t.text);
      return;
    }
    case BreakerAction::kPause:
      set_hold(t.source, TradingState::kReducing, who, t.text, next_day);
      break;
    case BreakerAction::kHaltNewOrders:
      set_hold(t.source, TradingState::kReducing, who, t.text);
      break;
    case BreakerAction::kCloseUnderlyingAndBlockDay: {
      const auto* u = registry_.try_get(t.underlying);
      const std::string sym =
          u ? std::string(u->symbol_view()) : fmt::format("#{}", t.underlying.value);
      const std::string text = fmt::format(
          "loss on {} today {:.3f}% >= ticker_daily_loss_pct {:.2f}%: closed, no "
          "entries on it until the next trading day",
          sym, t.value, t.threshold);
      checker_.block_underlying(t.underlying, next_day, text);
      event(RiskEventKind::kBreakerTripped, who, text);
      for (auto& [k, g] : groups_) {
        if (!g.pending_exit.view().empty() || g.instruments.empty()) continue;
        const auto& first = registry_.get(g.instruments.front());
        const core::InstrumentId und = first.is_option() ? first.underlying_id : first.id;
        if (und == t.underlying) close_group(g, 1, who, text);
      }
      return;
    }
    case BreakerAction::kClear:
      break;
  }
  event(RiskEventKind::kBreakerTripped, who, t.text);
}

void RiskEngine::set_hold(std::string source, TradingState level, std::string_view who,
                          std::string_view reason, core::Timestamp until) {
  const core::Timestamp t = now();
  const TradingState before = state();
  Hold h{std::move(source), level, t, until, std::string(who), std::string(reason)};
  const std::string text =
      fmt::format("hold {} = {} by {}: {}", h.source, to_string(level), who, reason);
  states_.set(std::move(h), t);
  if (state() != before) {
    event(RiskEventKind::kStateChanged, who,
          fmt::format("{} -> {} ({})", to_string(before), to_string(state()), text));
  }
}

void RiskEngine::resume(std::string_view who) {
  const TradingState before = state();
  states_.clear_all(now());
  vix_exit_active_ = false;
  kill_done_ = true;
  event(RiskEventKind::kStateChanged, who,
        fmt::format("{} -> ACTIVE: every hold cleared by {}", to_string(before), who));
}

void RiskEngine::close_group(TrackedGroup& g, double fraction, std::string_view who,
                             std::string_view why) {
  std::vector<CloseLeg> legs;
  for (auto id : g.instruments) {
    const auto* p = portfolio_.position(g.strategy, id);
    if (p != nullptr && !p->is_flat()) legs.push_back({id, p->quantity});
  }
  if (legs.empty()) return;
  auto in = make_close_intent(legs, fraction, registry_, market_, cfg_.flatten_slippage_ticks);
  if (!in) {
    event(RiskEventKind::kFlattenFailed, who, fmt::format("{}: {}", why, in.error().message));
    return;
  }
  in->strategy = g.strategy;
  in->signal_id = kInternalSignal | ++internal_seq_;
  in->tag.assign(why.substr(0, 64));
  auto r = send(*in, true, true, g.key);
  if (!r) {
    event(RiskEventKind::kFlattenFailed, who,
          fmt::format("{}: execution refused: {}", why, r.error().message));
    return;
  }
  g.pending_exit = *r;
  event(who.starts_with("kill") ? RiskEventKind::kFlattenSubmitted : RiskEventKind::kExitSubmitted,
        who,
        fmt::format("{} {} leg(s) x{} limit {} ({})", r->view(), in->leg_count, in->quantity.value,
                    in->limit_price, why));
}

void RiskEngine::exit_all(std::string_view who, std::string_view why) {
  for (const auto& id : exec_.working_orders()) {
    auto it = orders_.find(id);
    if (it != orders_.end() && (it->second.reducing || it->second.internal)) continue;
    if (exec_.cancel(id)) {
      event(RiskEventKind::kCancelRequested, who, fmt::format("cancel entry order {}", id.view()));
    }
  }
  for (auto& [k, g] : groups_) {
    if (g.pending_exit.view().empty()) close_group(g, 1, who, why);
  }
}

void RiskEngine::flatten_all(std::string_view who) {
  // From the portfolio itself, so positions opened before a restart are closed too.
  std::map<std::uint64_t, TrackedGroup> by_key;
  for (const auto* p : portfolio_.open_positions()) {
    const std::uint64_t key = group_key(p->strategy, p->group_id, p->instrument);
    auto& g = by_key[key];
    g.key = key;
    g.strategy = p->strategy;
    g.group_id = p->group_id;
    g.instruments.push_back(p->instrument);
  }
  for (auto& [key, g] : by_key) {
    if (g.instruments.size() > model::kMaxLegs) {  // too many legs for one package: one by one
      for (auto id : g.instruments) {
        TrackedGroup single = g;
        single.instruments = {id};
        close_group(single, 1, who, "kill switch flatten");
        if (auto t = groups_.find(key); t != groups_.end())
          t->second.pending_exit = single.pending_exit;
      }
      continue;
    }
    close_group(g, 1, who, "kill switch flatten");
    if (auto t = groups_.find(key); t != groups_.end()) t->second.pending_exit = g.pending_exit;
  }
}

void RiskEngine::kill_switch(std::string_view who, std::string_view reason) {
  set_hold("kill_switch", TradingState::kHalted, who, reason);
  kill_done_ = false;
  const auto working = exec_.working_orders();
  const auto positions = portfolio_.open_position_count();
  event(RiskEventKind::kKillSwitchPulled, who,
        fmt::format("kill switch pulled by {} ({}): {} working order(s), {} open position(s)", who,
                    reason.empty() ? "no reason given" : reason, working.size(), positions));
  for (const auto& id : working) {
    auto s = exec_.cancel(id);
    event(RiskEventKind::kCancelRequested, "kill_switch",
          s ? fmt::format("cancel {}", id.view())
            : fmt::format("cancel {} failed: {}", id.view(), s.error().message));
  }
  for (auto& [k, g] : groups_)
    g.pending_exit = core::ClientOrderId{};
  flatten_all("kill_switch");
  check_kill_switch_done();
}

void RiskEngine::check_kill_switch_done() {
  if (kill_done_ || !kill_switch_active()) return;
  if (!exec_.working_orders().empty() || portfolio_.open_position_count() != 0) return;
  kill_done_ = true;
  event(RiskEventKind::kKillSwitchDone, "kill_switch",
        "kill switch complete: no working orders, all positions flat; HALTED until resumed");
}

void RiskEngine::on_control(const engine::ControlCommand& c) {
  const std::string_view a = c.action;
  if (a == "kill_switch") {
    kill_switch(c.user, c.args);
  } else if (a == "halt") {
    set_hold("manual", TradingState::kHalted, c.user,
             c.args.empty() ? "halted by a person" : c.args);
  } else if (a == "pause" || a == "reduce") {
    set_hold("manual", TradingState::kReducing, c.user,
             c.args.empty() ? "paused by a person" : c.args);
  } else if (a == "resume") {
    resume(c.user);
  } else if (a == "manual.approve" || a == "manual.reject") {
    std::size_t idx = 0;
    bool digit = false;
    for (char ch : c.args) {
      if (ch >= '0' && ch <= '9') {
        idx = idx * 10 + static_cast<std::size_t>(ch - '0');
        digit = true;
      } else if (digit) {
        break;
      }
    }
    if (a == "manual.approve") {
      (void)approve_queued(idx, c.user);
    } else {
      (void)reject_queued(idx, c.user);
    }
  }
}

void RiskEngine::poll_kill_switch_file() {
  if (!cfg_.kill_switch_file) return;
  std::error_code ec;
  if (!std::filesystem::exists(*cfg_.kill_switch_file, ec)) return;
  std::string who;
  {
    std::ifstream in(*cfg_.kill_switch_file);
    std::getline(in, who);
  }
  std::filesystem::path done = *cfg_.kill_switch_file;
  done += ".done";
  std::filesystem::rename(*cfg_.kill_switch_file, done, ec);
  if (ec) std::filesystem::remove(*cfg_.kill_switch_file, ec);
  kill_switch(who.empty() ? "signal-file" : "signal-file:" + who.substr(0, 19),
              "kill switch signal file");
}

}  // namespace zerodte::risk
