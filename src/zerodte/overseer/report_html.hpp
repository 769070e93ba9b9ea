#pragma once
// A report as one self-contained HTML page (inline CSS and SVG), per tier:
//   premium  everything: summary, regime narrative, the four charts, P&L per strategy and per
//            signal, every trade rationale with its details and analytics, anomalies, the plan
//   basic    summary, regime narrative, Greeks heatmap, GEX profile and P&L per strategy; the
//            rationales without prices, details or per-signal P&L (redacted)
//   free     a teaser: the regime headline, how many signals, the direction premium members
//            took, and the GEX profile
// Plus a plain-text version for chat channels.
#include <string>

#include "zerodte/overseer/report_data.hpp"
#include "zerodte/publish/signal_alert.hpp"

namespace zerodte::overseer {

[[nodiscard]] std::string render_report_html(const ReportData& d, publish::Tier tier);
[[nodiscard]] std::string render_report_text(const ReportData& d, publish::Tier tier);
[[nodiscard]] std::string report_title(const ReportData& d);  // "SPY close report 2025-11-21"
[[nodiscard]] std::string report_id(const ReportData& d);     // "RPT-2025-11-21-close"

}  // namespace zerodte::overseer
