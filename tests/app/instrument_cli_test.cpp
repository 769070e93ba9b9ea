// `zerodte instrument` end to end: runs the built binary and checks its JSON and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/run_zerodte.hpp"

namespace {

using CliResult = zerodte::testing::CliRun;

CliResult run_instrument(const std::string& args) {
  return zerodte::testing::run_zerodte("instrument " + args);
}

std::vector<nlohmann::json> json_lines(const std::string& args) {
  const CliResult r = run_instrument(args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::vector<nlohmann::json> out;
  std::istringstream in(r.output);
  for (std::string line; std::getline(in, line);)
    out.push_back(nlohmann::json::parse(line));
  return out;
}

TEST(InstrumentCli, SpxAmVersusSpxwPm) {
  const auto j = json_lines("--json 'SPX   240621C05400000' SPXW240621C05400000");
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["symbol"], "SPX   240621C05400000");
  EXPECT_EQ(j[0]["settlement_time"], "AM");
  EXPECT_EQ(j[1]["settlement_time"], "PM");
  for (const auto& o : j) {
    EXPECT_EQ(o["asset_class"], "option");
    EXPECT_EQ(o["underlying"], "SPX");
    EXPECT_EQ(o["exercise"], "european");
    EXPECT_EQ(o["settlement"], "cash");
    EXPECT_EQ(o["multiplier"], 100);
    EXPECT_EQ(o["strike"], "5400");
    EXPECT_EQ(o["expiry"], "2024-06-21");
    EXPECT_EQ(o["tick"]["below"], "0.05");
    EXPECT_EQ(o["tick"]["above"], "0.1");
  }
  EXPECT_EQ(j[1]["occ"]["polygon"], "O:SPXW240621C05400000");
}

TEST(InstrumentCli, EquityEtfIndexAndPennyClass) {
  const auto j = json_lines("--json SPY I:SPX O:SPY240119P00450500");
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["asset_class"], "etf");
  EXPECT_EQ(j[1]["asset_class"], "index");
  EXPECT_EQ(j[1]["symbol"], "SPX");
  EXPECT_EQ(j[2]["strike"], "450.5");
  EXPECT_EQ(j[2]["right"], "put");
  EXPECT_EQ(j[2]["exercise"], "american");
  EXPECT_EQ(j[2]["settlement"], "physical");
  EXPECT_EQ(j[2]["tick"]["class"], "us-option-all-penny");
  EXPECT_EQ(j[2]["underlying_id"], 1);  // the SPY ETF, interned first
}

TEST(InstrumentCli, NseOptionLotAndFreeze) {
  const auto j =
      json_lines("--json --nse BANKNIFTY --expiry 2026-01-27 --strike 51000 --right put");
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["symbol"], "BANKNIFTY27JAN2651000PE");
  EXPECT_EQ(j[0]["market"], "nse");
  EXPECT_EQ(j[0]["currency"], "INR");
  EXPECT_EQ(j[0]["lot_size"], 30);
  EXPECT_EQ(j[0]["freeze_quantity"], 900);
  EXPECT_EQ(j[0]["multiplier"], 1);
  EXPECT_EQ(j[0]["tick"]["above"], "0.05");
  EXPECT_FALSE(j[0].contains("occ"));
}

TEST(InstrumentCli, BadInputExitsTwoNamingTheSymbol) {
  const CliResult r = run_instrument("SPY241345C00450000");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("SPY241345C00450000"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("not a calendar date"), std::string::npos) << r.output;
  const CliResult nse =
      run_instrument("--nse SENSEX --expiry 2025-01-03 --strike 80000 --right call");
  EXPECT_EQ(nse.exit_code, 2);
  EXPECT_NE(nse.output.find("SENSEX"), std::string::npos) << nse.output;
  const CliResult none = run_instrument("");
  EXPECT_EQ(none.exit_code, 2);
}

}  // namespace
