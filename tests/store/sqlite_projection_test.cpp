#include <gtest/gtest.h>

#include "projection_checks.hpp"
#include "projection_scenario.hpp"
#include "temp_dir.hpp"
#include "zerodte/store/journal_state.hpp"
#include "zerodte/store/migrations.hpp"
#include "zerodte/store/projection_feeder.hpp"
#include "zerodte/store/projector.hpp"

namespace zerodte::store {
namespace {

using namespace testing;  // NOLINT

std::unique_ptr<Journal> open_journal(const std::filesystem::path& dir) {
  JournalConfig c;
  c.dir = dir;
  auto j = Journal::open(c);
  EXPECT_TRUE(j) << j.error().to_string();
  return j ? std::move(*j) : nullptr;
}

std::unique_ptr<SqlConnection> open_db(const std::filesystem::path& p) {
  auto c = open_sqlite(p);
  EXPECT_TRUE(c) << c.error().to_string();
  return c ? std::move(*c) : nullptr;
}

TEST(SqliteProjection, MigratesOnceInWalMode) {
  TempDir tmp("sqlite");
  auto db = open_db(tmp / "p.db");
  auto v = migrate(*db);
  ASSERT_TRUE(v) << v.error().to_string();
  EXPECT_EQ(*v, 1);
  EXPECT_EQ(*migrate(*db), 1);
  EXPECT_EQ(qi(*db, "SELECT COUNT(*) FROM schema_migrations"), 1);
  EXPECT_EQ(sql_text(q(*db, "PRAGMA journal_mode").at(0).at(0)), "wal");
  for (const char* t : {"orders", "fills", "positions", "daily_pnl", "signals", "risk_events",
                        "sentiment_items", "bars"})
    EXPECT_EQ(qi(*db, std::string("SELECT COUNT(*) FROM sqlite_master WHERE name = '") + t + "'"),
              1)
        << t;
  ASSERT_TRUE(db->exec_script("INSERT INTO schema_migrations VALUES (99, 'future', 0)"));
  auto newer = migrate(*db);
  ASSERT_FALSE(newer);
  EXPECT_NE(newer.error().message.find("newer than this build"), std::string::npos);
}

TEST(SqliteProjection, ProjectsTheScenarioWithHandComputedValues) {
  TempDir tmp("sqlite");
  auto j = open_journal(tmp / "journal");
  write_scenario(*j);
  auto db = open_db(tmp / "p.db");
  Projector p(*db);
  ASSERT_TRUE(p.open());
  auto n = p.catch_up(tmp / "journal");
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(*n, j->last_seq());
  check_scenario_tables(*db);

  // The projection agrees with the journal's own state rebuild.
  JournalState st;
  RecoveryRegistry reg;
  st.register_with(reg);
  ASSERT_TRUE(recover(tmp / "journal", reg));
  EXPECT_EQ(qi(*db, "SELECT realized_pnl_nanos FROM positions WHERE instrument = 42"),
            st.positions.find(kSpy)->realized_nanos);
  EXPECT_EQ(st.trading_state, TradingState::kReducing);
}

TEST(SqliteProjection, IsIdempotentResumesAndRebuildsIdentically) {
  TempDir tmp("sqlite");
  auto j = open_journal(tmp / "journal");
  write_scenario(*j);
  const std::uint64_t half = j->last_seq() / 2;
  std::string first_dump;
  {
    auto db = open_db(tmp / "p.db");
    Projector p(*db);
    ASSERT_TRUE(p.open());
    ASSERT_EQ(*p.catch_up(tmp / "journal", half, 3), half);
  }
  {
    auto db = open_db(tmp / "p.db");  // a restarted projector resumes after `half`
    Projector p(*db);
    ASSERT_TRUE(p.open());
    EXPECT_EQ(p.last_seq(), half);
    ASSERT_EQ(*p.catch_up(tmp / "journal"), j->last_seq() - half);
    EXPECT_EQ(*p.catch_up(tmp / "journal"), 0u);
    check_scenario_tables(*db);
    first_dump = dump_tables(*db);
    ASSERT_TRUE(p.reset());
    EXPECT_EQ(qi(*db, "SELECT COUNT(*) FROM fills"), 0);
    ASSERT_EQ(*p.catch_up(tmp / "journal"), j->last_seq());
    EXPECT_EQ(dump_tables(*db), first_dump);
  }
}

TEST(SqliteProjection, FeederFollowsTheJournalInTheBackgroundUpToDurable) {
  TempDir tmp("sqlite");
  auto j = open_journal(tmp / "journal");
  auto db = open_db(tmp / "p.db");
  ProjectionFeeder feeder(
      std::move(db), tmp / "journal",
      FeederConfig{std::chrono::milliseconds(5), 100, [&j] { return j->durable_seq(); }});
  ASSERT_TRUE(feeder.start());
  write_scenario(*j);
  ASSERT_TRUE(feeder.wait_for(j->last_seq(), std::chrono::seconds(10)))
      << feeder.status().error().to_string();
  feeder.stop();
  auto check = open_db(tmp / "p.db");
  check_scenario_tables(*check);
}

}  // namespace
}  // namespace zerodte::store
