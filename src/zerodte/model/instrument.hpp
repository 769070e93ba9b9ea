#pragma once
// Instruments: what a symbol is and the contract terms that orders, risk and P&L need.
//
// Quantity convention (one rule for every market):
//  * an order quantity counts *units as the venue counts them*: shares, US option contracts,
//    NSE index-option units (NSE quotes F&O quantity in units, e.g. 75 = one NIFTY lot of 75);
//  * `lot_size` is the step quantities must be multiples of (1 for US shares and contracts;
//    the NSE market lot for NSE derivatives);
//  * `multiplier` converts price x quantity to money: premium = price x quantity x multiplier.
//    US options: 100 (one contract covers 100 shares / $100 per index point); NSE index options:
//    1 (the quantity is already in index units); equities: 1.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "zerodte/core/calendar.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/core/fixed_string.hpp"
#include "zerodte/core/ids.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/model/occ_symbol.hpp"
#include "zerodte/model/tick_rules.hpp"

namespace zerodte::model {

class NseContractTable;

enum class AssetClass : std::uint8_t { kEquity, kEtf, kIndex, kOption, kFuture };
enum class Currency : std::uint8_t { kUsd, kInr };
enum class ExerciseStyle : std::uint8_t { kAmerican, kEuropean };
enum class SettlementType : std::uint8_t { kPhysical, kCash };
// AM: settlement value from the opening prints of the expiry day (SPX/NDX/RUT monthlies: the
// Special Opening Quotation; VIX: SOQ on its Wednesday); trading stops the prior business day.
// PM: settlement from the close of the expiry day; trading until the close.
enum class SettlementTime : std::uint8_t { kAm, kPm };

std::string_view to_string(AssetClass v);
std::string_view to_string(Currency v);
std::string_view to_string(ExerciseStyle v);
std::string_view to_string(SettlementType v);
std::string_view to_string(SettlementTime v);

using Symbol = core::FixedString<32>;
using OptionRoot = core::FixedString<12>;  // "SPXW", "BANKNIFTY", "MIDCPNIFTY", "NIFTYNXT50"

struct OptionSpec {
  OptionRoot root;    // class root: "SPXW", "SPY1" (adjusted), "NIFTY"
  Symbol underlying;  // "SPX", "SPY", "NIFTY"
  core::Date expiry;
  OptionRight right = OptionRight::kCall;
  core::Price strike;
  ExerciseStyle exercise = ExerciseStyle::kAmerican;
  SettlementType settlement = SettlementType::kPhysical;
  SettlementTime settlement_time = SettlementTime::kPm;
  bool adjusted = false;  // OCC adjusted root (deliverable differs from 100 shares)

  friend bool operator==(const OptionSpec&, const OptionSpec&) = default;
};

struct Instrument {
  core::InstrumentId id;  // assigned by InstrumentRegistry (0 until registered)
  AssetClass asset_class = AssetClass::kEquity;
  Symbol symbol;  // canonical: ticker; US options: OCC 21-char padded; NSE options: see below
  core::Market market = core::Market::kNyse;
  Currency currency = Currency::kUsd;
  TickRule tick_rule = TickRule::us_equity();
  std::int64_t lot_size = 1;         // quantities must be multiples of this (units)
  std::int64_t freeze_quantity = 0;  // NSE: max units per order; 0 = no limit
  std::int64_t multiplier = 1;       // money per (price point x quantity unit)
  core::InstrumentId underlying_id;  // options: the underlying, when registered (else 0)
  std::optional<OptionSpec> option;  // set iff asset_class == kOption

  [[nodiscard]] bool is_option() const { return option.has_value(); }
  [[nodiscard]] std::string_view symbol_view() const { return symbol.view(); }
  // Lot multiple, non-zero and freeze limit; the message names the instrument.
  [[nodiscard]] core::Status check_quantity(std::int64_t units) const;
  [[nodiscard]] core::Status check_price(core::Price price) const;
  // price x units x multiplier, overflow-checked.
  [[nodiscard]] core::Result<core::Price> notional(core::Price price, std::int64_t units) const;

  // Equality of everything but the id (what "the same instrument" means when interning).
  [[nodiscard]] bool same_terms(const Instrument& other) const;
};

// --- factories -----------------------------------------------------------------------------
// Tickers: 1-32 characters of A-Z, 0-9 and . - / & (BRK.B, BAJAJ-AUTO, M&M); no lowercase.
core::Status validate_ticker(std::string_view ticker, std::string_view what);

// Equities; well-known ETFs (SPY, QQQ, IWM, DIA, GLD, ...) are classified as kEtf.
core::Result<Instrument> make_equity(std::string_view ticker,
                                     core::Market market = core::Market::kNyse);
core::Result<Instrument> make_etf(std::string_view ticker,
                                  core::Market market = core::Market::kNyse);
// Indices are not tradable themselves: tick 0.01 (display), multiplier 1.
core::Result<Instrument> make_index(std::string_view symbol,
                                    core::Market market = core::Market::kNyse);

// What the root of a US option class implies.
struct UsOptionClass {
  std::string underlying;  // "SPX" for SPXW, "SPY" for SPY1
  AssetClass underlying_class = AssetClass::kEquity;
  ExerciseStyle exercise = ExerciseStyle::kAmerican;
  SettlementType settlement = SettlementType::kPhysical;
  SettlementTime settlement_time = SettlementTime::kPm;
  bool adjusted = false;
};
// SPX: AM cash European; SPXW: PM cash European; NDX AM / NDXP PM; XSP PM; RUT AM / RUTW PM;
// XND PM; VIX and VIXW: AM (SOQ) cash European; everything else American, physical, PM. Roots
// ending in digits that are not listed are OCC adjusted roots of the letters before them.
UsOptionClass classify_us_option_root(std::string_view root);

core::Result<Instrument> make_us_option(const OccSymbol& occ, const OptionTickTable& ticks);
core::Result<Instrument> make_us_option(const OccSymbol& occ);  // default tick table
core::Result<Instrument> make_us_option(std::string_view root, core::Date expiry, OptionRight right,
                                        core::Price strike);

// The OCC symbol of a US option instrument (kInvalid for anything else), for adapters that
// need the vendor form: occ_symbol_of(inst)->compact().
core::Result<OccSymbol> occ_symbol_of(const Instrument& inst);

// NSE index options (NIFTY, BANKNIFTY, FINNIFTY, MIDCPNIFTY, NIFTYNXT50): European, cash, PM,
// tick Rs 0.05, multiplier 1, lot and freeze from `table` unless `lot_override` is given (from
// the contract master). Canonical symbol "<ROOT><DD><MON><YY><STRIKE><CE|PE>", e.g.
// "NIFTY28NOV2423500CE" (the AngelOne trading-symbol form).
core::Result<Instrument> make_nse_index_option(std::string_view root, core::Date expiry,
                                               OptionRight right, core::Price strike,
                                               const NseContractTable& table,
                                               std::optional<std::int64_t> lot_override = {});
core::Result<Instrument> make_nse_index_option(std::string_view root, core::Date expiry,
                                               OptionRight right, core::Price strike,
                                               std::optional<std::int64_t> lot_override = {});
std::string nse_option_symbol(std::string_view root, core::Date expiry, OptionRight right,
                              core::Price strike);

// The fields of an NSE option trading symbol (inverse of nse_option_symbol).
struct NseOptionSymbol {
  std::string root;
  core::Date expiry;
  OptionRight right = OptionRight::kCall;
  core::Price strike;
};
// Parses "<ROOT><DD><MON><YY><STRIKE><CE|PE>" ("NIFTY28NOV2423500CE", "NIFTYNXT5026DEC2467000PE",
// "NIFTY25NOV2525900.5PE"); the error names the text and the field that is wrong.
core::Result<NseOptionSymbol> parse_nse_option_symbol(std::string_view text);

}  // namespace zerodte::model
