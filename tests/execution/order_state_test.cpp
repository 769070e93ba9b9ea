#include "zerodte/execution/order_state.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace zerodte::execution {
namespace {

using S = model::OrderStatus;

// The legal transitions, written out independently of the table in order_state.cpp.
const std::set<std::pair<S, S>>& expected_legal() {
  static const std::set<std::pair<S, S>> k = {
      {S::kPendingNew, S::kAccepted},
      {S::kPendingNew, S::kPartiallyFilled},
      {S::kPendingNew, S::kFilled},
      {S::kPendingNew, S::kRejected},
      {S::kPendingNew, S::kCancelled},
      {S::kPendingNew, S::kExpired},
      {S::kPendingNew, S::kPendingCancel},
      {S::kAccepted, S::kPartiallyFilled},
      {S::kAccepted, S::kFilled},
      {S::kAccepted, S::kPendingCancel},
      {S::kAccepted, S::kPendingReplace},
      {S::kAccepted, S::kCancelled},
      {S::kAccepted, S::kExpired},
      {S::kPartiallyFilled, S::kPartiallyFilled},
      {S::kPartiallyFilled, S::kFilled},
      {S::kPartiallyFilled, S::kPendingCancel},
      {S::kPartiallyFilled, S::kPendingReplace},
      {S::kPartiallyFilled, S::kCancelled},
      {S::kPartiallyFilled, S::kExpired},
      {S::kPendingCancel, S::kCancelled},
      {S::kPendingCancel, S::kPartiallyFilled},
      {S::kPendingCancel, S::kFilled},
      {S::kPendingCancel, S::kExpired},
      {S::kPendingCancel, S::kAccepted},
      {S::kPendingReplace, S::kReplaced},
      {S::kPendingReplace, S::kAccepted},
      {S::kPendingReplace, S::kPartiallyFilled},
      {S::kPendingReplace, S::kFilled},
      {S::kPendingReplace, S::kCancelled},
      {S::kPendingReplace, S::kExpired},
  };
  return k;
}

TEST(OrderState, EveryPairMatchesTheSpecifiedTable) {
  int legal = 0;
  for (S from : all_order_statuses()) {
    for (S to : all_order_statuses()) {
      const bool want = expected_legal().contains({from, to});
      EXPECT_EQ(is_legal_transition(from, to), want)
          << model::to_string(from) << " -> " << model::to_string(to);
      legal += want ? 1 : 0;
      auto s = check_transition("z1-test", from, to);
      EXPECT_EQ(s.has_value(), want);
      if (!want) {
        EXPECT_EQ(s.error().code, core::ErrorCode::kState);
        EXPECT_NE(s.error().message.find("z1-test"), std::string::npos);
        EXPECT_NE(s.error().message.find(std::string(model::to_string(to))), std::string::npos);
      }
    }
  }
  EXPECT_EQ(legal, 30);
}

TEST(OrderState, TerminalStatusesHaveNoWayOut) {
  for (S from : all_order_statuses()) {
    if (!model::is_terminal(from)) continue;
    for (S to : all_order_statuses())
      EXPECT_FALSE(is_legal_transition(from, to));
    auto s = check_transition("x", from, S::kAccepted);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("already final"), std::string::npos);
  }
}

TEST(OrderState, DuplicatesAndRequests) {
  EXPECT_TRUE(is_duplicate_status(S::kAccepted, S::kAccepted));
  EXPECT_TRUE(is_duplicate_status(S::kFilled, S::kFilled));
  EXPECT_FALSE(is_duplicate_status(S::kPartiallyFilled, S::kPartiallyFilled));
  EXPECT_FALSE(can_request_cancel(S::kPendingNew));
  EXPECT_TRUE(can_request_cancel(S::kPartiallyFilled));
  EXPECT_FALSE(can_request_cancel(S::kPendingCancel));
  EXPECT_TRUE(can_request_replace(S::kAccepted));
  EXPECT_FALSE(can_request_replace(S::kPendingReplace));
}

}  // namespace
}  // namespace zerodte::execution
