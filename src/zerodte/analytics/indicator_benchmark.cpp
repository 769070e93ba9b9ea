#include "zerodte/analytics/indicator_benchmark.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <random>

#include "zerodte/analytics/batch.hpp"

namespace zerodte::analytics {

std::vector<BarInput> synthetic_bars(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> ret(0.0, 0.0008);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<BarInput> out(n);
  double price = 450.0;
  const std::int64_t t0 = 1'700'000'000LL * core::kNanosPerSecond;
  for (std::size_t i = 0; i < n; ++i) {
    BarInput& b = out[i];
    const auto day = static_cast<std::int64_t>(i / 390);
    b.ts = core::Timestamp{t0 + day * core::kNanosPerDay +
                           static_cast<std::int64_t>(i % 390) * core::kNanosPerMinute};
    b.session_key = day;
    b.open = price;
    price *= std::exp(ret(rng));
    b.close = price;
    b.high = std::max(b.open, b.close) * (1.0 + 0.0005 * u(rng));
    b.low = std::min(b.open, b.close) * (1.0 - 0.0005 * u(rng));
    b.volume = std::floor(1000.0 + 100000.0 * u(rng));
  }
  return out;
}

namespace {
// CPU time of this thread: on a shared machine, wall time also counts other processes' turns.
double thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

double field_sum(const IndicatorValues& v) {
  double s = 0;
  for (const double x : {v.sma_20, v.ema_9, v.ema_20, v.rsi_14, v.macd, v.macd_signal, v.bb_upper,
                         v.atr_14, v.adx_14, v.plus_di_14, v.vwap, v.stoch_d, v.obv,
                         v.volume_ratio_20, v.rv_close_20, v.rv_parkinson_20, v.hour_high})
    if (!std::isnan(x)) s += x;
  return s;
}

double rel_diff(const IndicatorValues& a, const IndicatorValues& b) {
  const double fa[] = {
      a.sma_20,          a.ema_9,     a.ema_20,     a.rsi_14,          a.macd,
      a.macd_signal,     a.macd_hist, a.bb_upper,   a.bb_middle,       a.bb_lower,
      a.atr_14,          a.adx_14,    a.plus_di_14, a.minus_di_14,     a.vwap,
      a.stoch_k,         a.stoch_d,   a.obv,        a.volume_ratio_20, a.rv_close_20,
      a.rv_parkinson_20, a.hour_high, a.hour_low};
  const double fb[] = {
      b.sma_20,          b.ema_9,     b.ema_20,     b.rsi_14,          b.macd,
      b.macd_signal,     b.macd_hist, b.bb_upper,   b.bb_middle,       b.bb_lower,
      b.atr_14,          b.adx_14,    b.plus_di_14, b.minus_di_14,     b.vwap,
      b.stoch_k,         b.stoch_d,   b.obv,        b.volume_ratio_20, b.rv_close_20,
      b.rv_parkinson_20, b.hour_high, b.hour_low};
  double worst = 0;
  for (std::size_t i = 0; i < std::size(fa); ++i) {
    if (std::isnan(fa[i]) != std::isnan(fb[i])) return INFINITY;
    if (std::isnan(fa[i])) continue;
    worst = std::max(worst, std::fabs(fa[i] - fb[i]) / std::max(1.0, std::fabs(fb[i])));
  }
  return worst;
}
}  // namespace

IndicatorBenchResult bench_indicator_set(std::size_t n_bars, std::uint64_t seed, int repeats) {
  using Clock = std::chrono::steady_clock;
  const auto bars = synthetic_bars(n_bars, seed);
  IndicatorBenchResult r;
  r.bars = n_bars;
  double best_stream = INFINITY, best_batch = INFINITY, best_wall = INFINITY;
  volatile double sink = 0;
  std::vector<IndicatorValues> batch_out;
  for (int rep = 0; rep < repeats; ++rep) {
    IndicatorSet set;
    double acc = 0;
    const auto w0 = Clock::now();
    const double c0 = thread_cpu_ns();
    for (const auto& b : bars)
      acc += set.update(b).ema_9;
    const double c1 = thread_cpu_ns();
    const auto w1 = Clock::now();
    sink = sink + acc;
    best_stream = std::min(best_stream, c1 - c0);
    best_wall = std::min(best_wall, std::chrono::duration<double, std::nano>(w1 - w0).count());
    const double c2 = thread_cpu_ns();
    batch_out = batch::indicator_set(bars);
    const double c3 = thread_cpu_ns();
    sink = sink + field_sum(batch_out.back());
    best_batch = std::min(best_batch, c3 - c2);
  }
  r.stream_ns_per_bar = best_stream / static_cast<double>(n_bars);
  r.stream_wall_ns_per_bar = best_wall / static_cast<double>(n_bars);
  r.batch_ns_per_bar = best_batch / static_cast<double>(n_bars);
  IndicatorSet check;
  for (std::size_t i = 0; i < bars.size(); ++i)
    r.max_rel_diff = std::max(r.max_rel_diff, rel_diff(check.update(bars[i]), batch_out[i]));
  return r;
}

std::string IndicatorBenchResult::to_json() const {
  return fmt::format(
      "{{\"area\":\"analytics\",\"bars\":{},\"indicators_ns_per_bar\":{:.2f},"
      "\"indicators_wall_ns_per_bar\":{:.2f},\"batch_ns_per_bar\":{:.2f},\"batch_over_stream\":{:."
      "3f},\"goal_ns_per_bar\":150,"
      "\"meets_goal\":{},\"max_rel_diff_stream_vs_batch\":{:.3g}}}",
      bars, stream_ns_per_bar, stream_wall_ns_per_bar, batch_ns_per_bar,
      batch_ns_per_bar / stream_ns_per_bar, stream_ns_per_bar <= 150.0 ? "true" : "false",
      max_rel_diff);
}

}  // namespace zerodte::analytics
