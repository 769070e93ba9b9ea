#include "zerodte/quant/svi.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "zerodte/quant/option_chain.hpp"

namespace zerodte::quant {

double svi_total_variance(const SviParams& p, double k) {
  const double x = k - p.m;
  return p.a + p.b * (p.rho * x + std::sqrt(x * x + p.sigma * p.sigma));
}

double svi_butterfly_density(const SviParams& p, double k) {
  const double x = k - p.m;
  const double root = std::sqrt(x * x + p.sigma * p.sigma);
  const double w = p.a + p.b * (p.rho * x + root);
  const double w1 = p.b * (p.rho + x / root);
  const double w2 = p.b * p.sigma * p.sigma / (root * root * root);
  if (!(w > 0)) return -std::numeric_limits<double>::infinity();
  const double t = 1.0 - k * w1 / (2.0 * w);
  return t * t - 0.25 * w1 * w1 * (1.0 / w + 0.25) + 0.5 * w2;
}

namespace {

struct Data {
  std::span<const double> k, w, wt;
};

// Best (a, d, c) for fixed (m, sigma), w ~ a + d y + c z with y = (k-m)/sigma, z = sqrt(y^2+1);
// constrained to c >= 0, |d| <= c. Returns the weighted squared error.
double inner_fit(const Data& d, double m, double sigma, SviParams* out) {
  double s[3][3] = {};
  double rhs[3] = {};
  for (std::size_t i = 0; i < d.k.size(); ++i) {
    const double y = (d.k[i] - m) / sigma;
    const double f[3] = {1.0, y, std::sqrt(y * y + 1.0)};
    for (int r = 0; r < 3; ++r) {
      rhs[r] += d.wt[i] * f[r] * d.w[i];
      for (int c = 0; c < 3; ++c)
        s[r][c] += d.wt[i] * f[r] * f[c];
    }
  }
  auto det3 = [](const double m3[3][3]) {
    return m3[0][0] * (m3[1][1] * m3[2][2] - m3[1][2] * m3[2][1]) -
           m3[0][1] * (m3[1][0] * m3[2][2] - m3[1][2] * m3[2][0]) +
           m3[0][2] * (m3[1][0] * m3[2][1] - m3[1][1] * m3[2][0]);
  };
  const double det = det3(s);
  std::array<double, 3> x{0, 0, 0};
  if (std::abs(det) > 1e-300) {
    for (int col = 0; col < 3; ++col) {
      double t[3][3];
      for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c)
          t[r][c] = c == col ? rhs[r] : s[r][c];
      }
      x[col] = det3(t) / det;
    }
  }
  double a = x[0], dd = x[1], c = x[2];
  if (c < 0 || std::abs(dd) > c) {
    // Project onto the constraint set and refit the level a.
    c = std::max(c, 0.0);
    dd = std::clamp(dd, -c, c);
    double num = 0, den = 0;
    for (std::size_t i = 0; i < d.k.size(); ++i) {
      const double y = (d.k[i] - m) / sigma;
      num += d.wt[i] * (d.w[i] - dd * y - c * std::sqrt(y * y + 1.0));
      den += d.wt[i];
    }
    a = num / den;
  }
  double err = 0;
  for (std::size_t i = 0; i < d.k.size(); ++i) {
    const double y = (d.k[i] - m) / sigma;
    const double e = a + dd * y + c * std::sqrt(y * y + 1.0) - d.w[i];
    err += d.wt[i] * e * e;
  }
  if (out != nullptr) {
    out->a = a;
    out->m = m;
    out->sigma = sigma;
    out->b = c / sigma;
    out->rho = c > 0 ? dd / c : 0.0;
  }
  return err;
}

}  // namespace

core::Result<SviFit> fit_svi(std::span<const double> k, std::span<const double> total_variance,
                             std::span<const double> weights) {
  if (k.size() != total_variance.size() || k.size() != weights.size()) {
    return core::fail(core::ErrorCode::kInvalid, "SVI fit: spans differ in length");
  }
  if (k.size() < 5) {
    return core::fail(core::ErrorCode::kInvalid, "SVI fit needs >= 5 points, got {}", k.size());
  }
  const Data d{k, total_variance, weights};
  const auto [kmin_it, kmax_it] = std::minmax_element(k.begin(), k.end());
  const double range = std::max(*kmax_it - *kmin_it, 1e-6);
  const std::size_t imin =
      std::min_element(total_variance.begin(), total_variance.end()) - total_variance.begin();
  // Nelder-Mead over (m, log sigma).
  auto cost = [&](const std::array<double, 2>& v) {
    return inner_fit(d, v[0], std::exp(v[1]), nullptr);
  };
  std::array<std::array<double, 2>, 3> simplex{{{k[imin], std::log(0.1 * range)},
                                                {k[imin] + 0.1 * range, std::log(0.1 * range)},
                                                {k[imin], std::log(0.3 * range)}}};
  std::array<double, 3> f{};
  for (int i = 0; i < 3; ++i)
    f[i] = cost(simplex[i]);
  for (int it = 0; it < 400; ++it) {
    std::array<int, 3> order{0, 1, 2};
    std::sort(order.begin(), order.end(), [&](int a, int b) { return f[a] < f[b]; });
    const int best = order[0], mid = order[1], worst = order[2];
    if (std::abs(f[worst] - f[best]) <= 1e-14 * (std::abs(f[best]) + 1e-300)) break;
    std::array<double, 2> centre{};
    for (int j = 0; j < 2; ++j)
      centre[j] = 0.5 * (simplex[best][j] + simplex[mid][j]);
    auto along = [&](double t) {
      std::array<double, 2> p{};
      for (int j = 0; j < 2; ++j)
        p[j] = centre[j] + t * (simplex[worst][j] - centre[j]);
      return p;
    };
    const auto refl = along(-1.0);
    const double fr = cost(refl);
    if (fr < f[best]) {
      const auto exp = along(-2.0);
      const double fe = cost(exp);
      if (fe < fr) {
        simplex[worst] = exp, f[worst] = fe;
      } else {
        simplex[worst] = refl, f[worst] = fr;
      }
    } else if (fr < f[mid]) {
      simplex[worst] = refl, f[worst] = fr;
    } else {
      const auto con = along(0.5);
      const double fc = cost(con);
      if (fc < f[worst]) {
        simplex[worst] = con, f[worst] = fc;
      } else {
        for (int i : {mid, worst}) {
          for (int j = 0; j < 2; ++j)
            simplex[i][j] = 0.5 * (simplex[i][j] + simplex[best][j]);
          f[i] = cost(simplex[i]);
        }
      }
    }
  }
  const int best = static_cast<int>(std::min_element(f.begin(), f.end()) - f.begin());
  SviFit fit;
  double wsum = 0;
  for (double x : weights)
    wsum += x;
  fit.rmse_total_variance =
      std::sqrt(inner_fit(d, simplex[best][0], std::exp(simplex[best][1]), &fit.params) / wsum);
  fit.points = k.size();
  fit.min_density = std::numeric_limits<double>::infinity();
  for (int i = 0; i <= 400; ++i) {
    const double kk = *kmin_it - 0.5 + (range + 1.0) * i / 400.0;
    fit.min_density = std::min(fit.min_density, svi_butterfly_density(fit.params, kk));
  }
  fit.butterfly_free = fit.min_density >= 0.0;
  fit.lee_bound_ok = fit.params.b * (1.0 + std::abs(fit.params.rho)) <= 4.0;
  return fit;
}

bool calendar_arbitrage_free(const SviParams& shorter, const SviParams& longer, double k_lo,
                             double k_hi) {
  for (int i = 0; i <= 200; ++i) {
    const double k = k_lo + (k_hi - k_lo) * i / 200.0;
    if (svi_total_variance(longer, k) < svi_total_variance(shorter, k)) return false;
  }
  return true;
}

std::size_t fill_missing_ivs(OptionChain& c) {
  std::size_t filled = 0;
  std::vector<double> ks, ws, wts;
  for (std::uint32_t e = 0; e < c.expiries.size(); ++e) {
    const ChainExpiry& ex = c.expiries[e];
    if (!(ex.years > 0) || !(ex.forward > 0)) continue;
    ks.clear(), ws.clear(), wts.clear();
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (c.expiry[i] != e || !std::isfinite(c.iv[i])) continue;
      const double k = std::log(c.strike[i] / ex.forward);
      if ((c.sign[i] > 0) != (k >= 0)) continue;  // out-of-the-money side only
      ks.push_back(k);
      ws.push_back(c.iv[i] * c.iv[i] * ex.years);
      wts.push_back(1.0);
    }
    auto fit = fit_svi(ks, ws, wts);
    if (!fit || !fit->butterfly_free) continue;
    const auto [lo, hi] = std::minmax_element(ks.begin(), ks.end());
    const double pad = 0.25 * (*hi - *lo);
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (c.expiry[i] != e || std::isfinite(c.iv[i])) continue;
      const double k = std::log(c.strike[i] / ex.forward);
      if (k < *lo - pad || k > *hi + pad) continue;
      const double w = svi_total_variance(fit->params, k);
      if (!(w > 0)) continue;
      c.iv[i] = std::sqrt(w / ex.years);
      c.iv_filled[i] = 1;
      ++filled;
    }
  }
  return filled;
}

}  // namespace zerodte::quant
