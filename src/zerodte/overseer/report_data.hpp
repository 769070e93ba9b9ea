#pragma once
// What a report shows (seed 003 Part 6): the day's Greeks across the 0DTE chain (heatmap), P&L
// attributed per strategy and per signal, liquidity depth by strike, the GEX profile, the regime
// and its narrative, trade rationales (explanation records), anomalies and the plan for the
// next session. ReportCollector fills it from the kernel's events; render_report_html() turns
// it into a self-contained HTML page per tier.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/overseer/explanation.hpp"

namespace zerodte::overseer {

enum class ReportType : std::uint8_t { kPreMarket, kIntraday, kClose };
std::string_view to_string(ReportType t);  // "premarket", "intraday", "close"
core::Result<ReportType> parse_report_type(std::string_view s);
core::TimeOfDay report_time(ReportType t);  // 08:30, 13:00, 16:10 (New York)

struct GreeksRow {  // one strike of the chain (calls and puts at that strike)
  double strike = 0;
  double call_delta = 0, put_delta = 0;
  double gamma = 0;  // per contract (same for the call and the put under BSM)
  double theta = 0;  // call theta per day
  double vega = 0;
  double iv = 0;
};

struct DepthRow {  // quoted size at a strike (calls + puts)
  double strike = 0;
  std::int64_t bid_size = 0;
  std::int64_t ask_size = 0;
  double spread = 0;  // average bid/ask spread in dollars
};

struct GexRow {
  double strike = 0;
  double call_gex = 0;  // dollars per 1% move, >= 0
  double put_gex = 0;   // >= 0
  [[nodiscard]] double net() const { return call_gex - put_gex; }
};

struct PnlRow {
  std::string name;  // strategy name or signal id
  std::string detail;
  double realized = 0;
  double unrealized = 0;
  [[nodiscard]] double total() const { return realized + unrealized; }
};

struct ReportData {
  core::Date date;
  ReportType type = ReportType::kClose;
  core::Timestamp generated;
  std::string symbol = "SPY";
  core::Date expiry;  // of the chain in the charts (0DTE until its close, then the next)
  double spot = 0;
  double open = 0;
  double high = 0;
  double low = 0;
  std::vector<GreeksRow> greeks;
  std::vector<DepthRow> depth;
  std::vector<GexRow> gex;
  std::vector<PnlRow> pnl_by_strategy;
  std::vector<PnlRow> pnl_by_signal;
  std::string regime;            // "bullish trend", "high volatility", ...
  std::string regime_narrative;  // LLM or template text
  std::vector<ExplanationRecord> rationales;
  std::vector<std::string> anomalies;
  std::size_t signals = 0;
  std::size_t fills = 0;
  std::size_t rejects = 0;
  std::string plan;  // tomorrow's plan / the setup for the session

  [[nodiscard]] double net_pnl() const;
  [[nodiscard]] double total_gex() const;
};

}  // namespace zerodte::overseer
