#include "zerodte/publish/signal_alert.hpp"

#include <cmath>

#include <fmt/format.h>

namespace zerodte::publish {

std::string_view to_string(Tier t) {
  switch (t) {
    case Tier::kPremium:
      return "premium";
    case Tier::kBasic:
      return "basic";
    case Tier::kFree:
      return "free";
  }
  return "unknown";
}

core::Result<Tier> parse_tier(std::string_view s) {
  if (s == "premium") return Tier::kPremium;
  if (s == "basic") return Tier::kBasic;
  if (s == "free") return Tier::kFree;
  return core::fail(core::ErrorCode::kParse, "tier '{}': expected premium, basic or free", s);
}

core::Duration tier_delay(Tier t) {
  switch (t) {
    case Tier::kPremium:
      return core::Duration{0};
    case Tier::kBasic:
      return std::chrono::seconds(60);
    case Tier::kFree:
      return std::chrono::minutes(5);
  }
  return core::Duration{0};
}

bool bullish(const SignalAlert& s) {
  const bool buy = s.side == model::Side::kBuy;
  return s.kind == OptionKind::kPut ? !buy : buy;
}

std::string signal_key(std::uint64_t id) {
  return fmt::format("SIG-{:06}", id);
}

std::string money(core::Price p) {
  return fmt::format("{:.2f}", p.to_double());
}

std::string strike_text(core::Price p) {
  const double v = p.to_double();
  if (std::abs(v - std::round(v)) < 1e-9) return fmt::format("{:.0f}", v);
  return fmt::format("{}", v);
}

std::string render(const SignalAlert& s, Tier tier, double strike_round) {
  const std::string_view side = s.side == model::Side::kBuy ? "BUY" : "SELL";
  const bool option = s.kind != OptionKind::kShares;
  const std::string_view right = s.kind == OptionKind::kCall ? "C" : "P";
  const std::string_view rights = s.kind == OptionKind::kCall ? "Calls" : "Puts";
  switch (tier) {
    case Tier::kPremium: {
      std::string text = option ? fmt::format("{} {} {}{} @ {}", side, s.underlying,
                                              strike_text(s.strike), right, money(s.entry))
                                : fmt::format("{} {} @ {}", side, s.underlying, money(s.entry));
      if (s.stop.is_defined()) text += fmt::format(", Stop @ {}", money(s.stop));
      if (s.target.is_defined()) text += fmt::format(", Target {}", money(s.target));
      return text;
    }
    case Tier::kBasic: {
      std::string text;
      if (option) {
        const double k = s.strike.to_double();
        const double rounded = strike_round > 0 ? std::round(k / strike_round) * strike_round : k;
        text = fmt::format("{} {} {} around {} strike", side, s.underlying, rights,
                           strike_text(*core::Price::from_double(rounded)));
      } else {
        text = fmt::format("{} {} shares", side, s.underlying);
      }
      if (s.trailing_stop) text += ", trailing stop active";
      return text;
    }
    case Tier::kFree: {
      const std::string_view mood = bullish(s) ? "Bullish" : "Bearish";
      const std::string_view what = !option                       ? "shares"
                                    : s.kind == OptionKind::kCall ? "calls"
                                                                  : "puts";
      const std::string_view verb = s.side == model::Side::kBuy ? "entered" : "sold";
      return fmt::format("{} {} setup triggered, premium members {} {}", mood, s.underlying, verb,
                         what);
    }
  }
  return {};
}

}  // namespace zerodte::publish
