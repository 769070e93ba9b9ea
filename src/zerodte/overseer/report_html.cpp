#include "zerodte/overseer/report_html.hpp"

#include <cmath>

#include <fmt/format.h>

#include "zerodte/overseer/narrator.hpp"
#include "zerodte/overseer/report_svg.hpp"

namespace zerodte::overseer {
namespace {

constexpr std::size_t kMaxRows = 100;  // table rows per section (the rest: the archive/API)

constexpr std::string_view kCss = R"(
body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#1d2430;max-width:800px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:16px;margin:22px 0 6px;border-bottom:1px solid #ddd}
.meta{color:#666;font-size:12px} .tier{display:inline-block;padding:2px 8px;border-radius:10px;
background:#1f4e9c;color:#fff;font-size:11px;text-transform:uppercase}
table{border-collapse:collapse;font-size:12px;width:100%} td,th{border-bottom:1px solid #eee;
padding:3px 6px;text-align:left} .pos{color:#2e9e4f} .neg{color:#d0342c}
figure{margin:8px 0;page-break-inside:avoid} .cta{background:#f4f6fb;padding:12px;border-radius:6px}
)";

std::string signed_money(double v) {
  return fmt::format(R"(<span class="{}">{}{:.2f}</span>)", v >= 0 ? "pos" : "neg",
                     v >= 0 ? "+" : "-", std::abs(v));
}

std::string figure(std::string_view id, std::string_view caption, const std::string& svg) {
  return fmt::format(R"(<figure id="{}"><figcaption>{}</figcaption>{}</figure>)", id, caption, svg);
}

std::string rationale_text(const ExplanationRecord& r) {
  return r.narrative.empty() ? template_rationale(r) : r.narrative;
}

std::string direction_teaser(const ReportData& d) {
  double calls = 0, puts = 0;
  for (const auto& r : d.rationales) {
    if (r.kind != ExplanationKind::kTrade) continue;
    for (const auto& t : r.triggered_by) {
      if (t.find("bull") != std::string::npos) calls += 1;
      if (t.find("bear") != std::string::npos) puts += 1;
    }
  }
  if (calls == 0 && puts == 0) return "no directional trades";
  return calls >= puts ? "mostly bullish (calls)" : "mostly bearish (puts)";
}

}  // namespace

std::string report_title(const ReportData& d) {
  const std::string_view kind = d.type == ReportType::kPreMarket  ? "pre-market"
                                : d.type == ReportType::kIntraday ? "intraday"
                                                                  : "close";
  return fmt::format("{} {} report {}", d.symbol, kind, d.date.to_string());
}

std::string report_id(const ReportData& d) {
  return fmt::format("RPT-{}-{}", d.date.to_string(), to_string(d.type));
}

std::string render_report_html(const ReportData& d, publish::Tier tier) {
  using publish::Tier;
  std::string h = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>"
      "<style>{}</style></head><body>\n",
      html_escape(report_title(d)), kCss);
  h += fmt::format(R"(<h1>{}</h1><div class="meta"><span class="tier">{}</span> generated {} )"
                   R"((New York {} report)</div>)",
                   html_escape(report_title(d)), publish::to_string(tier),
                   core::to_iso8601(d.generated).substr(0, 19) + "Z",
                   report_time(d.type).to_string());
  // Summary.
  h += "<h2>Summary</h2><table>";
  h += fmt::format("<tr><th>{}</th><td>{:.2f} (open {:.2f}, high {:.2f}, low {:.2f})</td></tr>",
                   html_escape(d.symbol), d.spot, d.open, d.high, d.low);
  h += fmt::format("<tr><th>Signals validated</th><td>{}</td></tr>", d.signals);
  if (tier != Tier::kFree) {
    h += fmt::format("<tr><th>Fills / rejects</th><td>{} / {}</td></tr>", d.fills, d.rejects);
    h += fmt::format("<tr><th>Net P&amp;L</th><td>{}</td></tr>", signed_money(d.net_pnl()));
  }
  h += fmt::format("<tr><th>Net GEX (expiry {})</th><td>{:.1f}M per 1%</td></tr></table>",
                   d.expiry.to_string(), d.total_gex() / 1e6);
  // Regime.
  h += "<h2>Market regime</h2>";
  if (tier == Tier::kFree) {
    const std::string& n = d.regime_narrative;
    const auto dot = n.find(". ");
    h += fmt::format("<p>{}</p>", html_escape(dot == std::string::npos ? n : n.substr(0, dot + 1)));
    h += fmt::format("<p>Premium members were {} today across {} validated signals.</p>",
                     direction_teaser(d), d.signals);
  } else {
    h += fmt::format("<p><b>{}</b></p><p>{}</p>", html_escape(d.regime),
                     html_escape(d.regime_narrative));
  }
  // Charts.
  h += "<h2>Charts</h2>";
  if (tier != Tier::kFree) {
    h += figure("chart-greeks",
                fmt::format("Greeks across the {} chain (per strike)", d.expiry.to_string()),
                greeks_heatmap_svg(d.greeks));
  }
  h += figure("chart-gex", "Gamma exposure (GEX) profile", gex_profile_svg(d.gex, d.spot));
  if (tier != Tier::kFree) {
    h += figure("chart-pnl-strategy", "P&amp;L attribution per strategy",
                pnl_bars_svg(d.pnl_by_strategy, "P&L per strategy"));
  }
  if (tier == Tier::kPremium) {
    h += figure("chart-pnl-signal", "P&amp;L attribution per signal",
                pnl_bars_svg(d.pnl_by_signal, "P&L per signal"));
    h += figure("chart-depth",
                fmt::format("Liquidity depth by strike ({} calls + puts)", d.expiry.to_string()),
                depth_chart_svg(d.depth));
  }
  // Rationales.
  if (tier != Tier::kFree && !d.rationales.empty()) {
    h += "<h2>Trade rationales</h2><table><tr><th>id</th><th>kind</th><th>why</th></tr>";
    std::size_t shown = 0;
    for (const auto& r : d.rationales) {
      if (++shown > kMaxRows) {
        h += fmt::format(R"(<tr><td colspan="3">... and {} more (explanation store)</td></tr>)",
                         d.rationales.size() - kMaxRows);
        break;
      }
      std::string why;
      if (tier == Tier::kPremium) {
        why = html_escape(rationale_text(r));
        if (!r.analytics.empty()) {
          why += "<br><small>";
          for (const auto& [k, v] : r.analytics)
            why += fmt::format("{}={:.4g} ", html_escape(k), v);
          why += "</small>";
        }
      } else {  // basic: what triggered it, no prices or details
        std::string trig;
        for (const auto& t : r.triggered_by)
          trig += (trig.empty() ? "" : ", ") + t;
        why = html_escape(r.kind == ExplanationKind::kReject ? "rejected: " + r.rejected_because
                                                             : "triggered by " + trig);
      }
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", html_escape(r.id),
                       to_string(r.kind), why);
    }
    h += "</table>";
  }
  if (tier == Tier::kPremium) {
    if (!d.pnl_by_signal.empty()) {
      h += "<h2>P&amp;L per signal</h2><table><tr><th>signal</th><th>trade</th>"
           "<th>realised</th><th>open</th></tr>";
      for (const auto& r : d.pnl_by_signal) {
        h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                         html_escape(r.name), html_escape(r.detail), signed_money(r.realized),
                         signed_money(r.unrealized));
      }
      h += "</table>";
    }
    h += "<h2>Overseer</h2>";
    if (d.anomalies.empty()) {
      h += "<p>All systems normal.</p>";
    } else {
      h += "<ul>";
      for (std::size_t i = 0; i < d.anomalies.size(); ++i) {
        if (i == kMaxRows) {
          h += fmt::format("<li>... and {} more</li>", d.anomalies.size() - kMaxRows);
          break;
        }
        h += fmt::format("<li>{}</li>", html_escape(d.anomalies[i]));
      }
      h += "</ul>";
    }
  }
  if (!d.plan.empty() && tier != Tier::kFree) {
    h += fmt::format("<h2>{}</h2><p>{}</p>",
                     d.type == ReportType::kClose ? "Tomorrow's plan" : "The plan",
                     html_escape(d.plan));
  }
  if (tier != Tier::kPremium) {
    h += R"(<p class="cta">Premium members get exact entries, stops and targets in real time.</p>)";
  }
  return h + "\n</body></html>\n";
}

std::string render_report_text(const ReportData& d, publish::Tier tier) {
  using publish::Tier;
  std::string t = report_title(d) + "\n";
  t += fmt::format("{} {:.2f} (open {:.2f}, high {:.2f}, low {:.2f})\n", d.symbol, d.spot, d.open,
                   d.high, d.low);
  if (tier == Tier::kFree) {
    t += fmt::format("Premium members were {} today across {} validated signals.\n",
                     direction_teaser(d), d.signals);
    return t;
  }
  t += fmt::format("Signals {}, fills {}, rejects {}, net P&L {:+.2f}\n", d.signals, d.fills,
                   d.rejects, d.net_pnl());
  t += d.regime_narrative + "\n";
  for (const auto& r : d.pnl_by_strategy)
    t += fmt::format("  {}: {:+.2f}\n", r.name, r.total());
  if (tier == Tier::kPremium) {
    for (const auto& r : d.rationales)
      t += fmt::format("{}: {}\n", r.id, rationale_text(r));
  }
  return t;
}

}  // namespace zerodte::overseer
