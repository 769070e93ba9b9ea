#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "zerodte/risk/trading_state.hpp"

namespace zerodte::risk {
namespace {

using namespace std::chrono_literals;
const core::Timestamp T0 = core::Timestamp::from_seconds(1'763'740'800);

TEST(TradingState, MostSevereHoldWinsAndTimedHoldsLapse) {
  InMemoryTradingStateStore store;
  TradingStateMachine m(&store);
  EXPECT_EQ(m.state(T0), TradingState::kActive);
  EXPECT_TRUE(
      m.set({"breaker:flash_move:7", TradingState::kReducing, T0, T0 + 5min, "b", "x"}, T0));
  EXPECT_EQ(m.state(T0 + 5min - 1ns), TradingState::kReducing);
  EXPECT_EQ(m.state(T0 + 5min), TradingState::kActive);
  EXPECT_TRUE(
      m.set({"kill_switch", TradingState::kHalted, T0, core::Timestamp::max(), "cli", "y"}, T0));
  EXPECT_EQ(m.state(T0 + 1min), TradingState::kHalted);
  m.expire(T0 + 6min);
  EXPECT_EQ(m.holds().size(), 1u);
  EXPECT_TRUE(m.clear("kill_switch", T0 + 7min));
  EXPECT_EQ(m.state(T0 + 7min), TradingState::kActive);
  EXPECT_GE(store.saves(), 3u);
}

TEST(TradingState, FileStoreSurvivesRestart) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("zerodte_risk_state_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "risk_state.tsv";
  {
    FileTradingStateStore store(file);
    TradingStateMachine m(&store);
    ASSERT_TRUE(m.restore());
    m.set({"breaker:daily_loss", TradingState::kHalted, T0, T0 + 24h, "breaker:daily_loss",
           "daily loss 3.1%\twith a tab"},
          T0);
    m.set({"manual", TradingState::kReducing, T0, core::Timestamp::max(), "api:alice", "pause"},
          T0);
    ASSERT_EQ(m.last_store_error(), nullptr);
  }
  FileTradingStateStore store(file);
  TradingStateMachine again(&store);
  ASSERT_TRUE(again.restore());
  ASSERT_EQ(again.holds().size(), 2u);
  EXPECT_EQ(again.state(T0 + 1h), TradingState::kHalted);
  EXPECT_EQ(again.holds()[0].reason, "daily loss 3.1% with a tab");
  EXPECT_EQ(again.holds()[1].by, "api:alice");
  EXPECT_EQ(again.state(T0 + 25h), TradingState::kReducing);
  // A corrupt file is an error naming the file and line.
  { std::ofstream(file) << "garbage line\n"; }
  const auto bad = FileTradingStateStore(file).load();
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find(":1:"), std::string::npos) << bad.error().message;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace zerodte::risk
