// PreTradeChecker: the state the rules read (position groups, correlation groups, the cached
// entry window of the day) and the state they keep (duplicates, order rates).
#include <algorithm>
#include <cmath>

#include "zerodte/risk/pre_trade_checks.hpp"

namespace zerodte::risk {
namespace {

void trim(std::deque<core::Timestamp>& q, core::Timestamp now) {
  const core::Timestamp cut = now - std::chrono::seconds(1);
  while (!q.empty() && q.front() <= cut)
    q.pop_front();
}

}  // namespace

void PendingReductions::add(core::InstrumentId id, std::int64_t signed_qty) {
  if (id.value >= qty_.size()) qty_.resize(static_cast<std::size_t>(id.value) + 1, 0);
  qty_[id.value] += signed_qty;
}

void PreTradeChecker::set_limits(PreTradeLimits l) {
  limits_ = std::move(l);
  symbol_group_.clear();
  underlying_group_.clear();
  for (std::size_t g = 0; g < limits_.correlated_groups.size(); ++g) {
    std::string_view s = limits_.correlated_groups[g];
    while (!s.empty()) {
      const auto comma = s.find(',');
      std::string_view tok = s.substr(0, comma);
      while (!tok.empty() && tok.front() == ' ')
        tok.remove_prefix(1);
      while (!tok.empty() && tok.back() == ' ')
        tok.remove_suffix(1);
      if (!tok.empty()) symbol_group_.emplace(std::string(tok), static_cast<int>(g));
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
  }
}

void PreTradeChecker::set_strategy_window(core::StrategyId s, core::TimeOfDay from,
                                          core::TimeOfDay to) {
  windows_[s.value] = {from, to};
}

void PreTradeChecker::block_underlying(core::InstrumentId underlying, core::Timestamp until,
                                       std::string reason) {
  blocked_[underlying.value] = {until, std::move(reason)};
}

core::InstrumentId PreTradeChecker::underlying_of(core::InstrumentId id) const {
  const auto* i = registry_.try_get(id);
  if (i != nullptr && i->is_option() && i->underlying_id.valid()) return i->underlying_id;
  return id;
}

int PreTradeChecker::correlation_group(core::InstrumentId underlying) {
  if (underlying.value >= underlying_group_.size()) {
    underlying_group_.resize(static_cast<std::size_t>(underlying.value) + 1, -2);
  }
  auto& g = underlying_group_[underlying.value];
  if (g == -2) {
    const auto* i = registry_.try_get(underlying);
    g = -1;
    if (i != nullptr) {
      if (auto it = symbol_group_.find(std::string(i->symbol_view())); it != symbol_group_.end()) {
        g = static_cast<std::int8_t>(it->second);
      }
    }
  }
  return g;
}

bool PreTradeChecker::is_reducing(const model::OrderIntent& in) const {
  if (in.leg_count == 0 || in.leg_count > model::kMaxLegs || in.quantity.value <= 0) return false;
  for (std::size_t i = 0; i < in.leg_count; ++i) {
    if (in.legs[i].ratio <= 0 || in.legs[i].side == model::Side::kNone) return false;
    const core::InstrumentId id = in.legs[i].instrument;
    const std::int64_t pos =
        portfolio_.net_quantity(id) + (pending_ != nullptr ? pending_->get(id) : 0);
    const std::int64_t q = signed_units(in, i);
    if (pos == 0 || (pos > 0) == (q > 0) || std::abs(q) > std::abs(pos)) return false;
  }
  return true;
}

void PreTradeChecker::build_groups() {
  groups_.clear();
  for (const auto* p : portfolio_.open_positions()) {
    const auto* inst = registry_.try_get(p->instrument);
    if (inst == nullptr) continue;
    const std::uint64_t key = p->group_id != 0
                                  ? (std::uint64_t{1} << 63) | p->group_id
                                  : (std::uint64_t{p->strategy.value} << 32) | p->instrument.value;
    auto it =
        std::find_if(groups_.begin(), groups_.end(), [&](const Group& g) { return g.key == key; });
    if (it == groups_.end()) {
      groups_.push_back(
          Group{key, underlying_of(p->instrument), 0, false, false, p->group_id != 0});
      it = std::prev(groups_.end());
    }
    double d = 1;
    if (inst->is_option()) {
      const auto* m = market_.find_any(p->instrument);
      d = m != nullptr && m->has_greeks ? m->greeks.delta : 0;
      (inst->option->right == model::OptionRight::kCall ? it->has_call : it->has_put) = true;
    }
    it->delta += d * static_cast<double>(p->quantity) * static_cast<double>(inst->multiplier);
  }
}

const PreTradeChecker::Window& PreTradeChecker::window_for(core::Timestamp now) {
  if (window_.day_to.is_set() && now >= window_.day_from && now < window_.day_to) return window_;
  Window w;
  w.date = calendar_.local_date(now);
  w.day_from = calendar_.to_utc(w.date, core::TimeOfDay{0, 0, 0});
  w.day_to = calendar_.to_utc(w.date.add_days(1), core::TimeOfDay{0, 0, 0});
  if (const auto s = calendar_.session(w.date)) {
    w.open_day = true;
    w.session_open = s->open;
    w.session_close = s->close;
    w.entry_from = calendar_.to_utc(w.date, limits_.no_entry_before);
    w.entry_to = std::min(calendar_.to_utc(w.date, limits_.no_entry_after), s->close);
  }
  window_ = w;
  return window_;
}

void PreTradeChecker::record_submit(const model::OrderIntent& in, core::Timestamp now) {
  if (in.signal_id != 0) seen_.insert(DupKey{in.signal_id, in.intent_seq, in.strategy.value});
  auto& q = submits_[in.strategy.value];
  trim(q, now);
  q.push_back(now);
  trim(account_submits_, now);
  account_submits_.push_back(now);
}

bool PreTradeChecker::allow_modify(core::StrategyId strategy, core::Timestamp now) {
  auto& q = modifies_[strategy.value];
  trim(q, now);
  if (static_cast<int>(q.size()) >= limits_.max_modifies_per_second_strategy) return false;
  q.push_back(now);
  return true;
}

}  // namespace zerodte::risk
