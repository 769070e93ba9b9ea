#include "zerodte/strategy/market_structure/open_trade.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "zerodte/model/tick_rules.hpp"

namespace zerodte::strategy::market_structure {
namespace {

int sign_of(model::Side s) {
  return s == model::Side::kSell ? -1 : 1;
}

model::Side opposite(model::Side s) {
  return s == model::Side::kBuy ? model::Side::kSell : model::Side::kBuy;
}

// Best bid / ask of an instrument: the option quote, else the NBBO quote, else the last price.
std::pair<double, double> touch(const StrategyContext& ctx, core::InstrumentId id) {
  if (auto o = ctx.option(id); o && o->has_two_sided_quote())
    return {o->bid.to_double(), o->ask.to_double()};
  if (auto q = ctx.quote(id); q && q->has_both_sides())
    return {q->bid.to_double(), q->ask.to_double()};
  const double last = ctx.last_price(id).value_or(0);
  return {last, last};
}

template <typename T>
bool parse_num(std::string_view s, T& out) {
  if constexpr (std::is_floating_point_v<T>) {
    try {
      out = std::stod(std::string(s));
      return true;
    } catch (...) {
      return false;
    }
  } else {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size();
  }
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    const std::size_t end = std::min(s.find(sep, pos), s.size());
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

std::int64_t OpenTrade::quantity() const {
  if (leg_count == 0) return 0;
  std::int64_t q = INT64_MAX;
  for (int i = 0; i < leg_count; ++i) {
    const auto& l = legs[static_cast<std::size_t>(i)];
    q = std::min(q, (l.filled - l.closed) / std::max(1, l.ratio));
  }
  return std::max<std::int64_t>(0, q);
}

double OpenTrade::entry_value() const {
  double v = 0;
  for (int i = 0; i < leg_count; ++i) {
    const auto& l = legs[static_cast<std::size_t>(i)];
    if (l.filled > 0) v += sign_of(l.side) * (l.cost / static_cast<double>(l.filled)) * l.ratio;
  }
  return v;
}

bool OpenTrade::owns(const core::ClientOrderId& id) const {
  if (id.empty()) return false;
  if (id == entry_order || id == exit_order) return true;
  return std::find(extra_entries.begin(), extra_entries.end(), id) != extra_entries.end();
}

bool OpenTrade::apply_fill(const model::Fill& f) {
  if (!owns(f.client_order_id)) return false;
  const bool exit = f.client_order_id == exit_order;
  for (int i = 0; i < leg_count; ++i) {
    auto& l = legs[static_cast<std::size_t>(i)];
    if (l.instrument != f.instrument) continue;
    if (exit) {
      l.closed += f.quantity.value;
    } else {
      l.filled += f.quantity.value;
      l.cost += f.price.to_double() * static_cast<double>(f.quantity.value);
    }
    break;
  }
  if (!exit && exit_state.entry_value == 0 && quantity() > 0)
    exit_state.entry_value = entry_value();
  return true;
}

bool OpenTrade::apply_update(const model::OrderUpdate& u) {
  if (!owns(u.client_order_id)) return false;
  if (!model::is_terminal(u.status)) return true;
  if (u.client_order_id == entry_order) entry_order = {};
  if (u.client_order_id == exit_order) exit_order = {};
  std::erase(extra_entries, u.client_order_id);
  return true;
}

std::string OpenTrade::to_text() const {
  std::string legs_text;
  for (int i = 0; i < leg_count; ++i) {
    const auto& l = legs[static_cast<std::size_t>(i)];
    if (i) legs_text += ',';
    legs_text += fmt::format("{}:{}:{}:{}:{}:{}", l.instrument.value, sign_of(l.side), l.ratio,
                             l.filled, l.closed, l.cost);
  }
  std::string extra;
  for (const auto& e : extra_entries) {
    if (!extra.empty()) extra += '|';
    extra += e.view();
  }
  return fmt::format(
      "sym={};dir={};ord={};sig={};opened={};eo={};xo={};ref={};stop={};tgt={};ev={};peak={};"
      "legs={};extra={}",
      symbol, direction, ordered, signal_id, opened.ns, entry_order.view(), exit_order.view(), ref,
      stop, target, exit_state.entry_value, exit_state.peak_pnl_pct, legs_text, extra);
}

core::Result<OpenTrade> OpenTrade::parse(std::string_view text) {
  OpenTrade t;
  for (auto field : split(text, ';')) {
    const auto eq = field.find('=');
    if (eq == std::string_view::npos)
      return core::fail(core::ErrorCode::kParse, "trade state: field '{}' has no '='", field);
    const auto key = field.substr(0, eq);
    const auto val = field.substr(eq + 1);
    bool ok = true;
    if (key == "sym")
      t.symbol = std::string(val);
    else if (key == "dir")
      ok = parse_num(val, t.direction);
    else if (key == "ord")
      ok = parse_num(val, t.ordered);
    else if (key == "sig")
      ok = parse_num(val, t.signal_id);
    else if (key == "opened")
      ok = parse_num(val, t.opened.ns);
    else if (key == "eo")
      t.entry_order = core::ClientOrderId(val);
    else if (key == "xo")
      t.exit_order = core::ClientOrderId(val);
    else if (key == "ref")
      ok = parse_num(val, t.ref);
    else if (key == "stop")
      ok = parse_num(val, t.stop);
    else if (key == "tgt")
      ok = parse_num(val, t.target);
    else if (key == "ev")
      ok = parse_num(val, t.exit_state.entry_value);
    else if (key == "peak")
      ok = parse_num(val, t.exit_state.peak_pnl_pct);
    else if (key == "extra") {
      for (auto e : split(val, '|'))
        t.extra_entries.emplace_back(e);
    } else if (key == "legs") {
      for (auto leg : split(val, ',')) {
        const auto p = split(leg, ':');
        if (p.size() != 6 || t.leg_count >= static_cast<int>(model::kMaxLegs))
          return core::fail(core::ErrorCode::kParse, "trade state: bad leg '{}'", leg);
        auto& l = t.legs[static_cast<std::size_t>(t.leg_count++)];
        int side = 0;
        ok = parse_num(p[0], l.instrument.value) && parse_num(p[1], side) &&
             parse_num(p[2], l.ratio) && parse_num(p[3], l.filled) && parse_num(p[4], l.closed) &&
             parse_num(p[5], l.cost);
        l.side = side < 0 ? model::Side::kSell : model::Side::kBuy;
      }
    } else {
      return core::fail(core::ErrorCode::kParse, "trade state: unknown key '{}'", key);
    }
    if (!ok)
      return core::fail(core::ErrorCode::kParse, "trade state: bad value '{}' for '{}'", val, key);
  }
  t.exit_state.opened = t.opened;
  return t;
}

std::optional<double> mark_value(const StrategyContext& ctx, const OpenTrade& t) {
  double v = 0;
  for (int i = 0; i < t.leg_count; ++i) {
    const auto& l = t.legs[static_cast<std::size_t>(i)];
    double mid = 0;
    if (auto o = ctx.option(l.instrument)) {
      if (!o->has_two_sided_quote()) return std::nullopt;
      mid = o->mid();
    } else if (auto q = ctx.quote(l.instrument); q && q->has_both_sides()) {
      mid = q->mid();
    } else if (auto px = ctx.last_price(l.instrument)) {
      mid = *px;
    } else {
      return std::nullopt;
    }
    v += sign_of(l.side) * mid * l.ratio;
  }
  return v;
}

bool close_trade(StrategyContext& ctx, OpenTrade& t, const std::string& reason,
                 std::vector<Evidence> evidence) {
  const std::int64_t qty = t.quantity();
  if (qty <= 0 || t.exit_pending() || t.leg_count == 0) return false;
  model::OrderIntent in;
  in.order_class = t.leg_count > 1 ? model::OrderClass::kMultiLeg : model::OrderClass::kSimple;
  in.leg_count = static_cast<std::uint8_t>(t.leg_count);
  double net = 0;  // per unit, > 0 = we pay
  for (int i = 0; i < t.leg_count; ++i) {
    const auto& l = t.legs[static_cast<std::size_t>(i)];
    const model::Side side = opposite(l.side);
    const auto [bid, ask] = touch(ctx, l.instrument);
    net += (side == model::Side::kBuy ? ask : -bid) * l.ratio;
    in.legs[static_cast<std::size_t>(i)] =
        model::OrderLeg{l.instrument, side, l.ratio,
                        side == model::Side::kBuy ? model::PositionIntent::kBuyToClose
                                                  : model::PositionIntent::kSellToClose};
  }
  const auto& inst = ctx.instruments().get(t.legs[0].instrument);
  core::Price limit;
  std::string action;
  if (t.leg_count == 1) {
    // One leg: its own side's touch, as a positive price (a sell at 0 bid: one tick).
    double px = std::abs(net);
    const bool sell = in.legs[0].side == model::Side::kSell;
    if (px <= 0) px = model::tick_size(inst.tick_rule, core::Price::zero()).to_double();
    limit = round_price(inst, px, sell ? core::RoundMode::kDown : core::RoundMode::kUp);
    action = fmt::format("{} {} {} @ {} ({})", sell ? "sell" : "buy", qty, inst.symbol.view(),
                         limit.to_string(2), reason);
  } else {
    limit = round_price(inst, net, core::RoundMode::kUp);
    action = fmt::format("close {} x {}-leg {} @ net {} ({})", qty, t.leg_count, t.symbol,
                         limit.to_string(2), reason);
  }
  in.quantity = core::Quantity{qty};
  in.type = model::OrderType::kLimit;
  in.tif = model::TimeInForce::kDay;
  in.limit_price = limit;
  in.reduce_only = true;
  in.tag = core::FixedString<64>(reason);
  Signal s;
  s.instrument = ctx.instruments().find(t.symbol).value_or(core::InstrumentId{});
  s.symbol = t.symbol;
  s.direction = Direction::kFlat;
  s.conviction = 1;
  s.triggered_by = std::move(evidence);
  s.action = action;
  in.signal_id = ctx.emit_signal(std::move(s));
  auto r = ctx.submit(in);
  if (!r.accepted) return false;
  t.exit_order = r.client_order_id;
  return true;
}

Account account_of(const StrategyContext& ctx, double fallback_equity) {
  if (const auto* pf = ctx.portfolio()) {
    const auto snap = pf->snapshot();
    return {snap.equity.to_double(), snap.margin_used.to_double()};
  }
  return {fallback_equity, 0};
}

void suppress(StrategyContext& ctx, std::string_view symbol, Direction d, std::string reason,
              std::string detail, std::vector<Evidence> evidence) {
  Suppression s;
  s.symbol = std::string(symbol);
  s.direction = d;
  s.reason = std::move(reason);
  s.detail = std::move(detail);
  s.triggered_by = std::move(evidence);
  ctx.suppress(std::move(s));
}

std::string trades_text(const std::vector<OpenTrade>& trades) {
  std::string out;
  for (const auto& t : trades) {
    if (!t.active()) continue;
    if (!out.empty()) out += '\n';
    out += t.to_text();
  }
  return out;
}

core::Result<std::vector<OpenTrade>> parse_trades(std::string_view text) {
  std::vector<OpenTrade> out;
  for (auto line : split(text, '\n')) {
    auto t = OpenTrade::parse(line);
    if (!t) return std::unexpected(t.error());
    out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace zerodte::strategy::market_structure
