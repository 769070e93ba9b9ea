#include "zerodte/adapters/fix/fix_codec.hpp"

#include <charconv>

#include <fmt/format.h>

namespace zerodte::adapters::fix {

using core::ErrorCode;
using model::OrderStatus;

char side_code(model::Side s) {
  return s == model::Side::kSell ? '2' : '1';
}

char ord_type_code(model::OrderType t) {
  switch (t) {
    case model::OrderType::kMarket:
      return '1';
    case model::OrderType::kLimit:
      return '2';
    case model::OrderType::kStop:
      return '3';
    case model::OrderType::kStopLimit:
      return '4';
  }
  return '2';
}

char tif_code(model::TimeInForce t) {
  switch (t) {
    case model::TimeInForce::kDay:
      return '0';
    case model::TimeInForce::kGtc:
      return '1';
    case model::TimeInForce::kIoc:
      return '3';
    case model::TimeInForce::kFok:
      return '4';
  }
  return '0';
}

char position_effect_code(model::PositionIntent p) {
  switch (p) {
    case model::PositionIntent::kBuyToOpen:
    case model::PositionIntent::kSellToOpen:
      return 'O';
    case model::PositionIntent::kBuyToClose:
    case model::PositionIntent::kSellToClose:
      return 'C';
    case model::PositionIntent::kAuto:
      return 0;
  }
  return 0;
}

core::Result<OrderStatus> status_from_ord_status(char s, std::int64_t cum_qty) {
  const OrderStatus working = cum_qty > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kAccepted;
  switch (s) {
    case '0':
      return OrderStatus::kAccepted;
    case '1':
      return OrderStatus::kPartiallyFilled;
    case '2':
      return OrderStatus::kFilled;
    case '3':  // DoneForDay
    case '7':  // Stopped
    case '9':  // Suspended
    case 'B':  // Calculated
    case 'D':
      return working;  // AcceptedForBidding
    case '4':
      return OrderStatus::kCancelled;
    case '5':
      return OrderStatus::kReplaced;
    case '6':
      return OrderStatus::kPendingCancel;
    case '8':
      return OrderStatus::kRejected;
    case 'A':
      return OrderStatus::kPendingNew;
    case 'C':
      return OrderStatus::kExpired;
    case 'E':
      return OrderStatus::kPendingReplace;
    default:
      break;
  }
  return core::fail(ErrorCode::kParse, "FIX OrdStatus(39) '{}' is not a FIX 4.4 value", s);
}

core::Result<std::int64_t> parse_qty(std::string_view text, std::string_view what) {
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc{} || p == text.data()) {
    return core::fail(ErrorCode::kParse, "FIX {}: '{}' is not a quantity", what, text);
  }
  if (p != end) {  // "10.0" is fine, "10.5" is not
    if (*p != '.')
      return core::fail(ErrorCode::kParse, "FIX {}: '{}' is not a quantity", what, text);
    for (const char* q = p + 1; q < end; ++q) {
      if (*q != '0') {
        return core::fail(ErrorCode::kInvalid, "FIX {}: '{}' is not a whole number of units", what,
                          text);
      }
    }
  }
  return v;
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

core::Result<core::Timestamp> parse_utc_timestamp(std::string_view t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (t.size() < 17 || t[8] != '-' || t[11] != ':' || t[14] != ':' || !digits(t, 0, 4, y) ||
      !digits(t, 4, 2, mo) || !digits(t, 6, 2, d) || !digits(t, 9, 2, h) || !digits(t, 12, 2, mi) ||
      !digits(t, 15, 2, s) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return core::fail(ErrorCode::kParse, "FIX UTCTimestamp '{}': expected YYYYMMDD-HH:MM:SS[.f]",
                      t);
  }
  std::int64_t frac_ns = 0;
  if (t.size() > 17) {
    if (t[17] != '.' || t.size() == 18 || t.size() > 27) {
      return core::fail(ErrorCode::kParse, "FIX UTCTimestamp '{}': bad fraction", t);
    }
    std::int64_t scale = 100'000'000;
    for (std::size_t i = 18; i < t.size(); ++i, scale /= 10) {
      if (t[i] < '0' || t[i] > '9') {
        return core::fail(ErrorCode::kParse, "FIX UTCTimestamp '{}': bad fraction", t);
      }
      frac_ns += (t[i] - '0') * scale;
    }
  }
  const core::Date date{y, mo, d};
  return core::Timestamp{date.days_since_epoch() * core::kNanosPerDay +
                         (h * 3600LL + mi * 60LL + s) * core::kNanosPerSecond + frac_ns};
}

std::string format_utc_timestamp(core::Timestamp t) {
  const std::int64_t day = t.floor(std::chrono::days(1)).ns / core::kNanosPerDay;
  const std::int64_t in_day = t.ns - day * core::kNanosPerDay;
  const core::Date d = core::Date::from_days_since_epoch(day);
  const std::int64_t secs = in_day / core::kNanosPerSecond;
  const std::int64_t ms = (in_day % core::kNanosPerSecond) / 1'000'000;
  return fmt::format("{:04}{:02}{:02}-{:02}:{:02}:{:02}.{:03}", d.year, d.month, d.day, secs / 3600,
                     (secs / 60) % 60, secs % 60, ms);
}

namespace {

const char* security_type(const model::Instrument& inst) {
  switch (inst.asset_class) {
    case model::AssetClass::kOption:
      return "OPT";
    case model::AssetClass::kFuture:
      return "FUT";
    case model::AssetClass::kIndex:
      return "INDEX";
    case model::AssetClass::kEquity:
    case model::AssetClass::kEtf:
      return "CS";
  }
  return "CS";
}

std::string ymd(core::Date d) {
  return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day);
}

core::Result<const model::Instrument*> leg_instrument(const model::OrderIntent& o, int leg,
                                                      const FixOrderContext& ctx) {
  const model::Instrument* inst = ctx.instruments.try_get(o.legs[leg].instrument);
  if (inst == nullptr) {
    return core::fail(ErrorCode::kNotFound, "FIX order {}: leg {} names unknown instrument id {}",
                      o.client_order_id.view(), leg, o.legs[leg].instrument.value);
  }
  return inst;
}

void add_instrument(FixMessage& m, const model::Instrument& inst) {
  m.set(tag::kSymbol, std::string(inst.symbol_view()));
  m.set(tag::kSecurityType, security_type(inst));
  if (inst.option) {
    m.set(tag::kMaturityDate, ymd(inst.option->expiry));
    m.set(tag::kStrikePrice, inst.option->strike.to_string());
    m.set(tag::kPutOrCall, inst.option->right == model::OptionRight::kPut ? "0" : "1");
  }
}

void add_common(FixMessage& m, const FixOrderContext& ctx) {
  if (!ctx.account.empty()) m.set(tag::kAccount, ctx.account);
  m.set(tag::kTransactTime, format_utc_timestamp(ctx.now));
}

void add_prices(FixMessage& m, model::OrderType type, core::Price limit, core::Price stop) {
  m.set(tag::kOrdType, std::string(1, ord_type_code(type)));
  if ((type == model::OrderType::kLimit || type == model::OrderType::kStopLimit) &&
      limit.is_defined()) {
    m.set(tag::kPrice, limit.to_string());
  }
  if ((type == model::OrderType::kStop || type == model::OrderType::kStopLimit) &&
      stop.is_defined()) {
    m.set(tag::kStopPx, stop.to_string());
  }
}

core::Result<FixGroup> legs_group(const model::OrderIntent& o, const FixOrderContext& ctx) {
  FixGroup g;
  g.count_tag = tag::kNoLegs;
  g.delim = tag::kLegSymbol;
  g.order = {tag::kLegSymbol,         tag::kLegSecurityType, tag::kLegMaturityDate,
             tag::kLegStrikePrice,    tag::kLegRatioQty,     tag::kLegSide,
             tag::kLegPositionEffect, tag::kLegRefId};
  for (int i = 0; i < o.leg_count; ++i) {
    auto inst = leg_instrument(o, i, ctx);
    if (!inst) return std::unexpected(inst.error());
    std::vector<FixField> e;
    e.push_back({tag::kLegSymbol, std::string((*inst)->symbol_view())});
    e.push_back({tag::kLegSecurityType, security_type(**inst)});
    if ((*inst)->option) {
      e.push_back({tag::kLegMaturityDate, ymd((*inst)->option->expiry)});
      e.push_back({tag::kLegStrikePrice, (*inst)->option->strike.to_string()});
    }
    e.push_back({tag::kLegRatioQty, std::to_string(o.legs[i].ratio)});
    e.push_back({tag::kLegSide, std::string(1, side_code(o.legs[i].side))});
    if (const char pe = position_effect_code(o.legs[i].intent); pe != 0) {
      e.push_back({tag::kLegPositionEffect, std::string(1, pe)});
    }
    e.push_back({tag::kLegRefId, std::to_string(i)});
    g.entries.push_back(std::move(e));
  }
  return g;
}

}  // namespace

core::Result<FixMessage> encode_new_order(const model::OrderIntent& o, const FixOrderContext& ctx) {
  if (o.client_order_id.empty()) {
    return core::fail(ErrorCode::kInvalid, "FIX order: empty client_order_id (ClOrdID)");
  }
  FixMessage m;
  m.set(tag::kClOrdId, std::string(o.client_order_id.view()));
  m.set(tag::kHandlInst, "1");
  if (o.is_multi_leg()) {
    m.msg_type = "AB";
    m.set(tag::kSide, "B");  // as defined by the legs
    auto g = legs_group(o, ctx);
    if (!g) return std::unexpected(g.error());
    m.groups.push_back(std::move(*g));
  } else {
    m.msg_type = "D";
    auto inst = leg_instrument(o, 0, ctx);
    if (!inst) return std::unexpected(inst.error());
    add_instrument(m, **inst);
    m.set(tag::kSide, std::string(1, side_code(o.legs[0].side)));
    if (const char pe = position_effect_code(o.legs[0].intent); pe != 0) {
      m.set(tag::kPositionEffect, std::string(1, pe));
    }
  }
  add_common(m, ctx);
  m.set(tag::kOrderQty, std::to_string(o.quantity.value));
  add_prices(m, o.type, o.limit_price, o.stop_price);
  m.set(tag::kTimeInForce, std::string(1, tif_code(o.tif)));
  return m;
}

core::Result<FixMessage> encode_replace(const model::OrderIntent& o,
                                        const core::ClientOrderId& new_id,
                                        const core::VenueOrderId& venue_id, std::int64_t total_qty,
                                        core::Price limit, core::Price stop,
                                        const FixOrderContext& ctx) {
  model::OrderIntent repl = o;
  repl.client_order_id = new_id;
  repl.quantity = core::Quantity{total_qty};
  if (limit.is_defined()) repl.limit_price = limit;
  if (stop.is_defined()) repl.stop_price = stop;
  auto m = encode_new_order(repl, ctx);
  if (!m) return m;
  m->msg_type = o.is_multi_leg() ? "AC" : "G";
  m->set(tag::kOrigClOrdId, std::string(o.client_order_id.view()));
  if (!venue_id.empty()) m->set(tag::kOrderId, std::string(venue_id.view()));
  return m;
}

core::Result<FixMessage> encode_cancel(const model::OrderIntent& o,
                                       const core::ClientOrderId& cancel_id,
                                       const core::VenueOrderId& venue_id,
                                       const FixOrderContext& ctx) {
  FixMessage m;
  m.msg_type = "F";
  m.set(tag::kOrigClOrdId, std::string(o.client_order_id.view()));
  m.set(tag::kClOrdId, std::string(cancel_id.view()));
  if (!venue_id.empty()) m.set(tag::kOrderId, std::string(venue_id.view()));
  if (o.is_multi_leg()) {
    m.set(tag::kSymbol, "[MULTILEG]");
    m.set(tag::kSide, "B");
  } else {
    auto inst = leg_instrument(o, 0, ctx);
    if (!inst) return std::unexpected(inst.error());
    add_instrument(m, **inst);
    m.set(tag::kSide, std::string(1, side_code(o.legs[0].side)));
  }
  add_common(m, ctx);
  m.set(tag::kOrderQty, std::to_string(o.quantity.value));
  return m;
}

}  // namespace zerodte::adapters::fix
