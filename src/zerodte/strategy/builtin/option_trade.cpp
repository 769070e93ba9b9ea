#include "zerodte/strategy/builtin/option_trade.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>

#include "zerodte/model/tick_rules.hpp"

namespace zerodte::strategy::builtin {

std::string OptionTrade::to_text() const {
  if (quantity == 0 && !entry_pending()) return {};
  return fmt::format(
      "contract={};symbol={};underlying={};dir={};qty={};ordered={};entry={:.9g};u_entry={:.9g};"
      "u_best={:.9g};entry_ts={};signal={};entry_order={};exit_order={};partial={}",
      contract.value, contract_symbol, underlying, static_cast<int>(direction), quantity, ordered,
      entry_price, underlying_at_entry, best_underlying, entry_ts.ns, signal_id, entry_order.view(),
      exit_order.view(), partial_done ? 1 : 0);
}

core::Result<OptionTrade> OptionTrade::parse(std::string_view text) {
  OptionTrade t;
  if (text.empty()) return t;
  std::map<std::string, std::string, std::less<>> kv;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find(';', pos), text.size());
    const std::string_view item = text.substr(pos, end - pos);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return core::fail(core::ErrorCode::kParse, "trade state: '{}' is not key=value", item);
    }
    kv.emplace(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));
    pos = end + 1;
  }
  const auto get = [&](std::string_view k) -> core::Result<std::string> {
    const auto it = kv.find(k);
    if (it == kv.end()) return core::fail(core::ErrorCode::kParse, "trade state: no '{}'", k);
    return it->second;
  };
  const auto num = [&](std::string_view k) -> core::Result<double> {
    auto s = get(k);
    if (!s) return std::unexpected(s.error());
    char* endp = nullptr;
    const double v = std::strtod(s->c_str(), &endp);
    if (endp == s->c_str() || *endp != '\0') {
      return core::fail(core::ErrorCode::kParse, "trade state: {}='{}' is not a number", k, *s);
    }
    return v;
  };
  const auto integer = [&](std::string_view k) -> core::Result<std::int64_t> {
    auto s = get(k);
    if (!s) return std::unexpected(s.error());
    std::int64_t v = 0;
    const auto r = std::from_chars(s->data(), s->data() + s->size(), v);
    if (r.ec != std::errc{} || r.ptr != s->data() + s->size()) {
      return core::fail(core::ErrorCode::kParse, "trade state: {}='{}' is not an integer", k, *s);
    }
    return v;
  };
#define ZDTE_TRY(var, expr) \
  auto var = (expr);        \
  if (!var) return std::unexpected(var.error());
  ZDTE_TRY(contract, integer("contract"));
  ZDTE_TRY(symbol, get("symbol"));
  ZDTE_TRY(underlying, get("underlying"));
  ZDTE_TRY(dir, integer("dir"));
  ZDTE_TRY(qty, integer("qty"));
  ZDTE_TRY(ordered, integer("ordered"));
  ZDTE_TRY(entry, num("entry"));
  ZDTE_TRY(u_entry, num("u_entry"));
  ZDTE_TRY(u_best, num("u_best"));
  ZDTE_TRY(entry_ts, integer("entry_ts"));
  ZDTE_TRY(signal, integer("signal"));
  ZDTE_TRY(entry_order, get("entry_order"));
  ZDTE_TRY(exit_order, get("exit_order"));
  ZDTE_TRY(partial, integer("partial"));
#undef ZDTE_TRY
  if (*dir < -1 || *dir > 1)
    return core::fail(core::ErrorCode::kParse, "trade state: dir {}", *dir);
  t.contract = core::InstrumentId{static_cast<std::uint32_t>(*contract)};
  t.contract_symbol = *symbol;
  t.underlying = *underlying;
  t.direction = static_cast<Direction>(*dir);
  t.quantity = *qty;
  t.ordered = *ordered;
  t.entry_price = *entry;
  t.underlying_at_entry = *u_entry;
  t.best_underlying = *u_best;
  t.entry_ts = core::Timestamp{*entry_ts};
  t.signal_id = static_cast<std::uint64_t>(*signal);
  t.entry_order = core::ClientOrderId(*entry_order);
  t.exit_order = core::ClientOrderId(*exit_order);
  t.partial_done = *partial != 0;
  return t;
}

bool in_window(core::TimeOfDay t, core::TimeOfDay start, core::TimeOfDay end) {
  return !(t < start) && t < end;
}

bool apply_fill(OptionTrade& trade, const model::Fill& f) {
  if (f.instrument != trade.contract) return false;
  const double px = f.price.to_double();
  const std::int64_t q = f.quantity.value;
  if (f.side == model::Side::kBuy) {
    const double total = static_cast<double>(trade.quantity + q);
    trade.entry_price =
        (trade.entry_price * static_cast<double>(trade.quantity) + px * static_cast<double>(q)) /
        total;
    trade.quantity += q;
  } else {
    trade.quantity = std::max<std::int64_t>(0, trade.quantity - q);
    if (trade.quantity == 0 && !trade.entry_pending()) {
      trade = OptionTrade{};
    }
  }
  return true;
}

bool apply_order_update(OptionTrade& trade, const model::OrderUpdate& u) {
  if (!model::is_terminal(u.status)) return false;
  bool changed = false;
  if (!trade.entry_order.empty() && u.client_order_id == trade.entry_order) {
    trade.entry_order = {};
    changed = true;
  }
  if (!trade.exit_order.empty() && u.client_order_id == trade.exit_order) {
    trade.exit_order = {};
    changed = true;
  }
  if (changed && trade.quantity == 0 && !trade.entry_pending()) trade = OptionTrade{};
  return changed;
}

bool exit_trade(StrategyContext& ctx, OptionTrade& trade, std::int64_t quantity,
                const std::string& reason, std::vector<Evidence> evidence, double conviction) {
  if (quantity <= 0 || trade.exit_pending()) return false;
  const auto c = ctx.option(trade.contract);
  const auto& inst = ctx.instruments().get(trade.contract);
  double bid = c && c->bid.is_defined() ? c->bid.to_double() : 0.0;
  if (bid <= 0) bid = model::tick_size(inst.tick_rule, core::Price::zero()).to_double();
  const core::Price limit = round_price(inst, bid, core::RoundMode::kDown);
  Signal s;
  s.instrument = inst.underlying_id;
  s.symbol = trade.underlying;
  s.direction = Direction::kFlat;
  s.conviction = conviction;
  s.triggered_by = std::move(evidence);
  s.action = fmt::format("sell {} {} @ {} ({})", quantity, trade.contract_symbol,
                         limit.to_string(2), reason);
  const auto id = ctx.emit_signal(std::move(s));
  auto r = ctx.submit(single_order(trade.contract, model::Side::kSell, quantity, limit, id,
                                   model::TimeInForce::kDay, true, reason));
  if (!r.accepted) return false;
  trade.exit_order = r.client_order_id;
  trade.exit_reason = reason;
  return true;
}

}  // namespace zerodte::strategy::builtin
