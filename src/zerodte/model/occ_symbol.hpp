#pragma once
// OCC / OSI option symbology (the 2010 Options Symbology Initiative).
//
//   padded (21 chars):  "SPY   240119C00450000"   root left-justified in 6 columns
//   compact (vendor):   "SPY240119C00450000"      Alpaca, Tradier, Cboe quote data, IBKR "symbol"
//   Polygon/Massive:    "O:SPY240119C00450000"
//
// After the root come YYMMDD (expiry; years are 2000-2099), C or P, and the strike times 1000 as
// eight digits (5 integer + 3 decimal digits: 450.5 -> 00450500, 0.5 -> 00000500, max 99999.999).
// Roots are 1-6 characters of A-Z and 0-9 beginning with a letter; digits appear in adjusted roots
// after corporate actions ("SPY1", "AAPL2") and some class roots. Parsing is strict: lowercase,
// stray whitespace, bad dates, a zero strike and unknown right letters are errors that name the
// symbol and the rule broken.
#include <cstdint>
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/core/fixed_string.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::model {

enum class OptionRight : std::uint8_t { kCall, kPut };
std::string_view to_string(OptionRight r);  // "call" | "put"
[[nodiscard]] constexpr char occ_letter(OptionRight r) {
  return r == OptionRight::kCall ? 'C' : 'P';
}

enum class OccForm : std::uint8_t { kPadded, kCompact, kPolygon };

struct OccSymbol {
  static constexpr std::size_t kMaxRootLength = 6;
  static constexpr std::size_t kPaddedLength = 21;
  static constexpr std::int64_t kMaxStrikeThousandths = 99'999'999;  // 99999.999

  core::FixedString<kMaxRootLength> root;
  core::Date expiry;
  OptionRight right = OptionRight::kCall;
  core::Price strike;

  // Validates every field (root characters, date range 2000-2099, 0 < strike <= 99999.999 in
  // steps of 0.001).
  static core::Result<OccSymbol> make(std::string_view root, core::Date expiry, OptionRight right,
                                      core::Price strike);
  // Accepts any of the three forms; the error message names `text` and what is wrong with it.
  static core::Result<OccSymbol> parse(std::string_view text);

  // Requires a symbol from make() or parse() (asserts the field ranges).
  [[nodiscard]] std::string format(OccForm form) const;
  [[nodiscard]] std::string padded() const { return format(OccForm::kPadded); }
  [[nodiscard]] std::string compact() const { return format(OccForm::kCompact); }
  [[nodiscard]] std::string polygon() const { return format(OccForm::kPolygon); }
  // Strike in thousandths of a unit as encoded in the symbol (450.5 -> 450500).
  [[nodiscard]] std::int64_t strike_thousandths() const;

  friend bool operator==(const OccSymbol&, const OccSymbol&) = default;
};

// Validates an option root alone (1-6 chars, A-Z/0-9, leading letter); `context` names the input
// in the message.
core::Status validate_occ_root(std::string_view root, std::string_view context);

}  // namespace zerodte::model
