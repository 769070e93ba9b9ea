#pragma once
// Exact money arithmetic for P&L: amounts are core::Price (1e-9 account-currency units).
// price x quantity x multiplier and pro-rata cost splits go through 128-bit intermediates.
#include <cstdint>

#include "zerodte/core/assert.hpp"
#include "zerodte/core/price.hpp"

namespace zerodte::portfolio {

using Money = core::Price;

// price * qty * multiplier (qty signed). Asserts on overflow: positions never reach 9.2e9 USD.
inline Money notional(core::Price price, std::int64_t qty, std::int64_t multiplier) {
  const __int128 v = static_cast<__int128>(price.raw()) * qty * multiplier;
  ZDTE_ASSERT(v < static_cast<__int128>(INT64_MAX) && v > static_cast<__int128>(INT64_MIN),
              "notional overflows Money");
  return Money::from_raw(static_cast<std::int64_t>(v));
}

// amount * num / den, rounded half away from zero (den != 0).
inline Money pro_rata(Money amount, std::int64_t num, std::int64_t den) {
  ZDTE_ASSERT(den != 0, "pro_rata by zero");
  const __int128 p = static_cast<__int128>(amount.raw()) * num;
  __int128 q = p / den;
  const __int128 r = p % den;
  const __int128 twice = (r < 0 ? -r : r) * 2;
  const __int128 d = den < 0 ? -static_cast<__int128>(den) : den;
  if (twice >= d) q += ((p < 0) != (den < 0)) ? -1 : 1;
  return Money::from_raw(static_cast<std::int64_t>(q));
}

}  // namespace zerodte::portfolio
