// Approved opening intents on the bus become tiered signal alerts; exits and rejects do not.
#include <gtest/gtest.h>

#include "publish/publish_fixture.hpp"
#include "zerodte/publish/signal_publisher.hpp"

namespace zerodte::publish {
namespace {

using namespace testing;  // NOLINT

struct Recording final : Channel {
  std::vector<OutboundMessage> sent;
  std::string_view name() const override { return "rec"; }
  DeliveryOutcome send(const OutboundMessage& m) override {
    sent.push_back(m);
    return DeliveryOutcome::sent("ok");
  }
};

TEST(SignalPublisher, ApprovedIntentsBecomeAlerts) {
  Harness h(temp_file("signals"));
  model::InstrumentRegistry reg;
  const auto call = *reg.intern_option("SPY   251121C00440000");
  auto rec = std::make_shared<Recording>();
  h.dist->add_route(Tier::kPremium, rec);
  h.dist->add_route(Tier::kFree, rec);
  auto pub = std::make_shared<SignalPublisher>(*h.dist, reg,
                                               std::map<std::uint16_t, std::string>{{1, "gamma"}});
  h.kernel.add_component(pub);
  model::OrderIntent in;
  in.strategy = core::StrategyId{1};
  in.signal_id = 42;
  in.legs[0] = {call, model::Side::kBuy, 1, model::PositionIntent::kBuyToOpen};
  in.leg_count = 1;
  in.quantity = core::Quantity{2};
  in.limit_price = *core::Price::parse("2.50");
  in.stop_loss_price = *core::Price::parse("2.10");
  in.take_profit_price = *core::Price::parse("5.00");
  in.ts_created = kT0;
  h.kernel.bus().publish(in);
  risk::RiskVerdict v;
  v.strategy = in.strategy;
  v.signal_id = 42;
  v.ts = kT0;
  h.kernel.bus().publish(v);
  // A rejected one and an exit are not signals.
  auto rejected = in;
  rejected.signal_id = 43;
  h.kernel.bus().publish(rejected);
  risk::RiskVerdict no = v;
  no.signal_id = 43;
  no.status = risk::VerdictStatus::kRejected;
  h.kernel.bus().publish(no);
  auto exit = in;
  exit.signal_id = 44;
  exit.reduce_only = true;
  h.kernel.bus().publish(exit);
  v.signal_id = 44;
  h.kernel.bus().publish(v);
  h.run_until(kT0 + std::chrono::minutes(6));
  EXPECT_EQ(pub->published(), 1u);
  ASSERT_EQ(rec->sent.size(), 2u);
  EXPECT_EQ(rec->sent[0].text, "BUY SPY 440C @ 2.50, Stop @ 2.10, Target 5.00");
  EXPECT_EQ(rec->sent[0].id, "SIG-000042");
  EXPECT_EQ(rec->sent[1].text, "Bullish SPY setup triggered, premium members entered calls");
}

}  // namespace
}  // namespace zerodte::publish
