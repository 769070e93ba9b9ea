#include "zerodte/core/price.hpp"

#include <cmath>
#include <cstdlib>
#include <ostream>

namespace zerodte::core {
namespace {

// floor division for positive divisor
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && (a < 0)) --q;
  return q;
}

}  // namespace

Result<Price> Price::parse(std::string_view text) {
  const std::string_view original = text;
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::kParse, "'{}' is not a price: {}", original, why);
  };
  if (text.empty()) return bad("empty");
  bool negative = false;
  if (text.front() == '+' || text.front() == '-') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return bad("sign without digits");
  // Accumulate as a negative number so INT64_MIN-adjacent values parse symmetrically.
  std::int64_t units = 0;
  std::size_t i = 0;
  std::size_t int_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    const int d = text[i] - '0';
    if (units > (INT64_MAX - d) / 10) return bad("out of range");
    units = units * 10 + d;
  }
  std::int64_t frac = 0;
  std::size_t frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (frac_digits < 9) {
        frac = frac * 10 + (text[i] - '0');
        ++frac_digits;
      } else if (text[i] != '0') {
        return bad("more than 9 decimal places");
      }
    }
    if (int_digits == 0 && frac_digits == 0) return bad("no digits");
  } else if (int_digits == 0) {
    return bad("no digits");
  }
  if (i != text.size()) return bad(fmt::format("unexpected character '{}'", text[i]));
  for (std::size_t k = frac_digits; k < 9; ++k)
    frac *= 10;
  if (units > (INT64_MAX - frac) / kScale) return bad("out of range (|price| > 9223372036)");
  std::int64_t raw = units * kScale + frac;
  if (!negative && raw == kUndefRaw) return bad("out of range (reserved for undefined)");
  return Price{negative ? -raw : raw};
}

Result<Price> Price::from_double(double value) {
  if (!std::isfinite(value)) return fail(ErrorCode::kInvalid, "price {} is not finite", value);
  const double scaled = std::nearbyint(value * static_cast<double>(kScale));
  if (std::fabs(scaled) >= 9.2e18) {
    return fail(ErrorCode::kOutOfRange, "price {} is out of the representable range", value);
  }
  return Price{static_cast<std::int64_t>(scaled)};
}

std::string Price::to_string() const {
  if (!is_defined()) return "UNDEF";
  const bool negative = raw_ < 0;
  // |INT64_MIN| is not representable; compute on unsigned.
  const std::uint64_t mag =
      negative ? (~static_cast<std::uint64_t>(raw_) + 1) : static_cast<std::uint64_t>(raw_);
  const std::uint64_t units = mag / kScale;
  std::uint64_t frac = mag % kScale;
  std::string out = negative ? "-" : "";
  out += fmt::format("{}", units);
  if (frac != 0) {
    std::string f = fmt::format("{:09}", frac);
    while (!f.empty() && f.back() == '0')
      f.pop_back();
    out += '.';
    out += f;
  }
  return out;
}

std::string Price::to_string(int decimals) const {
  if (!is_defined()) return "UNDEF";
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  std::int64_t step = 1;
  for (int k = decimals; k < 9; ++k)
    step *= 10;
  const Price rounded = step == 1 ? *this : [&] {
    const std::int64_t half = step / 2;
    const std::int64_t q = raw_ >= 0 ? (raw_ + half) / step : -((-raw_ + half) / step);
    return Price{q * step};
  }();
  const bool negative = rounded.raw_ < 0;
  const std::uint64_t mag = negative ? (~static_cast<std::uint64_t>(rounded.raw_) + 1)
                                     : static_cast<std::uint64_t>(rounded.raw_);
  std::string out = negative ? "-" : "";
  out += fmt::format("{}", mag / kScale);
  if (decimals > 0) {
    out += '.';
    out += fmt::format("{:09}", mag % kScale).substr(0, static_cast<std::size_t>(decimals));
  }
  return out;
}

Price Price::round_to_tick(Price tick, RoundMode mode) const {
  if (tick.raw_ <= 0) return *this;
  const std::int64_t t = tick.raw_;
  const std::int64_t down = floor_div(raw_, t) * t;
  if (down == raw_) return *this;
  const std::int64_t up = down + t;
  switch (mode) {
    case RoundMode::kDown:
      return Price{down};
    case RoundMode::kUp:
      return Price{up};
    case RoundMode::kNearest: {
      const std::int64_t below = raw_ - down;
      const std::int64_t above = up - raw_;
      if (below < above) return Price{down};
      if (above < below) return Price{up};
      return Price{raw_ >= 0 ? up : down};  // ties away from zero
    }
  }
  return *this;
}

Result<Price> Price::checked_add(Price a, Price b) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a.raw_, b.raw_, &r) || r == kUndefRaw) {
    return fail(ErrorCode::kOverflow, "{} + {} overflows a Price", a.to_string(), b.to_string());
  }
  return Price{r};
}

Result<Price> Price::checked_mul(Price a, std::int64_t k) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a.raw_, k, &r) || r == kUndefRaw) {
    return fail(ErrorCode::kOverflow, "{} * {} overflows a Price", a.to_string(), k);
  }
  return Price{r};
}

void PrintTo(const Price& p, std::ostream* os) {
  *os << p.to_string();
}

}  // namespace zerodte::core
