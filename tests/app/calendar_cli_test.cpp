// `zerodte calendar` end to end: runs the built binary and checks its JSON and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include <string>
#include "app/run_zerodte.hpp"

namespace {

using zerodte::testing::CliRun;
using zerodte::testing::run_zerodte;

nlohmann::json run_json(const std::string& args) {
  const CliRun r = run_zerodte(args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << "one JSON line";
  return nlohmann::json::parse(r.output);
}

TEST(CalendarCli, EarlyCloseDayAfterThanksgiving) {
  const auto j = run_json("calendar --date 2025-11-28 --json");
  EXPECT_EQ(j["date"], "2025-11-28");
  EXPECT_EQ(j["market"], "nyse");
  EXPECT_EQ(j["trading_day"], true);
  EXPECT_EQ(j["open"], "09:30");
  EXPECT_EQ(j["close"], "13:00");
  EXPECT_EQ(j["close_utc"], "2025-11-28T18:00:00Z");
  EXPECT_EQ(j["early_close"], true);
  EXPECT_TRUE(j["holiday"].is_null());
  EXPECT_EQ(j["zero_dte"], (nlohmann::json{"SPY", "QQQ", "IWM", "SPXW"}));
  EXPECT_EQ(j["next_trading_day"], "2025-12-01");
  EXPECT_EQ(j["previous_trading_day"], "2025-11-26");
}

TEST(CalendarCli, ClosedForCarterMourning) {
  const auto j = run_json("calendar --date 2025-01-09 --market nyse --json");
  EXPECT_EQ(j["trading_day"], false);
  EXPECT_TRUE(j["open"].is_null());
  EXPECT_TRUE(j["close"].is_null());
  EXPECT_EQ(j["early_close"], false);
  EXPECT_NE(j["holiday"].get<std::string>().find("Carter"), std::string::npos);
  EXPECT_TRUE(j["zero_dte"].empty());
  EXPECT_EQ(j["next_trading_day"], "2025-01-10");
}

TEST(CalendarCli, SpxMonthlyAndNse) {
  auto j = run_json("calendar --date 2025-04-17 --json");
  EXPECT_EQ(j["zero_dte"].back(), "SPX");
  EXPECT_EQ(j["expiries"].back()["settlement"], "AM");
  j = run_json("calendar --date 2026-03-30 --market NSE --json");
  EXPECT_EQ(j["open"], "09:15");
  EXPECT_EQ(j["close"], "15:30");
  EXPECT_EQ(j["time_zone"], "Asia/Kolkata");
  EXPECT_EQ(j["zero_dte"], (nlohmann::json{"NIFTY", "BANKNIFTY"}));
  j = run_json("calendar --date 2027-01-26 --market nse --extra-holiday 2027-01-26 --json");
  EXPECT_EQ(j["trading_day"], false);
}

TEST(CalendarCli, TextOutput) {
  const CliRun r = run_zerodte("calendar --date 2025-07-03");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("early close: Day before Independence Day"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("09:30-13:00"), std::string::npos) << r.output;
}

TEST(CalendarCli, BadInputExitsWithTwo) {
  CliRun r = run_zerodte("calendar --date 2025-13-01 --json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--date: '2025-13-01' is not a valid calendar date"), std::string::npos)
      << r.output;
  r = run_zerodte("calendar --date yesterday");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("YYYY-MM-DD"), std::string::npos) << r.output;
  r = run_zerodte("calendar --date 2025-11-28 --market lse");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("unknown market 'lse'"), std::string::npos) << r.output;
  r = run_zerodte("calendar --extra-holiday 2027-01-26");  // NYSE holidays are by rule
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
