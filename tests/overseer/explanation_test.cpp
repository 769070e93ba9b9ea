// Explanation records: binary round trip, the seed's JSON keys, queries by id/time/strategy/kind,
// and the index rebuilt from the journal after a restart.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

#include "zerodte/overseer/explanation.hpp"
#include "zerodte/store/decision_records.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::overseer {
namespace {

ExplanationRecord trade(std::string id, std::int64_t sec, std::string strategy) {
  ExplanationRecord r;
  r.id = std::move(id);
  r.kind = ExplanationKind::kTrade;
  r.ts = core::Timestamp::from_seconds(1'763'737'200 + sec);
  r.strategy_id = strategy == "gamma_scalp" ? 1 : 2;
  r.strategy = std::move(strategy);
  r.signal_id = 1;
  r.symbol = "SPY";
  r.triggered_by = {"gex_spike", "regime_bullish"};
  r.confidence = 0.85;
  r.risk_factors = {"elevated_vpin"};
  r.analytics = {{"gex", -1.25e9}, {"vpin", 0.71}};
  r.narrative = "Dealers short gamma \"below\" 440";
  return r;
}

TEST(Explanation, BinaryRoundTrip) {
  auto r = trade("SIG-001", 0, "gamma_scalp");
  r.rejected_because = "insufficient_liquidity";
  r.details = "spread > max_allowed";
  store::Bytes buf;
  store::ByteWriter w(buf);
  r.encode(w);
  store::ByteReader rd(buf);
  auto back = ExplanationRecord::decode(rd);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, r);
  // Truncated input names the field that ran short.
  const std::span<const std::byte> part(buf.data(), buf.size() - 3);
  store::ByteReader cut(part);
  auto bad = ExplanationRecord::decode(cut);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("narrative"), std::string::npos) << bad.error().message;
}

TEST(Explanation, JsonHasTheSeedKeys) {
  const auto j = trade("SIG-001", 0, "gamma_scalp").to_json();
  EXPECT_NE(j.find(R"("id":"SIG-001")"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("triggered_by":["gex_spike","regime_bullish"])"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("confidence":0.85)"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("risk_factors":["elevated_vpin"])"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("analytics":{"gex":-1250000000,"vpin":0.71})"), std::string::npos) << j;
  EXPECT_NE(j.find(R"(gamma \"below\" 440)"), std::string::npos) << j;
}

TEST(Explanation, QueriesByIdTimeStrategyAndKind) {
  ExplanationStore st;
  ASSERT_TRUE(st.add(trade("SIG-1", 0, "gamma_scalp")));
  ASSERT_TRUE(st.add(trade("SIG-2", 10, "moc")));
  auto rej = trade("REJ-3", 20, "gamma_scalp");
  rej.kind = ExplanationKind::kReject;
  ASSERT_TRUE(st.add(rej));
  EXPECT_FALSE(st.add(trade("SIG-1", 30, "moc"))) << "ids are unique";
  EXPECT_EQ(st.size(), 3u);
  ASSERT_NE(st.by_id("SIG-2"), nullptr);
  EXPECT_EQ(st.by_id("SIG-2")->strategy, "moc");
  EXPECT_EQ(st.by_id("nope"), nullptr);
  ExplanationQuery q;
  q.strategy = "gamma_scalp";
  EXPECT_EQ(st.query(q).size(), 2u);
  q.kind = ExplanationKind::kReject;
  ASSERT_EQ(st.query(q).size(), 1u);
  EXPECT_EQ(st.query(q)[0]->id, "REJ-3");
  ExplanationQuery t;
  t.from = core::Timestamp::from_seconds(1'763'737'205);
  t.to = core::Timestamp::from_seconds(1'763'737'220);  // exclusive
  ASSERT_EQ(st.query(t).size(), 1u);
  EXPECT_EQ(st.query(t)[0]->id, "SIG-2");
  EXPECT_EQ(st.query_json(t).front(), '[');
  EXPECT_TRUE(parse_explanation_kind("auto_action"));
  EXPECT_FALSE(parse_explanation_kind("bogus"));
}

TEST(Explanation, IndexRebuiltFromTheJournal) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("zerodte_explain_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    store::JournalConfig jc;
    jc.dir = dir;
    auto j = store::Journal::open(jc);
    ASSERT_TRUE(j) << j.error().message;
    ExplanationStore st(j->get());
    ASSERT_TRUE(st.add(trade("SIG-1", 0, "gamma_scalp")));
    ASSERT_TRUE(st.add(trade("SIG-2", 5, "moc")));
    // Another area's record in between is skipped.
    store::ControlActionRecord c{"cli", "pause", "", "ok", core::Timestamp::from_seconds(5)};
    ASSERT_TRUE(store::append_record(**j, c, c.ts));
  }
  ExplanationStore again;
  auto s = again.load_journal(dir);
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(*again.by_id("SIG-1"), trade("SIG-1", 0, "gamma_scalp"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace zerodte::overseer
