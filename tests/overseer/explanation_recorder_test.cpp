// Strategy signals and suppressions published on the bus become explanation records.
#include <gtest/gtest.h>

#include "zerodte/core/clock.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/overseer/explanation_recorder.hpp"

namespace zerodte::overseer {
namespace {

TEST(ExplanationRecorder, SignalsAndSuppressions) {
  core::SimClock clock(core::Timestamp::from_seconds(1'763'740'800));
  engine::Kernel kernel(clock, engine::KernelConfig{1u << 8});
  ExplanationStore store;
  kernel.add_component(std::make_shared<ExplanationRecorder>(store));
  kernel.start();
  strategy::Signal s;
  s.id = 7;
  s.strategy = core::StrategyId{2};
  s.strategy_name = "sawtooth_sentiment";
  s.symbol = "NVDA";
  s.direction = strategy::Direction::kLong;
  s.conviction = 0.85;
  s.triggered_by = {{"sawtooth", "trough 10:31 @ 449.20", 449.2, clock.now()},
                    {"sentiment", "flip +0.82", 0.82, clock.now()}};
  s.risk_factors = {"0DTE: theta -0.21/day"};
  s.action = "buy 2 NVDA 251121C00450000 @ 1.25 IOC";
  s.ts = clock.now();
  kernel.bus().publish(s);
  strategy::Suppression q;
  q.strategy = core::StrategyId{2};
  q.strategy_name = "sawtooth_sentiment";
  q.symbol = "NVDA";
  q.reason = "stale_analytics";
  q.detail = "analytics 12 s old > 10 s";
  q.ts = clock.now();
  kernel.bus().publish(q);

  const auto* r = store.by_id("SIG-000007");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, ExplanationKind::kTrade);
  EXPECT_EQ(r->triggered_by, (std::vector<std::string>{"sawtooth", "sentiment"}));
  EXPECT_DOUBLE_EQ(r->confidence, 0.85);
  EXPECT_EQ(r->risk_factors, s.risk_factors);
  ASSERT_EQ(r->analytics.size(), 2u);
  EXPECT_DOUBLE_EQ(r->analytics[1].second, 0.82);
  EXPECT_EQ(r->details,
            "buy 2 NVDA 251121C00450000 @ 1.25 IOC; sawtooth: trough 10:31 @ 449.20; sentiment: "
            "flip +0.82");
  EXPECT_EQ(r->narrative,
            "sawtooth_sentiment traded on NVDA because of sawtooth and sentiment (confidence 85%); "
            "risk factors: 0DTE: theta -0.21/day.");
  ExplanationQuery sq;
  sq.kind = ExplanationKind::kSuppression;
  const auto sup = store.query(sq);
  ASSERT_EQ(sup.size(), 1u);
  EXPECT_EQ(sup[0]->rejected_because, "stale_analytics");
  EXPECT_EQ(sup[0]->narrative,
            "sawtooth_sentiment held back a signal on NVDA: stale_analytics - analytics 12 s old "
            "> 10 s.");
}

}  // namespace
}  // namespace zerodte::overseer
