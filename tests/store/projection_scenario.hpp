#pragma once
// A small trading day written to a journal, with values checked by hand in the projection tests:
//   buy 10 @ 100.00 (fee 1.00), sell 4 @ 103.00 (fee 0.40), sell 10 @ 99.00 (fee 1.00), the
//   last one flipping the position to -4 @ 99.00. Realized: 4 * 3.00 + 6 * (-1.00) = 6.00.
//   The 103.00 fill is delivered twice (same exec id) and must count once.
#include <filesystem>

#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/event_codec.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::store::testing {

inline constexpr std::uint32_t kSpy = 42;
inline constexpr std::int64_t kDay0 = 1'741'959'000'000'000'000;  // 2025-03-14T13:30:00Z

inline core::Timestamp at(int s) {
  return core::Timestamp{kDay0 + std::int64_t{s} * core::kNanosPerSecond};
}

inline void journal_event(Journal& j, const engine::Event& e) {
  Bytes b;
  encode_event(e, b);
  ASSERT_TRUE(j.append(record_type_of(e), engine::visible_time(e), b));
}

inline model::OrderIntent intent(const char* coid, model::Side side, std::int64_t qty,
                                 std::int64_t cents, int s) {
  model::OrderIntent oi{};
  oi.strategy = core::StrategyId{3};
  oi.signal_id = 100 + static_cast<std::uint64_t>(s);
  oi.client_order_id = coid;
  oi.legs[0] = model::OrderLeg{core::InstrumentId{kSpy}, side, 1, model::PositionIntent::kAuto};
  oi.quantity = core::Quantity{qty};
  oi.limit_price = core::Price::from_cents(cents);
  oi.ts_created = at(s);
  oi.tag = "test";
  return oi;
}

inline model::Fill fill(const char* coid, const char* exec, model::Side side, std::int64_t qty,
                        std::int64_t cents, std::int64_t fee_cents, int s) {
  model::Fill f{};
  f.client_order_id = coid;
  f.venue_order_id = "V-1";
  f.exec_id = exec;
  f.instrument = core::InstrumentId{kSpy};
  f.side = side;
  f.quantity = core::Quantity{qty};
  f.price = core::Price::from_cents(cents);
  f.fee = core::Price::from_cents(fee_cents);
  f.ts_event = at(s);
  f.ts_recv = at(s);
  return f;
}

inline void write_scenario(Journal& j) {
  using model::Side;
  ASSERT_TRUE(append_record(
      j, SignalRecord{101, 3, "orb", kSpy, "SPY", 1, 0.8, "{\"why\":\"range break\"}", at(1)},
      at(1)));
  ASSERT_TRUE(append_record(j, RiskVerdictRecord{101, "o1", true, "all", "ok", at(1)}, at(1)));
  ASSERT_TRUE(append_record(j, OrderIntentRecord{intent("o1", Side::kBuy, 10, 10000, 1)}, at(1)));
  ASSERT_TRUE(append_record(j, OrderSubmittedRecord{"o1", false, at(1)}, at(1)));
  model::OrderUpdate u{};
  u.client_order_id = "o1";
  u.venue_order_id = "V-1";
  u.status = model::OrderStatus::kAccepted;
  u.ts_event = at(2);
  u.ts_recv = at(2);
  journal_event(j, engine::Event{u});
  journal_event(j, engine::Event{fill("o1", "E1", Side::kBuy, 10, 10000, 100, 3)});
  ASSERT_TRUE(append_record(j, OrderIntentRecord{intent("o2", Side::kSell, 4, 10300, 4)}, at(4)));
  ASSERT_TRUE(append_record(j, OrderSubmittedRecord{"o2", false, at(4)}, at(4)));
  journal_event(j, engine::Event{fill("o2", "E2", Side::kSell, 4, 10300, 40, 5)});
  journal_event(
      j, engine::Event{fill("o2", "E2", Side::kSell, 4, 10300, 40, 5)});  // duplicate delivery
  ASSERT_TRUE(append_record(
      j, RiskVerdictRecord{102, "", false, "max_position", "would exceed 20", at(6)}, at(6)));
  ASSERT_TRUE(append_record(j, OrderIntentRecord{intent("o3", Side::kSell, 10, 9900, 7)}, at(7)));
  ASSERT_TRUE(append_record(j, OrderSubmittedRecord{"o3", true, at(7)}, at(7)));
  journal_event(j, engine::Event{fill("o3", "E3", Side::kSell, 10, 9900, 100, 8)});
  ASSERT_TRUE(append_record(
      j, TradingStateRecord{TradingState::kReducing, "loss limit 80%", "risk", at(9)}, at(9)));
  ASSERT_TRUE(
      append_record(j, SentimentRecord{"n1", "reddit", "SPY", -0.6, 0.9, "vader", at(10)}, at(10)));
  auto news = std::make_shared<model::NewsItem>();
  news->id = "n2";
  news->source = "alpaca.news";
  news->headline = "Fed holds rates";
  news->symbols = {"SPY", "QQQ"};
  news->ts_event = at(11);
  news->ts_recv = at(11);
  journal_event(j, engine::Event{std::shared_ptr<const model::NewsItem>(news)});
  model::Bar bar{};
  bar.hdr.instrument = core::InstrumentId{kSpy};
  bar.hdr.ts_event = at(0);
  bar.open = core::Price::from_cents(10000);
  bar.high = core::Price::from_cents(10310);
  bar.low = core::Price::from_cents(9890);
  bar.close = core::Price::from_cents(9900);
  bar.volume = 12345;
  journal_event(j, engine::Event{bar});
  ASSERT_TRUE(j.sync());
}

}  // namespace zerodte::store::testing
