// What `zerodte analytics indicators|sawtooth` run (run_indicators/run_sawtooth), end to end on a
// real file: the exact header, warm-up blanks where each indicator's lookback says, values equal
// to the streaming set, and exit codes for bad input.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "zerodte/analytics/indicator_report.hpp"

namespace zerodte::analytics {
namespace {

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, ','))
      cells.push_back(c);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / name).string();
}

IndicatorRunOptions options(const char* file, const char* out) {
  IndicatorRunOptions o;
  o.input = std::string(ZERODTE_SHARED_DATA) + "/bars/intraday-1m/" + file;
  o.output = temp_path(out);
  return o;
}

TEST(IndicatorCli, FiveMinuteIndicatorsFromRealMinutes) {
  auto o = options("gcfc-money-tree_SPY_1m_2024-08.csv", "zdte_analytics_ind.csv");
  o.timeframe = "5m";
  std::FILE* log = std::tmpfile();
  ASSERT_EQ(run_indicators(o, log), 0);
  const auto rows = read_csv(o.output);
  ASSERT_EQ(rows.size(), 1u + 468u);  // header + 6 sessions * 78 five-minute bars
  std::string header;
  for (const auto& c : rows[0])
    header += (header.empty() ? "" : ",") + c;
  EXPECT_EQ(header, kIndicatorColumns);
  ASSERT_EQ(rows[1].size(), 21u);
  EXPECT_EQ(rows[1][0], "2024-08-23T09:30:00-04:00");
  // First non-empty row of each column = its warm-up (0-based data row index).
  auto first_value = [&](std::size_t col) {
    for (std::size_t r = 1; r < rows.size(); ++r)
      if (!rows[r][col].empty()) return static_cast<int>(r - 1);
    return -1;
  };
  EXPECT_EQ(first_value(6), 19);   // sma_20
  EXPECT_EQ(first_value(7), 8);    // ema_9
  EXPECT_EQ(first_value(9), 14);   // rsi_14
  EXPECT_EQ(first_value(10), 33);  // macd (TA-Lib lookback 33)
  EXPECT_EQ(first_value(13), 19);  // bb_upper
  EXPECT_EQ(first_value(16), 14);  // atr_14
  EXPECT_EQ(first_value(17), 27);  // adx_14
  EXPECT_EQ(first_value(18), 14);  // plus_di_14
  EXPECT_EQ(first_value(20), 0);   // vwap
  // The log names what was not used.
  std::rewind(log);
  char buf[4096] = {};
  const std::size_t n = std::fread(buf, 1, sizeof(buf) - 1, log);
  const std::string text(buf, n);
  EXPECT_NE(text.find("extended-hours 3278"), std::string::npos) << text;
  EXPECT_NE(text.find("gap 2024-08-27T10:52:00-04:00"), std::string::npos) << text;
  std::fclose(log);
  std::filesystem::remove(o.output);
}

TEST(IndicatorCli, SawtoothPointsAreStampedAfterTheirBar) {
  auto o = options("eqker_SPY_1min_2019-02.csv", "zdte_analytics_saw.csv");
  o.sawtooth_window = 5;
  ASSERT_EQ(run_sawtooth(o, stderr), 0);
  const auto rows = read_csv(o.output);
  ASSERT_GT(rows.size(), 10u);
  EXPECT_EQ(rows[0][0], "kind");
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_TRUE(rows[r][0] == "peak" || rows[r][0] == "trough");
    EXPECT_GT(rows[r][3], rows[r][1]) << "confirmed after the bar";  // same offset: text order
    EXPECT_EQ(rows[r][4], "5");
  }
  std::filesystem::remove(o.output);
}

TEST(IndicatorCli, BadInputExitCodeTwo) {
  auto o = options("no_such_file.csv", "zdte_analytics_none.csv");
  std::FILE* log = std::tmpfile();
  EXPECT_EQ(run_indicators(o, log), 2);
  auto bad_tf = options("eqker_SPY_1min_2019-02.csv", "zdte_analytics_none.csv");
  bad_tf.timeframe = "7x";
  EXPECT_EQ(run_indicators(bad_tf, log), 2);
  bad_tf.timeframe = "90s";
  EXPECT_EQ(run_indicators(bad_tf, log), 2) << "not a multiple of the 60 s input";
  std::fclose(log);
}

}  // namespace
}  // namespace zerodte::analytics
