#pragma once
// Bar CSV reader shared by analytics and market data.
//
// Header: a time column named ts | timestamp | datetime | date (case-insensitive, first match in
// that order) and open, high, low, close[, volume] in any order and case; other columns (a pandas
// index, adjusted prices, ...) are ignored and listed in the report. Times: ISO-8601
// "YYYY-MM-DD[ T]HH:MM[:SS[.f]]" with an offset (Z, +HH:MM, -HHMM) or without one (then in
// `tz`, America/New_York by default), "YYYY-MM-DD", "YYYYMMDD", "MM/DD/YYYY", or epoch seconds /
// milliseconds / microseconds / nanoseconds (by magnitude). Rows may be newest-first or
// oldest-first. Rows whose every time is midnight are daily bars (their written date is kept).
//
// Nothing is silently used: the report lists duplicates, bars rejected by validation (with line
// and reason), extended-hours bars (outside the regular session; dropped unless
// keep_extended_hours) and gaps (missing bars inside sessions, missing trading days).
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/analytics/gap_detector.hpp"
#include "zerodte/core/calendar.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::analytics {

// Whether a row's time is its bar's open (usual) or its close (Alpha Vantage convention).
enum class BarStamp : std::uint8_t { kAuto, kStart, kEnd };

struct BarCsvOptions {
  std::string tz = "America/New_York";  // for times without an offset
  core::Market market = core::Market::kNyse;
  BarStamp stamp = BarStamp::kAuto;
  bool keep_extended_hours = false;
  core::InstrumentId instrument{};
};

struct RejectedRow {
  std::size_t line = 0;
  std::string reason;
};

struct BarCsvReport {
  std::string source;
  std::size_t rows = 0;  // data rows read
  bool newest_first = false;
  bool daily = false;
  bool end_stamped = false;  // times were bar ends and were moved to bar opens
  bool has_volume = true;
  std::int32_t interval_s = 0;
  std::vector<std::string> ignored_columns;
  std::size_t duplicates = 0;  // same time twice: the later row wins
  std::vector<RejectedRow> rejected;
  std::size_t extended_hours = 0;  // bars outside the regular session
  std::size_t closed_days = 0;     // bars on non-trading days
  std::vector<Gap> gaps;           // inside sessions (intraday) or missing trading days (daily)
  [[nodiscard]] std::string summary() const;
};

struct BarSeries {
  std::vector<model::Bar> bars;  // oldest first, validated, regular session unless kept
  BarCsvReport report;
};

core::Result<BarSeries> parse_bar_csv(std::string_view text, std::string_view source,
                                      const BarCsvOptions& options = {});
core::Result<BarSeries> read_bar_csv(const std::string& path, const BarCsvOptions& options = {});

// One time cell as parsed (exposed for tests): UTC instant and whether it carried a time of day.
struct ParsedTime {
  core::Timestamp ts;
  core::Date local_date;  // the date as written
  bool has_time = false;
  bool midnight = false;
};
core::Result<ParsedTime> parse_bar_time(std::string_view text, std::string_view tz);

}  // namespace zerodte::analytics
