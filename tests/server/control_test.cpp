#include "zerodte/server/control.hpp"

#include <gtest/gtest.h>

#include "zerodte/engine/inbox.hpp"

namespace zerodte::server {
namespace {

const Principal kTrader{"alice", Role::kTrader, false};
const Principal kAdmin{"root", Role::kAdmin, false};
const Principal kViewer{"vic", Role::kViewer, false};
const core::Timestamp kNow{1'700'000'000'000'000'000};

int status(std::string_view body, const Principal& who) {
  auto r = parse_control(body, who, kNow);
  return r ? 202 : r.error().http_status;
}

TEST(Control, RoleAndValidationMatrix) {
  EXPECT_EQ(status(R"({"action":"pause"})", kViewer), 403);
  EXPECT_EQ(status(R"({"action":"pause"})", kTrader), 202);
  EXPECT_EQ(status(R"({"action":"resume"})", kTrader), 202);
  EXPECT_EQ(status(R"({"action":"kill_switch"})", kTrader), 400);
  EXPECT_EQ(status(R"({"action":"kill_switch","confirm":true})", kTrader), 202);
  EXPECT_EQ(status(R"({"action":"strategy.stop","args":{"strategy":"orb_1"}})", kTrader), 202);
  EXPECT_EQ(status(R"({"action":"strategy.stop","args":{"strategy":"a b"}})", kTrader), 400);
  EXPECT_EQ(status(R"({"action":"mode.set","args":{"mode":"paper"}})", kTrader), 202);
  EXPECT_EQ(status(R"({"action":"mode.set","args":{"mode":"live"},"confirm":"LIVE"})", kTrader),
            403);
  EXPECT_EQ(status(R"({"action":"mode.set","args":{"mode":"live"}})", kAdmin), 400);
  EXPECT_EQ(status(R"({"action":"mode.set","args":{"mode":"live"},"confirm":"LIVE"})", kAdmin),
            202);
  EXPECT_EQ(
      status(R"({"action":"params.set","args":{"trade_size":2,"min_confidence":0.7}})", kTrader),
      202);
  EXPECT_EQ(status(R"({"action":"params.set","args":{"trade_size":0}})", kTrader), 400);
  EXPECT_EQ(status(R"({"action":"params.set","args":{"trade_size":1.5}})", kTrader), 400);
  EXPECT_EQ(status(R"({"action":"params.set","args":{"min_confidence":2}})", kTrader), 400);
  EXPECT_EQ(status(R"({"action":"params.set","args":{"leverage":2}})", kTrader), 400);
  EXPECT_EQ(status(R"({"action":"params.set","args":{}})", kTrader), 400);
  EXPECT_EQ(status(R"({"action":"format_disk"})", kTrader), 400);
  EXPECT_EQ(status(R"(not json)", kTrader), 400);
  EXPECT_EQ(status(R"([1,2])", kTrader), 400);
  EXPECT_EQ(status(R"({"action":1})", kTrader), 400);
}

TEST(Control, CommandCarriesUserAndArgsAndReachesInbox) {
  auto r = parse_control(R"({"action":"params.set","args":{"stop_loss_pct":50}})", kTrader, kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)->user, "api:alice");
  EXPECT_EQ((*r)->action, "params.set");
  EXPECT_EQ((*r)->args, R"({"stop_loss_pct":50})");
  EXPECT_EQ((*r)->ts_recv, kNow);
  engine::Inbox inbox(8);
  auto sink = inbox_control_sink(inbox);
  ASSERT_TRUE(sink(*r));
  auto ev = inbox.try_pop();
  ASSERT_TRUE(ev);
  const auto* cmd = std::get_if<std::shared_ptr<const engine::ControlCommand>>(&*ev);
  ASSERT_NE(cmd, nullptr);
  EXPECT_EQ((*cmd)->user, "api:alice");
}

}  // namespace
}  // namespace zerodte::server
