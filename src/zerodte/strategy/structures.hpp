#pragma once
// Option structures (issue 9 §2; seed 002 "Options Strategy Engine"): single legs, vertical
// debit/credit spreads, straddles, strangles, iron condors, iron butterflies and butterflies.
// Each built structure knows its net premium, expiry payoff, max loss, max gain, breakevens and
// net Greeks, and can become one multi-leg model::OrderIntent.
//
// Conventions: prices per unit of the underlying (per share); money figures per ONE structure,
// i.e. x multiplier (100 for US options). net_premium > 0 = debit paid, < 0 = credit received.
// Unbounded max loss/gain is +infinity. Leg prices default to the contract's mid.
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/strategy/option_contract.hpp"

namespace zerodte::strategy {

enum class StructureKind : std::uint8_t {
  kSingle,
  kVerticalDebit,
  kVerticalCredit,
  kStraddle,
  kStrangle,
  kIronCondor,
  kIronButterfly,
  kButterfly,
};
std::string_view to_string(StructureKind k);  // "vertical_debit", "iron_condor", ...

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

struct StructureLeg {
  OptionContract contract;
  model::Side side = model::Side::kBuy;
  int ratio = 1;
  double price = 0;  // per unit, the price used for the premium (mid unless given)
};

struct NetGreeks {  // per one structure, money terms (x multiplier)
  double delta_shares = 0;
  double gamma_shares = 0;
  double theta_per_day = 0;
  double vega_per_point = 0;
};

struct Structure {
  StructureKind kind = StructureKind::kSingle;
  bool long_premium = true;  // true: debit structure (bought), false: credit (sold)
  std::vector<StructureLeg> legs;
  double net_premium = 0;  // per unit; > 0 debit, < 0 credit
  std::int64_t multiplier = 100;
  double max_loss = 0;             // money per structure (>= 0), kUnbounded when unlimited
  double max_gain = 0;             // money per structure (>= 0), kUnbounded when unlimited
  std::vector<double> breakevens;  // underlying prices at expiry, ascending
  NetGreeks greeks;

  // Money per structure at expiry if the underlying settles at `spot` (premium included).
  [[nodiscard]] double payoff_at_expiry(double spot) const;
  [[nodiscard]] std::string describe() const;  // "iron_condor SPY 2025-03-14 440/445/455/460 ..."
};

// Computes net premium, max loss/gain, breakevens and Greeks from `legs` (all on one underlying
// and one expiry). kInvalid when legs are empty, more than model::kMaxLegs, lack prices, mix
// expiries, or a ratio is not positive.
core::Result<Structure> make_structure(StructureKind kind, std::vector<StructureLeg> legs);

// Builders from a chain (strikes must be listed and two-sided; errors name the missing strike).
// `buy` = true buys the structure (debit for straddle/strangle/butterfly), false sells it.
core::Result<Structure> build_single(const OptionChainView& chain, OptionRight right, double strike,
                                     bool buy = true);
// Vertical: buy `long_strike`, sell `short_strike`, same right. Debit or credit follows from the
// strikes (call: long < short is a debit; put: long > short is a debit).
core::Result<Structure> build_vertical(const OptionChainView& chain, OptionRight right,
                                       double long_strike, double short_strike);
core::Result<Structure> build_straddle(const OptionChainView& chain, double strike, bool buy);
core::Result<Structure> build_strangle(const OptionChainView& chain, double put_strike,
                                       double call_strike, bool buy);
// Short iron condor: buy put_low, sell put_high, sell call_low, buy call_high
// (put_low < put_high <= call_low < call_high). buy = true gives the long (debit) condor.
core::Result<Structure> build_iron_condor(const OptionChainView& chain, double put_low,
                                          double put_high, double call_low, double call_high,
                                          bool buy = false);
// Short iron butterfly: sell the `center` straddle, buy the wings at center -+ wing.
core::Result<Structure> build_iron_butterfly(const OptionChainView& chain, double center,
                                             double wing, bool buy = false);
// Long butterfly: buy low, sell 2 x mid, buy high (same right).
core::Result<Structure> build_butterfly(const OptionChainView& chain, OptionRight right, double low,
                                        double mid, double high, bool buy = true);

// Entry/exit plan of a structure (seed 002): where to enter and when to leave.
struct EntryExitPlan {
  double entry_price = 0;  // net per unit (> 0 debit, < 0 credit)
  // Closing prices per unit (both positive): a debit structure is sold back at take_profit (gain)
  // or stop_loss (loss); a credit structure is bought back at take_profit (gain) or stop_loss.
  double take_profit = 0;
  double stop_loss = 0;
  core::TimeOfDay time_exit{15, 45, 0};  // close by then (exchange local)
  double target_return = 0;              // planned return on the money at risk (e.g. 0.10)
  std::string summary;
};
struct PlanRules {
  double target_return = 0.10;  // ~10% on risk (seed 002)
  double stop_fraction = 0.50;  // debit: lose this share of the premium; credit: of max loss
  core::TimeOfDay time_exit{15, 45, 0};
};
[[nodiscard]] EntryExitPlan make_plan(const Structure& s, const PlanRules& rules = {});

// One OrderIntent for `quantity` structures: legs (buy/sell x ratio, open intents), limit = net
// price per unit (> 0 debit, < 0 credit). Single-leg structures give a simple order.
core::Result<model::OrderIntent> to_order_intent(const Structure& s, std::int64_t quantity,
                                                 core::Price net_limit,
                                                 model::TimeInForce tif = model::TimeInForce::kDay);

}  // namespace zerodte::strategy
