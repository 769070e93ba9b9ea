#include "zerodte/overseer/report_svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

namespace zerodte::overseer {
namespace {

constexpr int kWidth = 760;

std::string empty_chart(std::string_view what) {
  return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="40" role="img">)"
                     R"(<text x="10" y="25" font-size="13" fill="#666">No {} data</text></svg>)",
                     kWidth, what);
}

// Blue (low) -> white -> red (high) for t in [0, 1].
std::string diverging(double t) {
  t = std::clamp(std::isfinite(t) ? t : 0.5, 0.0, 1.0);
  int r, g, b;
  if (t < 0.5) {
    const double u = t / 0.5;
    r = static_cast<int>(49 + u * (255 - 49));
    g = static_cast<int>(104 + u * (255 - 104));
    b = static_cast<int>(194 + u * (255 - 194));
  } else {
    const double u = (t - 0.5) / 0.5;
    r = static_cast<int>(255 - u * (255 - 214));
    g = static_cast<int>(255 - u * (255 - 39));
    b = static_cast<int>(255 - u * (255 - 40));
  }
  return fmt::format("#{:02x}{:02x}{:02x}", r, g, b);
}

std::string short_number(double v) {
  const double a = std::abs(v);
  if (a >= 1e9) return fmt::format("{:.1f}B", v / 1e9);
  if (a >= 1e6) return fmt::format("{:.1f}M", v / 1e6);
  if (a >= 1e3) return fmt::format("{:.1f}K", v / 1e3);
  if (a >= 10) return fmt::format("{:.0f}", v);
  return fmt::format("{:.2f}", v);
}

std::string strike_label(double k) {
  return std::abs(k - std::round(k)) < 1e-9 ? fmt::format("{:.0f}", k) : fmt::format("{:.1f}", k);
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string greeks_heatmap_svg(const std::vector<GreeksRow>& rows) {
  if (rows.empty()) return empty_chart("Greeks");
  struct Line {
    std::string_view name;
    double GreeksRow::*field;
  };
  constexpr std::array<Line, 6> lines = {{{"call delta", &GreeksRow::call_delta},
                                          {"put delta", &GreeksRow::put_delta},
                                          {"gamma", &GreeksRow::gamma},
                                          {"theta", &GreeksRow::theta},
                                          {"vega", &GreeksRow::vega},
                                          {"IV", &GreeksRow::iv}}};
  const int left = 80, top = 10, cell_h = 26;
  const int cell_w = std::max(8, (kWidth - left - 10) / static_cast<int>(rows.size()));
  const int height = top + cell_h * static_cast<int>(lines.size()) + 40;
  std::string s =
      fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" )"
                  R"(aria-label="Greeks heatmap" font-family="Helvetica,Arial,sans-serif">)",
                  kWidth, height);
  for (std::size_t li = 0; li < lines.size(); ++li) {
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& r : rows) {
      lo = std::min(lo, r.*(lines[li].field));
      hi = std::max(hi, r.*(lines[li].field));
    }
    const int y = top + static_cast<int>(li) * cell_h;
    s += fmt::format(R"(<text x="4" y="{}" font-size="12">{}</text>)", y + 17, lines[li].name);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double v = rows[i].*(lines[li].field);
      const double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
      s += fmt::format(
          R"(<rect class="heat" x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#fff">)"
          R"(<title>{} {}: {:.4g}</title></rect>)",
          left + static_cast<int>(i) * cell_w, y, cell_w, cell_h, diverging(t),
          strike_label(rows[i].strike), lines[li].name, v);
    }
  }
  const std::size_t step = std::max<std::size_t>(1, rows.size() / 10);
  for (std::size_t i = 0; i < rows.size(); i += step) {
    s += fmt::format(R"(<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>)",
                     left + static_cast<int>(i) * cell_w + cell_w / 2,
                     top + cell_h * static_cast<int>(lines.size()) + 14,
                     strike_label(rows[i].strike));
  }
  return s + "</svg>";
}

std::string pnl_bars_svg(const std::vector<PnlRow>& rows, std::string_view title) {
  if (rows.empty()) return empty_chart(title);
  const int left = 200, bar_h = 22, top = 10;
  const int height = top + bar_h * static_cast<int>(rows.size()) + 20;
  double m = 1e-9;
  for (const auto& r : rows)
    m = std::max(m, std::abs(r.total()));
  const int mid = left + (kWidth - left - 80) / 2;
  const double scale = (kWidth - left - 80) / 2.0 / m;
  std::string s =
      fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" )"
                  R"(aria-label="{}" font-family="Helvetica,Arial,sans-serif">)",
                  kWidth, height, html_escape(title));
  s += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#333"/>)", mid, top,
                   height - 10);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double v = rows[i].total();
    const int w = std::max(1, static_cast<int>(std::abs(v) * scale));
    const int y = top + static_cast<int>(i) * bar_h;
    s += fmt::format(R"(<text x="4" y="{}" font-size="12">{}</text>)", y + 15,
                     html_escape(rows[i].name));
    s += fmt::format(
        R"(<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {:.2f}</title></rect>)",
        v >= 0 ? mid : mid - w, y + 3, w, bar_h - 6, v >= 0 ? "#2e9e4f" : "#d0342c",
        html_escape(rows[i].name), v);
    s += fmt::format(R"(<text x="{}" y="{}" font-size="11" text-anchor="{}">{}{:.2f}</text>)",
                     v >= 0 ? mid + w + 4 : mid - w - 4, y + 15, v >= 0 ? "start" : "end",
                     v >= 0 ? "+" : "", v);
  }
  return s + "</svg>";
}

std::string depth_chart_svg(const std::vector<DepthRow>& rows) {
  if (rows.empty()) return empty_chart("liquidity");
  const int left = 60, bar_h = 14, top = 24;
  const int height = top + bar_h * static_cast<int>(rows.size()) + 10;
  std::int64_t m = 1;
  for (const auto& r : rows)
    m = std::max({m, r.bid_size, r.ask_size});
  const int mid = left + (kWidth - left - 20) / 2;
  const double scale = (kWidth - left - 20) / 2.0 / static_cast<double>(m);
  std::string s =
      fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" )"
                  R"(aria-label="Liquidity depth" font-family="Helvetica,Arial,sans-serif">)",
                  kWidth, height);
  s += fmt::format(R"(<text x="{}" y="14" font-size="12" text-anchor="end">bid size</text>)",
                   mid - 6);
  s += fmt::format(R"(<text x="{}" y="14" font-size="12">ask size</text>)", mid + 6);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const int y = top + static_cast<int>(i) * bar_h;
    const int wb = std::max(1, static_cast<int>(static_cast<double>(rows[i].bid_size) * scale));
    const int wa = std::max(1, static_cast<int>(static_cast<double>(rows[i].ask_size) * scale));
    s += fmt::format(R"(<text x="4" y="{}" font-size="10">{}</text>)", y + 11,
                     strike_label(rows[i].strike));
    s += fmt::format(
        R"(<rect class="depth" x="{}" y="{}" width="{}" height="{}" fill="#2e9e4f"><title>{} bid {}</title></rect>)",
        mid - wb, y + 1, wb, bar_h - 2, strike_label(rows[i].strike), rows[i].bid_size);
    s += fmt::format(
        R"(<rect class="depth" x="{}" y="{}" width="{}" height="{}" fill="#d0342c"><title>{} ask {} spread {:.2f}</title></rect>)",
        mid, y + 1, wa, bar_h - 2, strike_label(rows[i].strike), rows[i].ask_size, rows[i].spread);
  }
  return s + "</svg>";
}

std::string gex_profile_svg(const std::vector<GexRow>& rows, double spot) {
  if (rows.empty()) return empty_chart("GEX");
  const int left = 60, top = 10, plot_h = 220, bottom = 30;
  const int height = top + plot_h + bottom;
  const int bar_w = std::max(4, (kWidth - left - 10) / static_cast<int>(rows.size()));
  double m = 1e-9;
  for (const auto& r : rows)
    m = std::max(m, std::abs(r.net()));
  const int zero = top + plot_h / 2;
  const double scale = (plot_h / 2.0 - 4) / m;
  std::string s =
      fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" )"
                  R"(aria-label="GEX profile" font-family="Helvetica,Arial,sans-serif">)",
                  kWidth, height);
  s += fmt::format(R"(<line x1="{0}" y1="{2}" x2="{1}" y2="{2}" stroke="#333"/>)", left,
                   kWidth - 10, zero);
  s += fmt::format(R"(<text x="4" y="{}" font-size="11">+{}</text>)", top + 12, short_number(m));
  s +=
      fmt::format(R"(<text x="4" y="{}" font-size="11">-{}</text>)", top + plot_h, short_number(m));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double v = rows[i].net();
    const int h = std::max(1, static_cast<int>(std::abs(v) * scale));
    const int x = left + static_cast<int>(i) * bar_w;
    s += fmt::format(
        R"(<rect class="gex" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>)",
        x + 1, v >= 0 ? zero - h : zero, bar_w - 2, h, v >= 0 ? "#2e9e4f" : "#d0342c",
        strike_label(rows[i].strike), short_number(v));
  }
  const std::size_t step = std::max<std::size_t>(1, rows.size() / 10);
  for (std::size_t i = 0; i < rows.size(); i += step) {
    s += fmt::format(R"(<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>)",
                     left + static_cast<int>(i) * bar_w + bar_w / 2, top + plot_h + 16,
                     strike_label(rows[i].strike));
  }
  // Spot marker between the nearest strikes.
  if (rows.size() >= 2 && spot > 0) {
    const double k0 = rows.front().strike, k1 = rows.back().strike;
    if (spot >= k0 && spot <= k1 && k1 > k0) {
      const double x = left + bar_w / 2.0 + (spot - k0) / (k1 - k0) * bar_w * (rows.size() - 1);
      s += fmt::format(
          R"(<line class="spot" x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}" stroke="#1f4e9c" stroke-dasharray="4 3"/>)"
          R"(<text x="{0:.1f}" y="{3}" font-size="10" fill="#1f4e9c" text-anchor="middle">spot {4:.2f}</text>)",
          x, top, top + plot_h, top + 8, spot);
    }
  }
  return s + "</svg>";
}

}  // namespace zerodte::overseer
