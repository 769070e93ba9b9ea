#pragma once
// What a strategy says, and what it decided not to do, with the explanation (seed 003
// `explainer:trades`: triggered_by, confidence, risk_factors). The StrategyHost stamps ids and
// times, publishes both on the bus, keeps a bounded log and hands them to the DecisionSink
// (journal). explanation_json() is the text stored in store::SignalRecord::explanation.
#include <cstdint>
#include <string>
#include <vector>

#include "zerodte/core/ids.hpp"
#include "zerodte/core/time.hpp"

namespace zerodte::strategy {

enum class Direction : std::int8_t { kShort = -1, kFlat = 0, kLong = 1 };
[[nodiscard]] std::string_view to_string(Direction d);  // "long" | "short" | "flat"

// One piece of evidence behind a decision: "sawtooth trough 10:31 @ 449.20", "flip +0.82".
struct Evidence {
  std::string source;  // "sawtooth", "sentiment", "adx_daily", "breakout", ...
  std::string detail;  // human text
  double value = 0;    // the number that mattered (score, ADX, z-score)
  core::Timestamp ts;  // when the evidence became known
};

struct Signal {
  std::uint64_t id = 0;  // assigned by the host (unique, increasing, survives restarts)
  core::StrategyId strategy;
  std::string strategy_name;
  core::InstrumentId instrument;  // the underlying (or the traded instrument)
  std::string symbol;
  Direction direction = Direction::kFlat;  // kFlat = exit / close
  double conviction = 0;                   // 0..1 (the "confidence")
  std::vector<Evidence> triggered_by;
  std::vector<std::string> risk_factors;  // "0DTE: theta -0.21/day", "VIX 24"
  std::string action;                     // "buy 2 SPY 250314C00450000 @ 1.25 IOC"
  core::Timestamp ts;
};

// A signal the strategy had grounds for but did not act on, and why.
struct Suppression {
  core::StrategyId strategy;
  std::string strategy_name;
  std::string symbol;
  std::string reason;  // short code: "stale_analytics", "outside_window", "filters_failed", ...
  std::string detail;  // human text naming the value and the limit
  Direction direction = Direction::kFlat;
  std::vector<Evidence> triggered_by;
  core::Timestamp ts;
};

// {"strategy":..,"symbol":..,"direction":..,"confidence":..,"triggered_by":[{..}],
//  "risk_factors":[..],"action":..}; suppressions add "suppressed":true,"reason","detail".
[[nodiscard]] std::string explanation_json(const Signal& s);
[[nodiscard]] std::string explanation_json(const Suppression& s);
[[nodiscard]] std::string json_escape(std::string_view text);

}  // namespace zerodte::strategy
