#include "zerodte/quant/expiry_time.hpp"

#include <gtest/gtest.h>

namespace zerodte::quant {
namespace {

core::Timestamp utc(const char* iso) {
  return *core::parse_iso8601(iso);
}

TEST(ExpiryTime, PmSettlementIs1600NewYork) {
  // 2023-06-09 (EDT, UTC-4): 16:00 local = 20:00Z; the Cboe snapshot was 13:40 EDT.
  EXPECT_EQ(*settlement_time({2023, 6, 9}, Settlement::kPm), utc("2023-06-09T20:00:00Z"));
  EXPECT_EQ(*settlement_time({2023, 12, 15}, Settlement::kPm), utc("2023-12-15T21:00:00Z"));
  EXPECT_EQ(*settlement_time({2023, 6, 16}, Settlement::kAm), utc("2023-06-16T13:30:00Z"));
  // Early close (day after Thanksgiving 2023): PM settlement at 13:00 local.
  EXPECT_EQ(*settlement_time({2023, 11, 24}, Settlement::kPm), utc("2023-11-24T18:00:00Z"));
  EXPECT_FALSE(settlement_time({2023, 6, 10}, Settlement::kPm).has_value());  // Saturday
}

TEST(ExpiryTime, CalendarAndTradingBases) {
  const auto now = utc("2023-06-09T17:40:00Z");  // 13:40 EDT
  const double cal = *years_to_expiry(now, {2023, 6, 9}, Settlement::kPm);
  EXPECT_NEAR(cal * kSecondsPerCalendarYear, 8400.0, 1e-6);
  const double trd = *years_to_expiry(now, {2023, 6, 9}, Settlement::kPm, TimeBasis::kTrading);
  EXPECT_NEAR(trd * kSecondsPerTradingYear, 8400.0, 1e-6);
  // Friday 15:00 ET to Monday 16:00 ET: trading time is 1 h Friday + 6.5 h Monday.
  const double weekend = *years_to_expiry(utc("2023-06-09T19:00:00Z"), {2023, 6, 12},
                                          Settlement::kPm, TimeBasis::kTrading);
  EXPECT_NEAR(weekend * kSecondsPerTradingYear, 7.5 * 3600, 1e-6);
  EXPECT_DOUBLE_EQ(years_between(utc("2023-06-09T21:00:00Z"), utc("2023-06-09T20:00:00Z")), 0.0);
}

}  // namespace
}  // namespace zerodte::quant
