#include "zerodte/model/instrument.hpp"

#include <array>

#include "zerodte/model/nse_contracts.hpp"

namespace zerodte::model {
namespace {

using core::ErrorCode;
using core::fail;
using core::Market;
using core::Price;

constexpr std::int64_t kUsOptionMultiplier = 100;

// ETFs whose options trade as ETF options (American, physical). Used to classify underlyings.
constexpr std::array<std::string_view, 16> kKnownEtfs = {"SPY", "QQQ", "IWM", "DIA", "GLD", "SLV",
                                                         "TLT", "EEM", "XLF", "XLE", "XLK", "HYG",
                                                         "EFA", "GDX", "USO", "SMH"};

bool is_known_etf(std::string_view t) {
  for (auto e : kKnownEtfs) {
    if (e == t) return true;
  }
  return false;
}

struct IndexRoot {
  std::string_view root;
  std::string_view underlying;
  SettlementTime time;
};
// Cash-settled European index option classes (Cboe / Nasdaq product specifications):
// SPX standard monthlies AM (SOQ), SPXW weeklies/dailies PM; NDX AM, NDXP PM; RUT AM, RUTW PM;
// XSP PM (since 2013-11-05); VIX and VIXW AM (SOQ on the Wednesday expiry); XND (Nasdaq-100
// Micro, 1/100 of NDX) PM. NDX/NDXP ticks 0.05/0.10 per the Nasdaq PHLX/ISE specification.
constexpr IndexRoot kIndexRoots[] = {
    {"SPX", "SPX", SettlementTime::kAm},  {"SPXW", "SPX", SettlementTime::kPm},
    {"NDX", "NDX", SettlementTime::kAm},  {"NDXP", "NDX", SettlementTime::kPm},
    {"RUT", "RUT", SettlementTime::kAm},  {"RUTW", "RUT", SettlementTime::kPm},
    {"XSP", "XSP", SettlementTime::kPm},  {"VIX", "VIX", SettlementTime::kAm},
    {"VIXW", "VIX", SettlementTime::kAm}, {"XND", "XND", SettlementTime::kPm},
};

// Class roots whose underlying ticker differs from the root.
struct RootAlias {
  std::string_view root;
  std::string_view underlying;
};
constexpr RootAlias kRootAliases[] = {{"BRKB", "BRK.B"}, {"BFB", "BF.B"}};

bool is_ticker_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '/' ||
         c == '&';
}

constexpr std::array<std::string_view, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

Instrument base(AssetClass cls, std::string_view symbol, Market market) {
  Instrument i;
  i.asset_class = cls;
  i.symbol = symbol;
  i.market = market;
  i.currency = market == Market::kNse ? Currency::kInr : Currency::kUsd;
  i.tick_rule = market == Market::kNse ? TickRule::nse() : TickRule::us_equity();
  return i;
}

}  // namespace

std::string_view to_string(AssetClass v) {
  switch (v) {
    case AssetClass::kEquity:
      return "equity";
    case AssetClass::kEtf:
      return "etf";
    case AssetClass::kIndex:
      return "index";
    case AssetClass::kOption:
      return "option";
    case AssetClass::kFuture:
      return "future";
  }
  return "unknown";
}
std::string_view to_string(Currency v) {
  return v == Currency::kUsd ? "USD" : "INR";
}
std::string_view to_string(ExerciseStyle v) {
  return v == ExerciseStyle::kAmerican ? "american" : "european";
}
std::string_view to_string(SettlementType v) {
  return v == SettlementType::kPhysical ? "physical" : "cash";
}
std::string_view to_string(SettlementTime v) {
  return v == SettlementTime::kAm ? "AM" : "PM";
}

core::Status Instrument::check_quantity(std::int64_t units) const {
  if (units == 0) return fail(ErrorCode::kInvalid, "{}: quantity is zero", symbol.view());
  const std::int64_t mag = units < 0 ? -units : units;
  if (lot_size > 1 && mag % lot_size != 0) {
    return fail(ErrorCode::kInvalid,
                "{}: quantity {} is not a multiple of the lot size {} (nearest: {} or {})",
                symbol.view(), units, lot_size, mag / lot_size * lot_size,
                (mag / lot_size + 1) * lot_size);
  }
  if (freeze_quantity > 0 && mag > freeze_quantity) {
    return fail(ErrorCode::kInvalid,
                "{}: quantity {} exceeds the exchange freeze quantity {} per order (split it)",
                symbol.view(), units, freeze_quantity);
  }
  return core::ok();
}

core::Status Instrument::check_price(Price price) const {
  return model::check_price(tick_rule, price, symbol.view());
}

core::Result<Price> Instrument::notional(Price price, std::int64_t units) const {
  std::int64_t k = 0;
  if (__builtin_mul_overflow(units, multiplier, &k)) {
    return fail(ErrorCode::kOverflow, "{}: {} x multiplier {} overflows", symbol.view(), units,
                multiplier);
  }
  return Price::checked_mul(price, k);
}

bool Instrument::same_terms(const Instrument& o) const {
  return asset_class == o.asset_class && symbol == o.symbol && market == o.market &&
         currency == o.currency && tick_rule == o.tick_rule && lot_size == o.lot_size &&
         freeze_quantity == o.freeze_quantity && multiplier == o.multiplier && option == o.option;
}

core::Status validate_ticker(std::string_view ticker, std::string_view what) {
  if (ticker.empty()) return fail(ErrorCode::kParse, "{} symbol is empty", what);
  if (ticker.size() > Symbol::capacity()) {
    return fail(ErrorCode::kParse, "{} symbol '{}' is longer than {} characters", what, ticker,
                Symbol::capacity());
  }
  for (char c : ticker) {
    if (c >= 'a' && c <= 'z') {
      return fail(ErrorCode::kParse,
                  "{} symbol '{}' contains lowercase '{}'; symbols are uppercase", what, ticker, c);
    }
    if (!is_ticker_char(c)) {
      return fail(ErrorCode::kParse,
                  "{} symbol '{}' contains character 0x{:02x} (allowed: A-Z 0-9 . - / &)", what,
                  ticker, static_cast<unsigned char>(c));
    }
  }
  return core::ok();
}

core::Result<Instrument> make_equity(std::string_view ticker, Market market) {
  if (auto st = validate_ticker(ticker, "equity"); !st) return std::unexpected(st.error());
  const bool etf = market == Market::kNyse && is_known_etf(ticker);
  return base(etf ? AssetClass::kEtf : AssetClass::kEquity, ticker, market);
}

core::Result<Instrument> make_etf(std::string_view ticker, Market market) {
  if (auto st = validate_ticker(ticker, "ETF"); !st) return std::unexpected(st.error());
  return base(AssetClass::kEtf, ticker, market);
}

core::Result<Instrument> make_index(std::string_view symbol, Market market) {
  if (auto st = validate_ticker(symbol, "index"); !st) return std::unexpected(st.error());
  Instrument i = base(AssetClass::kIndex, symbol, market);
  i.tick_rule = TickRule::flat(Price::from_cents(1));
  return i;
}

UsOptionClass classify_us_option_root(std::string_view root) {
  UsOptionClass c;
  for (const auto& r : kIndexRoots) {
    if (r.root == root) {
      c.underlying = std::string(r.underlying);
      c.underlying_class = AssetClass::kIndex;
      c.exercise = ExerciseStyle::kEuropean;
      c.settlement = SettlementType::kCash;
      c.settlement_time = r.time;
      return c;
    }
  }
  for (const auto& a : kRootAliases) {
    if (a.root == root) {
      c.underlying = std::string(a.underlying);
      return c;
    }
  }
  std::string_view letters = root;
  while (!letters.empty() && letters.back() >= '0' && letters.back() <= '9') {
    letters.remove_suffix(1);
  }
  c.adjusted = letters.size() != root.size() && !letters.empty();
  c.underlying = std::string(letters.empty() ? root : letters);
  c.underlying_class = is_known_etf(c.underlying) ? AssetClass::kEtf : AssetClass::kEquity;
  return c;
}

core::Result<Instrument> make_us_option(const OccSymbol& occ, const OptionTickTable& ticks) {
  // Re-validate: an OccSymbol can be built field by field.
  auto checked = OccSymbol::make(occ.root.view(), occ.expiry, occ.right, occ.strike);
  if (!checked) return std::unexpected(checked.error());
  const UsOptionClass cls = classify_us_option_root(occ.root.view());
  Instrument i = base(AssetClass::kOption, checked->padded(), Market::kNyse);
  i.tick_rule = ticks.for_root(occ.root.view(), cls.underlying);
  i.multiplier = kUsOptionMultiplier;
  OptionSpec spec;
  spec.root = occ.root.view();
  spec.underlying = std::string_view(cls.underlying);
  spec.expiry = occ.expiry;
  spec.right = occ.right;
  spec.strike = occ.strike;
  spec.exercise = cls.exercise;
  spec.settlement = cls.settlement;
  spec.settlement_time = cls.settlement_time;
  spec.adjusted = cls.adjusted;
  i.option = spec;
  return i;
}

core::Result<Instrument> make_us_option(const OccSymbol& occ) {
  static const OptionTickTable kDefaults;
  return make_us_option(occ, kDefaults);
}

core::Result<Instrument> make_us_option(std::string_view root, core::Date expiry, OptionRight right,
                                        Price strike) {
  auto occ = OccSymbol::make(root, expiry, right, strike);
  if (!occ) return std::unexpected(occ.error());
  return make_us_option(*occ);
}

core::Result<OccSymbol> occ_symbol_of(const Instrument& inst) {
  if (!inst.is_option() || inst.market != Market::kNyse) {
    return fail(ErrorCode::kInvalid, "{} is not a US option, so it has no OCC symbol",
                inst.symbol.view());
  }
  const OptionSpec& o = *inst.option;
  return OccSymbol::make(o.root.view(), o.expiry, o.right, o.strike);
}

std::string nse_option_symbol(std::string_view root, core::Date expiry, OptionRight right,
                              Price strike) {
  return fmt::format("{}{:02}{}{:02}{}{}", root, expiry.day, kMonths[expiry.month - 1],
                     expiry.year % 100, strike.to_string(),
                     right == OptionRight::kCall ? "CE" : "PE");
}

core::Result<NseOptionSymbol> parse_nse_option_symbol(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::kParse, "NSE option symbol '{}': {}", text, why);
  };
  if (text.size() < 2 + 7 + 1 + 2) return bad("too short for <ROOT><DDMONYY><STRIKE><CE|PE>");
  const std::string_view suffix = text.substr(text.size() - 2);
  NseOptionSymbol out;
  if (suffix == "CE") {
    out.right = OptionRight::kCall;
  } else if (suffix == "PE") {
    out.right = OptionRight::kPut;
  } else {
    return bad(fmt::format("must end in CE or PE, not '{}'", suffix));
  }
  const std::string_view body = text.substr(0, text.size() - 2);
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  // The first DDMONYY (two digits, a month abbreviation, two digits) after a non-empty root.
  for (std::size_t i = 1; i + 7 <= body.size(); ++i) {
    if (!digit(body[i]) || !digit(body[i + 1]) || !digit(body[i + 5]) || !digit(body[i + 6])) {
      continue;
    }
    int month = 0;
    for (int m = 0; m < 12; ++m) {
      if (body.substr(i + 2, 3) == kMonths[m]) month = m + 1;
    }
    if (month == 0) continue;
    out.root = std::string(body.substr(0, i));
    out.expiry = core::Date{2000 + (body[i + 5] - '0') * 10 + (body[i + 6] - '0'), month,
                            (body[i] - '0') * 10 + (body[i + 1] - '0')};
    if (!out.expiry.valid()) {
      return bad(fmt::format("expiry '{}' is not a calendar date", body.substr(i, 7)));
    }
    if (auto st = validate_ticker(out.root, "NSE option root"); !st) {
      return std::unexpected(st.error().with_context(fmt::format("NSE option symbol '{}'", text)));
    }
    const std::string_view strike_text = body.substr(i + 7);
    if (strike_text.empty()) return bad("no strike between the expiry and CE/PE");
    auto strike = Price::parse(strike_text);
    if (!strike || strike->raw() <= 0) {
      return bad(fmt::format("strike '{}' is not a positive number", strike_text));
    }
    out.strike = *strike;
    return out;
  }
  return bad("no expiry DDMONYY (e.g. 28NOV24) after the root");
}

core::Result<Instrument> make_nse_index_option(std::string_view root, core::Date expiry,
                                               OptionRight right, Price strike,
                                               const NseContractTable& table,
                                               std::optional<std::int64_t> lot_override) {
  if (auto st = validate_ticker(root, "NSE option root"); !st) return std::unexpected(st.error());
  if (root.size() > OptionRoot::capacity()) {
    return fail(ErrorCode::kParse, "NSE option root '{}' is longer than {} characters", root,
                OptionRoot::capacity());
  }
  if (!expiry.valid() || expiry.year < 2000 || expiry.year > 2099) {
    return fail(ErrorCode::kInvalid, "NSE option {}: invalid expiry {:04}-{:02}-{:02}", root,
                expiry.year, expiry.month, expiry.day);
  }
  if (!strike.is_defined() || strike.raw() <= 0) {
    return fail(ErrorCode::kInvalid, "NSE option {}: strike {} must be positive", root,
                strike.to_string());
  }
  std::int64_t lot = 0;
  if (lot_override) {
    if (*lot_override <= 0) {
      return fail(ErrorCode::kInvalid, "NSE option {}: lot override {} must be positive", root,
                  *lot_override);
    }
    lot = *lot_override;
  } else {
    auto known = table.lot_size(root, expiry);
    if (!known) return std::unexpected(known.error());
    lot = *known;
  }
  const std::string symbol = nse_option_symbol(root, expiry, right, strike);
  if (!Symbol::fits(symbol)) {
    return fail(ErrorCode::kInvalid, "NSE option symbol '{}' is longer than {} characters", symbol,
                Symbol::capacity());
  }
  Instrument i = base(AssetClass::kOption, symbol, Market::kNse);
  i.tick_rule = TickRule::nse();
  i.lot_size = lot;
  i.freeze_quantity = table.freeze_quantity(root);
  i.multiplier = 1;
  OptionSpec spec;
  spec.root = root;
  spec.underlying = root;
  spec.expiry = expiry;
  spec.right = right;
  spec.strike = strike;
  spec.exercise = ExerciseStyle::kEuropean;
  spec.settlement = SettlementType::kCash;
  spec.settlement_time = SettlementTime::kPm;
  i.option = spec;
  return i;
}

core::Result<Instrument> make_nse_index_option(std::string_view root, core::Date expiry,
                                               OptionRight right, Price strike,
                                               std::optional<std::int64_t> lot_override) {
  static const NseContractTable kDefaults;
  return make_nse_index_option(root, expiry, right, strike, kDefaults, lot_override);
}

}  // namespace zerodte::model
