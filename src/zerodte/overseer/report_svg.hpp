#pragma once
// Inline SVG charts for reports (no scripts, no external files, so they render the same in a
// browser, in headless Chromium's PDF and in an email client that shows HTML):
//   greeks_heatmap  rows = call delta, put delta, gamma, theta, vega, IV; columns = strikes;
//                   each cell coloured by its value within the row (blue low .. red high)
//   pnl_bars        horizontal bars, green gains / red losses, with values
//   depth_chart     bid size left (green) and ask size right (red) per strike
//   gex_profile     net GEX per strike (green positive, red negative), spot marked
// Every data cell/bar is a <rect class="..."> so tests can count what was drawn.
#include <string>
#include <vector>

#include "zerodte/overseer/report_data.hpp"

namespace zerodte::overseer {

[[nodiscard]] std::string greeks_heatmap_svg(const std::vector<GreeksRow>& rows);
[[nodiscard]] std::string pnl_bars_svg(const std::vector<PnlRow>& rows, std::string_view title);
[[nodiscard]] std::string depth_chart_svg(const std::vector<DepthRow>& rows);
[[nodiscard]] std::string gex_profile_svg(const std::vector<GexRow>& rows, double spot);
[[nodiscard]] std::string html_escape(std::string_view s);

}  // namespace zerodte::overseer
