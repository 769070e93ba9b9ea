#pragma once
// AlphaVantage REST client (https://www.alphavantage.co/query?function=...&apikey=...).
// The key is a query parameter by the vendor's design; net::rest_get's errors carry only the
// URL path, so it never reaches logs. AlphaVantage reports throttling inside a 200 response
// ({"Information": "...rate limit..."} or {"Note": ...}): that becomes kRateLimited;
// {"Error Message": ...} becomes kRejected.
//   REALTIME_OPTIONS      -> OptionQuotes with vendor greeks (data::parse_chain_snapshot)
//   TIME_SERIES_INTRADAY  -> 1-minute Bars (the series' time zone from "Meta Data", US/Eastern)
//   RSI / MACD / BBANDS   -> IndicatorSeries ("Technical Analysis: <F>")
//   REAL_GDP / CPI / FEDERAL_FUNDS_RATE -> MacroSeries ("data": [{date, value}])
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/adapters/alphavantage/av_scheduler.hpp"
#include "zerodte/adapters/net/rest.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/engine/event.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::alphavantage {

struct IndicatorPoint {
  core::Timestamp ts;
  std::map<std::string, double> values;  // "RSI", "MACD", "MACD_Signal", "Real Upper Band", ...
};
struct IndicatorSeries {
  std::string function, symbol;
  std::vector<IndicatorPoint> points;  // oldest first
};
struct MacroPoint {
  core::Date date;
  double value = 0;
};
struct MacroSeries {
  std::string name, interval, unit;
  std::vector<MacroPoint> points;  // oldest first
};

// Decoders (no I/O). `source` names the payload in errors.
core::Status check_av_payload(std::string_view body, std::string_view source);
core::Result<std::vector<model::Bar>> parse_intraday(std::string_view body,
                                                     model::InstrumentRegistry& registry,
                                                     core::Timestamp ts_recv,
                                                     std::string_view source);
core::Result<IndicatorSeries> parse_indicator(std::string_view body, std::string_view source);
core::Result<MacroSeries> parse_macro(std::string_view body, std::string_view source);

struct AvConfig {
  std::string base_url = "https://www.alphavantage.co";
  std::string api_key_env = "ALPHAVANTAGE_API_KEY";
  AvBudget budget;
};
core::Result<std::string> av_key_from_env(const AvConfig& cfg);

// Results of one call, by kind.
struct AvResult {
  AvCall call;
  std::vector<engine::Event> events;  // option quotes, bars
  std::optional<IndicatorSeries> indicator;
  std::optional<MacroSeries> macro;
  core::Duration latency{0};
};

class AvClient {
 public:
  AvClient(AvConfig cfg, std::string api_key, model::InstrumentRegistry& registry,
           const core::Clock& clock, net::RestOptions opt = {});
  core::Result<AvResult> fetch(const AvCall& call);
  // Runs every call the scheduler releases at clock.now(); a rate-limit answer throttles the
  // scheduler for a minute. Returns the successful results; errors are counted.
  std::vector<AvResult> poll(AvScheduler& scheduler);
  [[nodiscard]] std::uint64_t errors() const { return errors_; }
  [[nodiscard]] std::uint64_t rate_limited() const { return rate_limited_; }
  [[nodiscard]] const net::RestStats& rest_stats() const { return stats_; }

 private:
  AvConfig cfg_;
  std::string key_;
  model::InstrumentRegistry& registry_;
  const core::Clock& clock_;
  net::RestOptions opt_;
  net::Backoff backoff_;
  net::RestStats stats_;
  std::uint64_t errors_ = 0, rate_limited_ = 0;
};

}  // namespace zerodte::adapters::alphavantage
