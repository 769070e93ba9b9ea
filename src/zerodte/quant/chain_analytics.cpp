#include "zerodte/quant/chain_analytics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "zerodte/quant/normal.hpp"

namespace zerodte::quant {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::uint8_t> expiry_mask(const OptionChain& c, const AnalyticsOptions& o) {
  std::vector<std::uint8_t> m(c.expiries.size(), o.expiries.empty() ? 1 : 0);
  for (auto e : o.expiries) {
    if (e < m.size()) m[e] = 1;
  }
  return m;
}

double apply_convention(DealerConvention conv, double call_gex, double put_gex) {
  switch (conv) {
    case DealerConvention::kShortCallsShortPuts:
      return -(call_gex + put_gex);
    case DealerConvention::kLongCallsLongPuts:
      return call_gex + put_gex;
    case DealerConvention::kLongCallsShortPuts:
      break;
  }
  return call_gex - put_gex;
}

double gex_of(double oi, double gamma, double spot) {
  return oi * gamma * 100.0 * spot * spot * 0.01;
}

// Linear interpolation of y at x over points sorted by x; NaN when x is not bracketed.
double interpolate(const std::vector<std::pair<double, double>>& pts, double x) {
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    const auto [x0, y0] = pts[i];
    const auto [x1, y1] = pts[i + 1];
    if ((x0 <= x && x <= x1) || (x1 <= x && x <= x0)) {
      return x1 == x0 ? y0 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    }
  }
  return kNaN;
}

}  // namespace

double max_pain(std::span<const double> strikes, std::span<const double> call_oi,
                std::span<const double> put_oi) {
  // pay(S) = sum_i call_oi_i (S - K_i)^+ + put_oi_i (K_i - S)^+ in O(n log n) (sort) + O(n)
  // (running sums) instead of the O(n^2) double loop: with strikes ascending,
  // pay(S) = S C(<S) - CK(<S) + PK(>S) - S P(>S), where C, CK, P, PK are sums of call OI, call
  // OI x strike, put OI and put OI x strike. Ties go to the lowest strike.
  const std::size_t n = std::min({strikes.size(), call_oi.size(), put_oi.size()});
  if (n == 0) return 0.0;
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t i = 0; i < n; ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return strikes[a] < strikes[b]; });
  double put_total = 0, put_k_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    put_total += put_oi[i];
    put_k_total += put_oi[i] * strikes[i];
  }
  double c_below = 0, ck_below = 0;  // calls with strike < S
  double p_upto = 0, pk_upto = 0;    // puts with strike <= S
  double best = std::numeric_limits<double>::infinity();
  double best_strike = strikes[order[0]];
  for (std::size_t a = 0; a < n;) {
    const double k = strikes[order[a]];
    std::size_t b = a;  // [a, b): contracts at this strike (they pay nothing at S = k)
    double c_here = 0, ck_here = 0;
    for (; b < n && strikes[order[b]] == k; ++b) {
      c_here += call_oi[order[b]];
      ck_here += call_oi[order[b]] * k;
      p_upto += put_oi[order[b]];
      pk_upto += put_oi[order[b]] * k;
    }
    const double pay =
        (k * c_below - ck_below) + ((put_k_total - pk_upto) - k * (put_total - p_upto));
    if (pay < best) {
      best = pay;
      best_strike = k;
    }
    c_below += c_here;
    ck_below += ck_here;
    a = b;
  }
  return best_strike;
}

namespace {

ExpirySummary summarise_expiry(const OptionChain& c, std::uint32_t e) {
  ExpirySummary s;
  s.expiry = e;
  const ChainExpiry& ex = c.expiries[e];
  std::vector<std::pair<double, double>> iv_by_k, straddle_by_k, call_iv_by_delta, put_iv_by_delta;
  std::vector<double> strikes, call_oi, put_oi;
  for (std::size_t j = 0; j + 1 < c.size(); j += 2) {
    if (c.expiry[j] != e) continue;
    const double k = c.strike[j];
    strikes.push_back(k);
    call_oi.push_back(c.open_interest[j]);
    put_oi.push_back(c.open_interest[j + 1]);
    const double civ = c.iv[j], piv = c.iv[j + 1];
    if (std::isfinite(civ) && std::isfinite(piv)) iv_by_k.emplace_back(k, 0.5 * (civ + piv));
    if (c.mid[j] > 0 && c.mid[j + 1] > 0) straddle_by_k.emplace_back(k, c.mid[j] + c.mid[j + 1]);
    if (std::isfinite(civ) && k >= ex.forward) call_iv_by_delta.emplace_back(c.delta[j], civ);
    if (std::isfinite(piv) && k <= ex.forward) put_iv_by_delta.emplace_back(c.delta[j + 1], piv);
  }
  s.atm_iv = interpolate(iv_by_k, ex.forward);
  s.expected_move = c.spot * s.atm_iv * std::sqrt(ex.years);
  s.straddle = interpolate(straddle_by_k, ex.forward);
  std::sort(call_iv_by_delta.begin(), call_iv_by_delta.end());
  std::sort(put_iv_by_delta.begin(), put_iv_by_delta.end());
  s.rr25 = interpolate(call_iv_by_delta, 0.25) - interpolate(put_iv_by_delta, -0.25);
  s.max_pain = max_pain(strikes, call_oi, put_oi);
  return s;
}

}  // namespace

double total_gex_at(const OptionChain& c, double spot_level, const AnalyticsOptions& o) {
  const auto mask = expiry_mask(c, o);
  double total = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const std::uint32_t e = c.expiry[i];
    if (!mask[e] || !std::isfinite(c.iv[i]) || !(c.open_interest[i] > 0)) continue;
    const ChainExpiry& ex = c.expiries[e];
    // Forward moves with spot; gamma w.r.t. spot at the new level, IV sticky by strike.
    const double fwd = ex.forward * spot_level / c.spot;
    const double s = c.iv[i] * std::sqrt(ex.years);
    const double d1 = std::log(fwd / c.strike[i]) / s + 0.5 * s;
    const double dq = fwd * ex.discount / spot_level;
    const double gamma = dq * norm_pdf(d1) / (spot_level * s);
    const double g = gex_of(c.open_interest[i], gamma, spot_level);
    total += apply_convention(o.convention, c.sign[i] > 0 ? g : 0.0, c.sign[i] > 0 ? 0.0 : g);
  }
  return total;
}

ChainAnalytics analyse_chain(const OptionChain& c, const AnalyticsOptions& o) {
  ChainAnalytics out;
  const auto mask = expiry_mask(c, o);
  std::vector<GexStrike> rows;  // one per contract, merged by strike below (sort, not a map)
  rows.reserve(c.size());
  double call_vol = 0, put_vol = 0, call_oi = 0, put_oi = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!mask[c.expiry[i]]) continue;
    const bool call = c.sign[i] > 0;
    (call ? call_vol : put_vol) += c.volume[i];
    (call ? call_oi : put_oi) += c.open_interest[i];
    if (!std::isfinite(c.gamma[i])) continue;
    const double g = gex_of(c.open_interest[i], c.gamma[i], c.spot);
    rows.push_back({c.strike[i], call ? g : 0.0, call ? 0.0 : g, 0.0});
    out.net_delta += c.open_interest[i] * c.delta[i] * 100.0;
    out.net_gamma += c.open_interest[i] * c.gamma[i] * 100.0;
  }
  double best_call = -1, best_put = -1;
  // Stable: contracts of one strike are summed in chain order, as the map used to.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const GexStrike& a, const GexStrike& b) { return a.strike < b.strike; });
  for (std::size_t a = 0; a < rows.size();) {
    GexStrike row = rows[a];
    std::size_t b = a + 1;
    for (; b < rows.size() && rows[b].strike == row.strike; ++b) {
      row.call_gex += rows[b].call_gex;
      row.put_gex += rows[b].put_gex;
    }
    a = b;
    const double k = row.strike;
    row.net_gex = apply_convention(o.convention, row.call_gex, row.put_gex);
    out.total_gex += row.net_gex;
    if (row.call_gex > best_call) best_call = row.call_gex, out.call_wall = k;
    if (row.put_gex > best_put) best_put = row.put_gex, out.put_wall = k;
    out.gex.push_back(row);
  }
  out.pc_volume_ratio = call_vol > 0 ? put_vol / call_vol : kNaN;
  out.pc_oi_ratio = call_oi > 0 ? put_oi / call_oi : kNaN;
  // Zero-gamma flip: scan total GEX over spot levels and take the sign change nearest to spot.
  const int n = std::max(o.flip_grid, 3);
  double prev_s = 0, prev_g = 0;
  double best_dist = std::numeric_limits<double>::infinity();
  for (int i = 0; i < (o.find_zero_gamma ? n : 0); ++i) {
    const double s = c.spot * (1.0 - o.flip_range + 2.0 * o.flip_range * i / (n - 1));
    const double g = total_gex_at(c, s, o);
    if (i > 0 && ((prev_g < 0) != (g < 0))) {
      // Refine by bisection on [prev_s, s].
      double lo = prev_s, hi = s, glo = prev_g;
      for (int it = 0; it < 40; ++it) {
        const double midp = 0.5 * (lo + hi);
        const double gm = total_gex_at(c, midp, o);
        if ((gm < 0) == (glo < 0)) {
          lo = midp, glo = gm;
        } else {
          hi = midp;
        }
      }
      const double level = 0.5 * (lo + hi);
      if (std::abs(level - c.spot) < best_dist) {
        best_dist = std::abs(level - c.spot);
        out.zero_gamma = level;
      }
    }
    prev_s = s, prev_g = g;
  }
  for (std::uint32_t e = 0; e < c.expiries.size(); ++e) {
    if (mask[e]) out.expiries.push_back(summarise_expiry(c, e));
  }
  return out;
}

}  // namespace zerodte::quant
