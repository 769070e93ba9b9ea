#pragma once
// Seeded random OHLCV minute bars for property tests (geometric random walk, consistent OHLC).
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "zerodte/analytics/indicator_set.hpp"

namespace zerodte::analytics::testing {

inline std::vector<BarInput> random_bars(std::size_t n, std::uint64_t seed,
                                         std::size_t bars_per_session = 390) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> ret(0.0, 0.002);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<BarInput> out(n);
  double price = 100.0;
  const std::int64_t t0 = 1'700'000'000LL * 1'000'000'000LL;
  for (std::size_t i = 0; i < n; ++i) {
    BarInput& b = out[i];
    const std::size_t day = i / bars_per_session;
    b.ts = core::Timestamp{t0 + static_cast<std::int64_t>(day) * core::kNanosPerDay +
                           static_cast<std::int64_t>(i % bars_per_session) * core::kNanosPerMinute};
    b.session_key = static_cast<std::int64_t>(day);
    b.open = price;
    // Occasional flat bars exercise the zero-range/zero-change branches.
    price = u(rng) < 0.05 ? price : price * std::exp(ret(rng));
    b.close = price;
    b.high = std::max(b.open, b.close) * (1.0 + 0.001 * u(rng));
    b.low = std::min(b.open, b.close) * (1.0 - 0.001 * u(rng));
    b.volume = u(rng) < 0.02 ? 0.0 : std::floor(1000.0 + 50000.0 * u(rng));
  }
  return out;
}

}  // namespace zerodte::analytics::testing
