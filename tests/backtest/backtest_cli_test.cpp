// `zerodte backtest` and `zerodte backtest sweep` end to end through the binary: the shipped
// config with a bar CSV given by --data, errors naming the input, a parallel resumable sweep and
// a walk-forward that reports out-of-sample windows only.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/run_zerodte.hpp"

namespace zerodte::testing {
namespace {

namespace fs = std::filesystem;

const std::string kSpy =
    std::string(ZERODTE_SHARED_DATA) + "/bars/intraday-1m/gcfc-money-tree_SPY_1m_2024-08.csv";

fs::path sandbox(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("zerodte_btcli_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A small config: the shipped one's sections, with thin chains so runs stay quick.
void write_small_config(const fs::path& dir) {
  std::ifstream in(fs::path(ZERODTE_SOURCE_DIR) / "config/backtest.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto set = [&text](const std::string& from, const std::string& to) {
    const auto p = text.find(from);
    ASSERT_NE(p, std::string::npos) << from;
    text.replace(p, from.size(), to);
  };
  set("chain_strikes_each_side = 10", "chain_strikes_each_side = 1");
  set("chain_every_n_bars = 1 ", "chain_every_n_bars = 30 ");
  std::ofstream(dir / "bt.toml") << text;
}

fs::path small_config(const fs::path& dir) {
  write_small_config(dir);
  return dir / "bt.toml";
}

TEST(BacktestCli, ShippedConfigWithABarCsvWritesEveryResultFile) {
  const fs::path dir = sandbox("single");
  const auto r = run_zerodte("backtest --config config/backtest.toml --data '" + kSpy +
                                 "' --from 2024-08-26 --to 2024-08-26 --report '" +
                                 (dir / "out").string() + "'",
                             ZERODTE_SOURCE_DIR);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("1 trading days"), std::string::npos) << r.output;
  for (const char* f : {"metrics.json", "trades.csv", "equity.csv", "orders.csv", "report.html"})
    EXPECT_TRUE(fs::exists(dir / "out" / f)) << f;
  EXPECT_NE(slurp(dir / "out/metrics.json").find("\"data\": \"replay of 1 file\""),
            std::string::npos);
  fs::remove_all(dir);
}

TEST(BacktestCli, BadInputIsRefusedNamingIt) {
  const fs::path dir = sandbox("bad");
  auto r = run_zerodte(
      "backtest --config config/backtest.toml --data /nonexistent/bars.csv "
      "--report '" +
          dir.string() + "'",
      ZERODTE_SOURCE_DIR);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("/nonexistent/bars.csv"), std::string::npos) << r.output;
  r = run_zerodte(
      "backtest --config config/backtest.toml --from 2024-13-01 --report '" + dir.string() + "'",
      ZERODTE_SOURCE_DIR);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("2024-13-01"), std::string::npos) << r.output;
  r = run_zerodte(
      "backtest sweep --config config/backtest.toml --grid 'risk.max_positions=3:1:1' "
      "--report '" +
          dir.string() + "'",
      ZERODTE_SOURCE_DIR);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("risk.max_positions"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

TEST(BacktestCli, SweepRunsEveryCombinationRanksThemAndResumes) {
  const fs::path dir = sandbox("sweep");
  const fs::path cfg = small_config(dir);
  const std::string args = "backtest sweep --config '" + cfg.string() + "' --data '" + kSpy +
                           "' --from 2024-08-26 --to 2024-08-26 --jobs 2 --metric total_return "
                           "--grid 'risk.max_positions=1,2,session.fill_model=touch,mid' "
                           "--report '" +
                           (dir / "sweep").string() + "'";
  auto r = run_zerodte(args, ZERODTE_SOURCE_DIR);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("4 combinations, 2 jobs"), std::string::npos) << r.output;
  const std::string csv = slurp(dir / "sweep/sweep.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5) << csv;
  for (int i = 1; i <= 4; ++i) {
    const fs::path run = dir / "sweep" / ("run-000" + std::to_string(i));
    EXPECT_TRUE(fs::exists(run / "metrics.json")) << run;
  }
  EXPECT_NE(slurp(dir / "sweep/run-0004/config.toml").find("fill_model = 'mid'"),
            std::string::npos);
  // Interrupted sweep: one run lost its results; the next invocation runs only that one.
  fs::remove(dir / "sweep/run-0002/metrics.json");
  r = run_zerodte(args, ZERODTE_SOURCE_DIR);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::size_t resumed = 0;
  for (auto p = r.output.find("(resumed)"); p != std::string::npos;
       p = r.output.find("(resumed)", p + 1))
    ++resumed;
  EXPECT_EQ(resumed, 3u) << r.output;
  fs::remove_all(dir);
}

TEST(BacktestCli, WalkForwardReportsOutOfSampleWindowsOnly) {
  const fs::path dir = sandbox("wf");
  const fs::path cfg = small_config(dir);
  auto r = run_zerodte("backtest sweep --config '" + cfg.string() + "' --data '" + kSpy +
                           "' --from 2024-08-26 --to 2024-08-29 --walk-forward 2d/1d --jobs 2 "
                           "--grid 'risk.max_positions=1,2' --report '" +
                           (dir / "wf").string() + "'",
                       ZERODTE_SOURCE_DIR);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string csv = slurp(dir / "wf/walk_forward.csv");
  // Windows: in 08-26..27 -> out 08-28; in 08-27..28 -> out 08-29.
  EXPECT_NE(csv.find("1,2024-08-26,2024-08-27,2024-08-28,2024-08-28"), std::string::npos) << csv;
  EXPECT_NE(csv.find("2,2024-08-27,2024-08-28,2024-08-29,2024-08-29"), std::string::npos) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
  EXPECT_NE(slurp(dir / "wf/wf-02/out-of-sample/metrics.json").find("\"trading_days\": 1"),
            std::string::npos);
  EXPECT_NE(r.output.find("out-of-sample only: 2 windows"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace zerodte::testing
