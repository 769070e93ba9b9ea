#pragma once
// Batch reference implementations: each indicator computed over a whole series straight from its
// textbook/TA-Lib definition (windows re-scanned, no running state shared with the streaming
// classes). Output has the input's length with NaN during warm-up. Used by the property tests
// (streaming == batch) and by the benchmark as the peer.
#include <span>
#include <vector>

#include "zerodte/analytics/directional.hpp"
#include "zerodte/analytics/indicator_set.hpp"

namespace zerodte::analytics::batch {

using Series = std::vector<double>;

Series sma(std::span<const double> x, int n);
Series ema(std::span<const double> x, int n, bool seed_first_value = false);
Series wma(std::span<const double> x, int n);
Series rsi(std::span<const double> x, int n);
struct MacdSeries {
  Series macd, signal, hist;
};
MacdSeries macd(std::span<const double> x, int fast = 12, int slow = 26, int signal = 9);
struct Bands {
  Series upper, middle, lower;
};
Bands bollinger(std::span<const double> x, int n = 20, double k = 2.0);
Series atr(std::span<const double> h, std::span<const double> l, std::span<const double> c, int n);
struct AdxSeries {
  Series plus_di, minus_di, dx, adx;
};
AdxSeries adx(std::span<const double> h, std::span<const double> l, std::span<const double> c,
              int n, WilderSeed seed);
struct StochSeries {
  Series k, d;
};
StochSeries stochastic(std::span<const double> h, std::span<const double> l,
                       std::span<const double> c, int k_period, int k_slowing, int d_period);
Series rolling_max(std::span<const double> x, int n);
Series rolling_min(std::span<const double> x, int n);
Series obv(std::span<const double> c, std::span<const double> v);
Series volume_ratio(std::span<const double> v, int n);
Series rv_close(std::span<const double> c, int n, double periods_per_year);
Series rv_parkinson(std::span<const double> h, std::span<const double> l, int n,
                    double periods_per_year);

// The whole IndicatorSet in batch form (same fields, same config), one row per bar.
std::vector<IndicatorValues> indicator_set(std::span<const BarInput> bars,
                                           const IndicatorSetConfig& cfg = {});

}  // namespace zerodte::analytics::batch
