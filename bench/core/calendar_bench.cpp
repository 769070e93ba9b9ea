// Calendar and time-zone queries against direct use of Howard Hinnant's date/tz (the peer): the
// calendar adds holiday rules on top of the same tz lookups, so it should stay within a small
// factor of the raw conversion.
#include <benchmark/benchmark.h>
#include <date/tz.h>

#include "zerodte/core/calendar.hpp"
#include "zerodte/core/time_zone.hpp"

namespace {

using zerodte::core::Date;
using zerodte::core::Timestamp;
using zerodte::core::TradingCalendar;

constexpr std::int64_t kStart = 1'735'689'600LL * 1'000'000'000LL;  // 2025-01-01T00:00:00Z
constexpr std::int64_t kStep = 7'919LL * 1'000'000'000LL;           // ~2.2 h, walks the year

void BM_IsTradingDay(benchmark::State& state) {
  const auto& cal = TradingCalendar::nyse();
  std::int64_t day = Date{2025, 1, 1}.days_since_epoch();
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.is_trading_day(Date::from_days_since_epoch(day)));
    day = day >= Date{2027, 12, 31}.days_since_epoch() ? Date{2025, 1, 1}.days_since_epoch()
                                                       : day + 1;
  }
}
BENCHMARK(BM_IsTradingDay);

void BM_Session(benchmark::State& state) {
  const auto& cal = TradingCalendar::nyse();
  std::int64_t day = Date{2025, 1, 1}.days_since_epoch();
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.session(Date::from_days_since_epoch(day)));
    day = day >= Date{2027, 12, 31}.days_since_epoch() ? Date{2025, 1, 1}.days_since_epoch()
                                                       : day + 1;
  }
}
BENCHMARK(BM_Session);

void BM_IsOpen(benchmark::State& state) {
  const auto& cal = TradingCalendar::nyse();
  std::int64_t t = kStart;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.is_open(Timestamp{t}));
    t += kStep;
  }
}
BENCHMARK(BM_IsOpen);

void BM_UtcToLocal(benchmark::State& state) {
  std::int64_t t = kStart;
  for (auto _ : state) {
    benchmark::DoNotOptimize(zerodte::core::utc_to_local("America/New_York", Timestamp{t}));
    t += kStep;
  }
}
BENCHMARK(BM_UtcToLocal);

// Peer: the same conversion with date/tz directly (zone looked up once, outside the loop).
void BM_PeerDateTzZonedTime(benchmark::State& state) {
  const date::time_zone* zone = date::locate_zone("America/New_York");
  std::int64_t t = kStart;
  for (auto _ : state) {
    const date::sys_time<std::chrono::nanoseconds> sys{std::chrono::nanoseconds{t}};
    benchmark::DoNotOptimize(zone->to_local(sys));
    t += kStep;
  }
}
BENCHMARK(BM_PeerDateTzZonedTime);

}  // namespace

BENCHMARK_MAIN();
