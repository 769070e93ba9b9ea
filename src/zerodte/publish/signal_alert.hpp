#pragma once
// A trading signal as subscribers see it, and its three tiers (seed 003 Part 7):
//   premium  at once        "BUY SPY 440C @ 2.50, Stop @ 2.10, Target 5.00"
//   basic    60 s later     "BUY SPY Calls around 440 strike, trailing stop active"
//   free     5 min later    "Bullish SPY setup triggered, premium members entered calls"
// Basic rounds the strike to the nearest strike_round (5) and shows no prices; free shows the
// direction only.
#include <cstdint>
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::publish {

enum class Tier : std::uint8_t { kPremium = 0, kBasic = 1, kFree = 2 };
inline constexpr std::size_t kTierCount = 3;
std::string_view to_string(Tier t);  // "premium", "basic", "free"
core::Result<Tier> parse_tier(std::string_view s);
// The seed's release delays: 0, 60 s, 5 min after the signal.
core::Duration tier_delay(Tier t);

enum class OptionKind : std::uint8_t { kCall, kPut, kShares };

struct SignalAlert {
  std::uint64_t signal_id = 0;
  std::string strategy;
  std::string underlying;  // "SPY"
  model::Side side = model::Side::kBuy;
  OptionKind kind = OptionKind::kCall;
  core::Price strike;  // options
  core::Price entry;
  core::Price stop;    // undefined: none
  core::Price target;  // undefined: none
  bool trailing_stop = true;
  double confidence = 0;
  core::Timestamp ts;
};

[[nodiscard]] bool bullish(const SignalAlert& s);
[[nodiscard]] std::string signal_key(std::uint64_t signal_id);  // "SIG-000042"
// The text of the signal for a tier (exact seed wording).
[[nodiscard]] std::string render(const SignalAlert& s, Tier tier, double strike_round = 5);
// A price without trailing zeros beyond cents: 2.5 -> "2.50", 440 -> "440" (strike style).
[[nodiscard]] std::string money(core::Price p);
[[nodiscard]] std::string strike_text(core::Price p);

}  // namespace zerodte::publish
