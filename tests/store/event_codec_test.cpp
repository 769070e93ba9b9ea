#include "zerodte/store/event_codec.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include "zerodte/engine/message_bus.hpp"
#include "zerodte/store/decision_records.hpp"

namespace zerodte::store {
namespace {

using core::Price;
using core::Timestamp;

template <typename T>
bool same_bytes(const T& a, const T& b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

RecordView view(RecordType t, const Bytes& b, std::uint64_t seq = 1) {
  return RecordView{seq, t, 0, Timestamp{}, b};
}

template <typename T>
void pod_round_trip(const T& v) {
  Bytes b;
  const engine::Event e{v};
  encode_event(e, b);
  EXPECT_EQ(b.size(), sizeof(T));
  auto d = decode_event(view(record_type_of(e), b));
  ASSERT_TRUE(d) << d.error().to_string();
  ASSERT_TRUE(std::holds_alternative<T>(*d));
  EXPECT_TRUE(same_bytes(std::get<T>(*d), v));
}

TEST(EventCodec, TriviallyCopyableEventsRoundTrip) {
  model::Trade t{};
  t.hdr.instrument = core::InstrumentId{42};
  t.hdr.ts_event = Timestamp{1'700'000'000'000'000'000};
  t.price = Price::from_cents(45012);
  t.size = 300;
  pod_round_trip(t);
  model::Quote q{};
  q.bid = Price::from_cents(100);
  q.ask = Price::from_cents(101);
  pod_round_trip(q);
  model::Bar bar{};
  bar.open = Price::from_units(5);
  bar.volume = 77;
  pod_round_trip(bar);
  model::OptionQuote oq{};
  oq.greeks.delta = 0.5;
  oq.has_greeks = true;
  pod_round_trip(oq);
  model::BookDepth bd{};
  bd.depth = 3;
  bd.levels[2].bid_size = 9;
  pod_round_trip(bd);
  model::Imbalance im{};
  im.auction_type = 'O';
  pod_round_trip(im);
  model::InstrumentStatus is{};
  is.reason = "LULD";
  pod_round_trip(is);
  model::FeedStatus fs{};
  fs.feed = "polygon.options";
  fs.detail = "reconnected after 3s";
  pod_round_trip(fs);
  model::OrderUpdate ou{};
  ou.client_order_id = "zd-1-2-3";
  ou.status = model::OrderStatus::kAccepted;
  pod_round_trip(ou);
  model::Fill f{};
  f.exec_id = "E1";
  f.quantity = core::Quantity{5};
  pod_round_trip(f);
}

TEST(EventCodec, NewsAndControlRoundTrip) {
  auto n = std::make_shared<model::NewsItem>();
  n->id = "t3_abc";
  n->source = "reddit";
  n->kind = model::NewsKind::kSocialPost;
  n->author = "u/someone";
  n->text = "SPY calls \xF0\x9F\x9A\x80 to the moon";
  n->symbols = {"SPY", "QQQ"};
  n->likes = 12;
  n->author_verified = true;
  n->ts_event = Timestamp{5};
  n->ts_recv = Timestamp{6};
  Bytes b;
  encode_event(engine::Event{std::shared_ptr<const model::NewsItem>(n)}, b);
  auto d = decode_event(view(RecordType::kNewsItem, b));
  ASSERT_TRUE(d) << d.error().to_string();
  const auto& got = *std::get<std::shared_ptr<const model::NewsItem>>(*d);
  EXPECT_EQ(got.text, n->text);
  EXPECT_EQ(got.symbols, n->symbols);
  EXPECT_EQ(got.kind, model::NewsKind::kSocialPost);
  EXPECT_TRUE(got.author_verified);
  EXPECT_EQ(got.ts_recv.ns, 6);

  auto c = std::make_shared<engine::ControlCommand>(
      engine::ControlCommand{"api:alice", "halt", "{\"why\":\"x\"}", Timestamp{9}});
  encode_event(engine::Event{std::shared_ptr<const engine::ControlCommand>(c)}, b);
  auto dc = decode_event(view(RecordType::kControlCommand, b));
  ASSERT_TRUE(dc);
  const auto& gc = *std::get<std::shared_ptr<const engine::ControlCommand>>(*dc);
  EXPECT_EQ(gc.user, "api:alice");
  EXPECT_EQ(gc.action, "halt");
  EXPECT_EQ(gc.args, "{\"why\":\"x\"}");
  EXPECT_EQ(gc.ts_recv.ns, 9);

  // A truncated payload is an error naming the field.
  b.resize(b.size() - 3);
  auto bad = decode_event(view(RecordType::kControlCommand, b, 77));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("record 77"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("control.ts_recv"), std::string::npos) << bad.error().message;
}

struct LlmAnswer final : engine::CustomEvent {
  std::string item;
  double score = 0;
  std::string_view type_name() const override { return "test.llm_answer"; }
  void dispatch(engine::MessageBus& /*bus*/) const override {}
};

TEST(EventCodec, CustomEventsUseTheRegistry) {
  CustomEventRegistry reg;
  auto ev = std::make_shared<LlmAnswer>();
  ev->item = "n1";
  ev->score = -0.25;
  ev->ts_event = Timestamp{100};
  ev->ts_recv = Timestamp{101};
  Bytes b;
  encode_event(engine::Event{std::shared_ptr<const engine::CustomEvent>(ev)}, b, reg);
  auto no_codec = decode_event(view(RecordType::kCustomEvent, b), reg);
  ASSERT_FALSE(no_codec);
  EXPECT_EQ(no_codec.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(no_codec.error().message.find("test.llm_answer"), std::string::npos);

  ASSERT_TRUE(reg.add(
      "test.llm_answer",
      [](const engine::CustomEvent& e, ByteWriter& w) {
        const auto& a = static_cast<const LlmAnswer&>(e);
        w.str(a.item);
        w.f64(a.score);
      },
      [](ByteReader& r) -> core::Result<std::shared_ptr<engine::CustomEvent>> {
        auto a = std::make_shared<LlmAnswer>();
        ZDTE_TRY_ASSIGN(item, r.str("item"));
        ZDTE_TRY_ASSIGN(score, r.f64("score"));
        a->item = item;
        a->score = score;
        return a;
      }));
  EXPECT_FALSE(reg.add("test.llm_answer", {}, {}));
  encode_event(engine::Event{std::shared_ptr<const engine::CustomEvent>(ev)}, b, reg);
  auto d = decode_event(view(RecordType::kCustomEvent, b), reg);
  ASSERT_TRUE(d) << d.error().to_string();
  const auto& got =
      static_cast<const LlmAnswer&>(*std::get<std::shared_ptr<const engine::CustomEvent>>(*d));
  EXPECT_EQ(got.item, "n1");
  EXPECT_EQ(got.score, -0.25);
  EXPECT_EQ(got.ts_event.ns, 100);
  EXPECT_EQ(got.ts_recv.ns, 101);
}

template <typename T>
T round_trip_record(const T& rec) {
  Bytes b;
  ByteWriter w(b);
  rec.encode(w);
  auto d = decode_record<T>(RecordView{3, T::kType, 0, Timestamp{}, b});
  EXPECT_TRUE(d) << d.error().to_string();
  return *d;
}

TEST(DecisionRecords, RoundTripAndTypeChecks) {
  SignalRecord s{7, 2, "sawtooth", 42, "SPY", -1, 0.75, "{\"rsi\":71.2}", Timestamp{1}};
  EXPECT_EQ(round_trip_record(s), s);
  RiskVerdictRecord v{7, "zd-1", false, "max_daily_loss", "loss 1200 > 1000", Timestamp{2}};
  EXPECT_EQ(round_trip_record(v), v);
  OrderSubmittedRecord os{"zd-1", true, Timestamp{3}};
  EXPECT_EQ(round_trip_record(os), os);
  ControlActionRecord ca{"cli", "kill_switch", "{}", "cancelled 3 orders", Timestamp{4}};
  EXPECT_EQ(round_trip_record(ca), ca);
  TradingStateRecord ts{TradingState::kReducing, "daily loss 80%", "risk", Timestamp{5}};
  EXPECT_EQ(round_trip_record(ts), ts);
  RiskCountersRecord rc{core::Date{2025, 3, 14}, Price::from_units(-120), 2, 5, 4, Timestamp{6}};
  EXPECT_EQ(round_trip_record(rc), rc);
  StrategyStateRecord ss{3, "orb", "{\"range_hi\":451.2}", Timestamp{7}};
  EXPECT_EQ(round_trip_record(ss), ss);
  SentimentRecord se{"n1", "x", "TSLA", 0.4, 0.9, "vader", Timestamp{8}};
  EXPECT_EQ(round_trip_record(se), se);
  model::OrderIntent oi{};
  oi.client_order_id = "zd-9";
  oi.quantity = core::Quantity{3};
  EXPECT_EQ(round_trip_record(OrderIntentRecord{oi}).intent.client_order_id, oi.client_order_id);

  Bytes b;
  ByteWriter w(b);
  s.encode(w);
  auto wrong =
      decode_record<RiskVerdictRecord>(RecordView{9, RecordType::kSignal, 0, Timestamp{}, b});
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("record 9"), std::string::npos);
  b.push_back(std::byte{0});
  auto trailing =
      decode_record<SignalRecord>(RecordView{9, RecordType::kSignal, 0, Timestamp{}, b});
  ASSERT_FALSE(trailing);
  EXPECT_NE(trailing.error().message.find("trailing"), std::string::npos);
}

}  // namespace
}  // namespace zerodte::store
