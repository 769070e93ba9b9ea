#pragma once
// Chain analytics over a computed OptionChain (seed 003 "Analytics Output Standards"):
// gamma exposure per strike and in total, zero-gamma flip level, call/put walls, max pain,
// put/call volume and open-interest ratios, 25-delta risk reversal, ATM IV and the day's
// expected move.
//
// GEX of one contract = open_interest * gamma * 100 * spot^2 * 0.01, i.e. dollars of delta the
// hedgers must trade per 1% move. Dealer-position convention (configurable):
//   kLongCallsShortPuts (default, the common "SqueezeMetrics" convention): customers sell calls
//     and buy puts, so dealers are long call gamma and short put gamma; net = calls - puts.
//     Positive net GEX = dealers dampen moves; negative = they amplify them.
//   kShortCallsShortPuts: dealers short everything customers bought; net = -(calls + puts).
//   kLongCallsLongPuts: dealers long both; net = calls + puts.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "zerodte/quant/option_chain.hpp"

namespace zerodte::quant {

enum class DealerConvention : std::uint8_t {
  kLongCallsShortPuts,
  kShortCallsShortPuts,
  kLongCallsLongPuts
};

struct GexStrike {
  double strike = 0;
  double call_gex = 0;  // >= 0, dollars per 1% move
  double put_gex = 0;   // >= 0
  double net_gex = 0;   // with the dealer convention applied
};

struct ExpirySummary {
  std::uint32_t expiry = 0;
  double atm_iv = 0;         // interpolated at the forward
  double expected_move = 0;  // spot * atm_iv * sqrt(T) (one standard deviation to settlement)
  double straddle = 0;       // ATM straddle mid (interpolated at the forward)
  double rr25 = 0;           // IV(25-delta call) - IV(25-delta put), NaN if not bracketed
  double max_pain = 0;       // strike minimising the holders' payout at settlement
};

struct ChainAnalytics {
  std::vector<GexStrike> gex;  // by strike, ascending (expiries selected in the options)
  double total_gex = 0;
  std::optional<double> zero_gamma;  // spot at which total net GEX changes sign (nearest)
  double call_wall = 0;              // strike with the largest call GEX
  double put_wall = 0;               // strike with the largest put GEX
  double pc_volume_ratio = 0;
  double pc_oi_ratio = 0;
  double net_delta = 0;  // sum OI * delta * 100 (customer-long view, contracts' own sign)
  double net_gamma = 0;  // sum OI * gamma * 100
  std::vector<ExpirySummary> expiries;
};

struct AnalyticsOptions {
  DealerConvention convention = DealerConvention::kLongCallsShortPuts;
  std::vector<std::uint32_t> expiries;  // empty = all expiries
  bool find_zero_gamma = true;  // the flip scan re-prices gamma ~240 times (skip in refresh loops)
  double flip_range = 0.1;      // search the flip within spot * (1 +- range)
  int flip_grid = 201;
};

ChainAnalytics analyse_chain(const OptionChain& chain, const AnalyticsOptions& options = {});

// Max pain: the strike (among `strikes`) minimising what option holders receive at settlement,
// sum call_oi (S - K)^+ + put_oi (K - S)^+; O(n log n). Ties go to the lowest strike; 0 if empty.
double max_pain(std::span<const double> strikes, std::span<const double> call_oi,
                std::span<const double> put_oi);

// Total net GEX if spot were `spot_level` (IVs held at their strikes), used for the flip level.
double total_gex_at(const OptionChain& chain, double spot_level, const AnalyticsOptions& options);

}  // namespace zerodte::quant
