#include "zerodte/analytics/batch.hpp"

#include <algorithm>
#include <cmath>

namespace zerodte::analytics::batch {

namespace {
Series nan_series(std::size_t n) {
  return Series(n, kNaN);
}
double mean_of(std::span<const double> x, std::size_t end, int n) {
  double s = 0;
  for (std::size_t j = end + 1 - static_cast<std::size_t>(n); j <= end; ++j)
    s += x[j];
  return s / n;
}
double tr_at(std::span<const double> h, std::span<const double> l, std::span<const double> c,
             std::size_t i) {
  return std::max({h[i] - l[i], std::fabs(h[i] - c[i - 1]), std::fabs(l[i] - c[i - 1])});
}
}  // namespace

Series sma(std::span<const double> x, int n) {
  Series out = nan_series(x.size());
  for (std::size_t i = n - 1; i < x.size(); ++i)
    out[i] = mean_of(x, i, n);
  return out;
}

Series ema(std::span<const double> x, int n, bool seed_first_value) {
  Series out = nan_series(x.size());
  const double a = 2.0 / (n + 1.0);
  const std::size_t start = seed_first_value ? 0 : n - 1;
  if (x.size() <= start) return out;
  out[start] = seed_first_value ? x[0] : mean_of(x, start, n);
  for (std::size_t i = start + 1; i < x.size(); ++i)
    out[i] = out[i - 1] + a * (x[i] - out[i - 1]);
  return out;
}

Series wma(std::span<const double> x, int n) {
  Series out = nan_series(x.size());
  const double div = n * (n + 1.0) / 2.0;
  for (std::size_t i = n - 1; i < x.size(); ++i) {
    double s = 0;
    for (int w = 1; w <= n; ++w)
      s += w * x[i + 1 - static_cast<std::size_t>(n) + (w - 1)];
    out[i] = s / div;
  }
  return out;
}

Series rsi(std::span<const double> x, int n) {
  Series out = nan_series(x.size());
  if (x.size() <= static_cast<std::size_t>(n)) return out;
  double g = 0;
  double l = 0;
  for (int i = 1; i <= n; ++i) {
    const double d = x[i] - x[i - 1];
    (d > 0 ? g : l) += std::fabs(d);
  }
  g /= n;
  l /= n;
  auto value = [&] { return g + l != 0 ? 100.0 * g / (g + l) : 0.0; };
  out[n] = value();
  for (std::size_t i = n + 1; i < x.size(); ++i) {
    const double d = x[i] - x[i - 1];
    g = (g * (n - 1) + (d > 0 ? d : 0.0)) / n;
    l = (l * (n - 1) + (d < 0 ? -d : 0.0)) / n;
    out[i] = value();
  }
  return out;
}

MacdSeries macd(std::span<const double> x, int fast, int slow, int signal) {
  MacdSeries r{nan_series(x.size()), nan_series(x.size()), nan_series(x.size())};
  if (x.size() < static_cast<std::size_t>(slow)) return r;
  // TA-Lib: the fast EMA's SMA seed ends on bar slow-1 like the slow one's.
  const auto shift = static_cast<std::size_t>(slow - fast);
  const Series f = ema(x.subspan(shift), fast);
  const Series s = ema(x, slow);
  Series m(x.size() - (slow - 1));
  for (std::size_t i = slow - 1; i < x.size(); ++i)
    m[i - (slow - 1)] = f[i - shift] - s[i];
  const Series sig = ema(m, signal);
  for (std::size_t j = signal - 1; j < m.size(); ++j) {
    const std::size_t i = j + slow - 1;
    r.macd[i] = m[j];
    r.signal[i] = sig[j];
    r.hist[i] = m[j] - sig[j];
  }
  return r;
}

Bands bollinger(std::span<const double> x, int n, double k) {
  Bands b{nan_series(x.size()), nan_series(x.size()), nan_series(x.size())};
  for (std::size_t i = n - 1; i < x.size(); ++i) {
    const double m = mean_of(x, i, n);
    double v = 0;
    for (std::size_t j = i + 1 - n; j <= i; ++j)
      v += (x[j] - m) * (x[j] - m);
    const double sd = std::sqrt(v / n);
    b.middle[i] = m;
    b.upper[i] = m + k * sd;
    b.lower[i] = m - k * sd;
  }
  return b;
}

Series atr(std::span<const double> h, std::span<const double> l, std::span<const double> c, int n) {
  Series out = nan_series(c.size());
  if (c.size() <= static_cast<std::size_t>(n)) return out;
  double a = 0;
  for (int i = 1; i <= n; ++i)
    a += tr_at(h, l, c, i);
  a /= n;
  out[n] = a;
  for (std::size_t i = n + 1; i < c.size(); ++i)
    out[i] = a = (a * (n - 1) + tr_at(h, l, c, i)) / n;
  return out;
}

AdxSeries adx(std::span<const double> h, std::span<const double> l, std::span<const double> c,
              int n, WilderSeed seed) {
  const std::size_t len = c.size();
  AdxSeries r{nan_series(len), nan_series(len), nan_series(len), nan_series(len)};
  Series tr(len, 0), pdm(len, 0), mdm(len, 0);
  for (std::size_t i = 1; i < len; ++i) {
    tr[i] = tr_at(h, l, c, i);
    const double up = h[i] - h[i - 1];
    const double dn = l[i - 1] - l[i];
    pdm[i] = (up > dn && up > 0) ? up : 0;
    mdm[i] = (dn > up && dn > 0) ? dn : 0;
  }
  // First bar with smoothed sums, and the sums there.
  const std::size_t first = seed == WilderSeed::kTulip ? n - 1 : n;
  if (len <= first) return r;
  double st = 0, sp = 0, sm = 0;
  const std::size_t plain_end = seed == WilderSeed::kWilderSum ? n : n - 1;
  for (std::size_t i = 1; i <= plain_end; ++i)
    st += tr[i], sp += pdm[i], sm += mdm[i];
  double a = 0;
  int dx_count = 0;
  for (std::size_t i = first; i < len; ++i) {
    if (i > plain_end) {
      st = st - st / n + tr[i];
      sp = sp - sp / n + pdm[i];
      sm = sm - sm / n + mdm[i];
    }
    const double p = st != 0 ? 100 * sp / st : 0;
    const double m = st != 0 ? 100 * sm / st : 0;
    const double dx = p + m != 0 ? 100 * std::fabs(p - m) / (p + m) : 0;
    r.plus_di[i] = p;
    r.minus_di[i] = m;
    r.dx[i] = dx;
    if (dx_count < n) {
      a += dx;
      if (++dx_count == n) r.adx[i] = a /= n;
    } else {
      r.adx[i] = a = (a * (n - 1) + dx) / n;
    }
  }
  return r;
}

Series rolling_max(std::span<const double> x, int n) {
  Series out = nan_series(x.size());
  for (std::size_t i = n - 1; i < x.size(); ++i)
    out[i] = *std::max_element(x.begin() + (i + 1 - n), x.begin() + i + 1);
  return out;
}

Series rolling_min(std::span<const double> x, int n) {
  Series out = nan_series(x.size());
  for (std::size_t i = n - 1; i < x.size(); ++i)
    out[i] = *std::min_element(x.begin() + (i + 1 - n), x.begin() + i + 1);
  return out;
}

StochSeries stochastic(std::span<const double> h, std::span<const double> l,
                       std::span<const double> c, int k_period, int k_slowing, int d_period) {
  const Series hh = rolling_max(h, k_period);
  const Series ll = rolling_min(l, k_period);
  Series fast(c.size() - std::min<std::size_t>(c.size(), k_period - 1));
  for (std::size_t i = k_period - 1; i < c.size(); ++i) {
    const double range = hh[i] - ll[i];
    fast[i - (k_period - 1)] = range != 0 ? 100.0 * (c[i] - ll[i]) / range : 0.0;
  }
  const Series k = sma(fast, k_slowing);
  const Series d = sma(k, d_period);  // NaN propagates through the warm-up of k
  StochSeries r{nan_series(c.size()), nan_series(c.size())};
  for (std::size_t j = 0; j < fast.size(); ++j) {
    if (std::isnan(d[j])) continue;
    r.k[j + k_period - 1] = k[j];
    r.d[j + k_period - 1] = d[j];
  }
  return r;
}

Series obv(std::span<const double> c, std::span<const double> v) {
  Series out = nan_series(c.size());
  if (c.empty()) return out;
  out[0] = v[0];
  for (std::size_t i = 1; i < c.size(); ++i)
    out[i] = out[i - 1] + (c[i] > c[i - 1] ? v[i] : c[i] < c[i - 1] ? -v[i] : 0.0);
  return out;
}

Series volume_ratio(std::span<const double> v, int n) {
  Series out = nan_series(v.size());
  for (std::size_t i = n; i < v.size(); ++i) {
    const double m = mean_of(v, i - 1, n);
    if (m > 0) out[i] = v[i] / m;
  }
  return out;
}

Series rv_close(std::span<const double> c, int n, double periods_per_year) {
  Series out = nan_series(c.size());
  for (std::size_t i = n; i < c.size(); ++i) {
    double m = 0;
    for (std::size_t j = i + 1 - n; j <= i; ++j)
      m += std::log(c[j] / c[j - 1]);
    m /= n;
    double v = 0;
    for (std::size_t j = i + 1 - n; j <= i; ++j) {
      const double d = std::log(c[j] / c[j - 1]) - m;
      v += d * d;
    }
    out[i] = std::sqrt(v / (n - 1)) * std::sqrt(periods_per_year);
  }
  return out;
}

Series rv_parkinson(std::span<const double> h, std::span<const double> l, int n,
                    double periods_per_year) {
  Series out = nan_series(h.size());
  for (std::size_t i = n - 1; i < h.size(); ++i) {
    double s = 0;
    for (std::size_t j = i + 1 - n; j <= i; ++j)
      s += std::pow(std::log(h[j] / l[j]), 2);
    out[i] = std::sqrt(s / (4.0 * n * std::log(2.0))) * std::sqrt(periods_per_year);
  }
  return out;
}

std::vector<IndicatorValues> indicator_set(std::span<const BarInput> bars,
                                           const IndicatorSetConfig& cfg) {
  const std::size_t len = bars.size();
  Series o(len), h(len), l(len), c(len), v(len);
  for (std::size_t i = 0; i < len; ++i) {
    o[i] = bars[i].open, h[i] = bars[i].high, l[i] = bars[i].low, c[i] = bars[i].close;
    v[i] = bars[i].volume;
  }
  const Series s20 = sma(c, 20), e9 = ema(c, 9), e20 = ema(c, 20), r14 = rsi(c, 14);
  const MacdSeries m = macd(c);
  const Bands bb = bollinger(c);
  const Series a14 = atr(h, l, c, 14);
  const AdxSeries dx = adx(h, l, c, 14, cfg.adx_seed);
  const StochSeries st = stochastic(h, l, c, 14, 3, 3);
  const Series ob = obv(c, v), vr = volume_ratio(v, 20);
  const Series rc = rv_close(c, 20, cfg.periods_per_year);
  const Series rp = rv_parkinson(h, l, 20, cfg.periods_per_year);
  std::vector<IndicatorValues> out(len);
  double pv = 0, vol = 0;
  for (std::size_t i = 0; i < len; ++i) {
    IndicatorValues& r = out[i];
    r.sma_20 = s20[i], r.ema_9 = e9[i], r.ema_20 = e20[i], r.rsi_14 = r14[i];
    r.macd = m.macd[i], r.macd_signal = m.signal[i], r.macd_hist = m.hist[i];
    r.bb_upper = bb.upper[i], r.bb_middle = bb.middle[i], r.bb_lower = bb.lower[i];
    r.atr_14 = a14[i], r.adx_14 = dx.adx[i], r.plus_di_14 = dx.plus_di[i];
    r.minus_di_14 = dx.minus_di[i];
    if (i == 0 || bars[i].session_key != bars[i - 1].session_key) pv = vol = 0;
    pv += (h[i] + l[i] + c[i]) / 3.0 * v[i];
    vol += v[i];
    r.vwap = vol > 0 ? pv / vol : kNaN;
    r.stoch_k = st.k[i], r.stoch_d = st.d[i], r.obv = ob[i], r.volume_ratio_20 = vr[i];
    r.rv_close_20 = rc[i], r.rv_parkinson_20 = rp[i];
    // Last hour (and at most extremum_max_samples bars), scanning backwards.
    double hi = h[i], lo = l[i];
    for (std::size_t j = i, k = 1;
         j-- > 0 && k < static_cast<std::size_t>(cfg.extremum_max_samples); ++k) {
      if (bars[j].ts.ns <= bars[i].ts.ns - cfg.extremum_span.count()) break;
      hi = std::max(hi, h[j]);
      lo = std::min(lo, l[j]);
    }
    r.hour_high = hi, r.hour_low = lo;
  }
  return out;
}

}  // namespace zerodte::analytics::batch
