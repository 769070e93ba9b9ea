#pragma once
// Exact money. Price is a signed 64-bit count of 1e-9 units (the DBN convention): range about
// +/-9.22e9 units, nine decimals, no rounding on parse or print. Analytics convert to double
// explicitly with to_double(); nothing converts back silently: from_double() rounds to the nearest
// nano and is checked.
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"

namespace zerodte::core {

enum class RoundMode : std::uint8_t { kDown, kUp, kNearest };  // kDown/kUp: toward -inf/+inf

class Price {
 public:
  static constexpr std::int64_t kScale = 1'000'000'000;
  static constexpr std::int64_t kUndefRaw = INT64_MAX;  // DBN UNDEF_PRICE

  constexpr Price() = default;
  static constexpr Price from_raw(std::int64_t raw) { return Price{raw}; }
  static constexpr Price from_units(std::int64_t units) { return Price{units * kScale}; }
  static constexpr Price from_cents(std::int64_t cents) { return Price{cents * (kScale / 100)}; }
  static constexpr Price undefined() { return Price{kUndefRaw}; }
  static constexpr Price zero() { return Price{0}; }

  // Exact decimal parse: optional sign, digits, optional '.', up to 9 fractional digits
  // (further digits only if they are zeros). Rejects empty, garbage, exponents and overflow.
  static Result<Price> parse(std::string_view text);
  // Nearest nano; rejects NaN, infinity and magnitudes beyond the representable range.
  static Result<Price> from_double(double value);

  [[nodiscard]] constexpr std::int64_t raw() const { return raw_; }
  [[nodiscard]] constexpr bool is_defined() const { return raw_ != kUndefRaw; }
  [[nodiscard]] constexpr double to_double() const {
    return static_cast<double>(raw_) / static_cast<double>(kScale);
  }
  // Shortest exact decimal: "450", "2.5", "-0.05", "0.000000001". "UNDEF" for undefined().
  [[nodiscard]] std::string to_string() const;
  // Exactly `decimals` fractional digits (0..9), rounding half away from zero.
  [[nodiscard]] std::string to_string(int decimals) const;

  // Round to a multiple of `tick` (tick > 0).
  [[nodiscard]] Price round_to_tick(Price tick, RoundMode mode) const;
  [[nodiscard]] constexpr bool is_multiple_of(Price tick) const {
    return tick.raw_ > 0 && raw_ % tick.raw_ == 0;
  }

  constexpr auto operator<=>(const Price&) const = default;
  constexpr Price operator-() const { return Price{-raw_}; }
  friend constexpr Price operator+(Price a, Price b) { return Price{a.raw_ + b.raw_}; }
  friend constexpr Price operator-(Price a, Price b) { return Price{a.raw_ - b.raw_}; }
  constexpr Price& operator+=(Price b) {
    raw_ += b.raw_;
    return *this;
  }
  constexpr Price& operator-=(Price b) {
    raw_ -= b.raw_;
    return *this;
  }
  friend constexpr Price operator*(Price a, std::int64_t k) { return Price{a.raw_ * k}; }
  friend constexpr Price operator*(std::int64_t k, Price a) { return Price{a.raw_ * k}; }

  // Overflow-checked arithmetic for values derived from untrusted input.
  [[nodiscard]] static Result<Price> checked_add(Price a, Price b);
  [[nodiscard]] static Result<Price> checked_mul(Price a, std::int64_t k);

 private:
  constexpr explicit Price(std::int64_t raw) : raw_(raw) {}
  std::int64_t raw_ = 0;
};

// A signed quantity in whole units (contracts, shares, lots expressed in units).
struct Quantity {
  std::int64_t value = 0;
  constexpr auto operator<=>(const Quantity&) const = default;
  friend constexpr Quantity operator+(Quantity a, Quantity b) { return {a.value + b.value}; }
  friend constexpr Quantity operator-(Quantity a, Quantity b) { return {a.value - b.value}; }
  constexpr Quantity operator-() const { return {-value}; }
  constexpr Quantity& operator+=(Quantity b) {
    value += b.value;
    return *this;
  }
  constexpr Quantity& operator-=(Quantity b) {
    value -= b.value;
    return *this;
  }
  [[nodiscard]] constexpr bool is_zero() const { return value == 0; }
};

// GoogleTest prints Prices as decimals.
void PrintTo(const Price& p, std::ostream* os);

}  // namespace zerodte::core

template <>
struct fmt::formatter<zerodte::core::Price> : fmt::formatter<std::string> {
  auto format(zerodte::core::Price p, format_context& ctx) const {
    return fmt::formatter<std::string>::format(p.to_string(), ctx);
  }
};
