// The projection against a real PostgreSQL server, started for this test on 127.0.0.1.
// One test case, so the cluster is created once (initdb takes about a second).
#include <gtest/gtest.h>

#include "projection_checks.hpp"
#include "projection_scenario.hpp"
#include "temp_dir.hpp"
#include "test_servers.hpp"
#include "zerodte/store/migrations.hpp"
#include "zerodte/store/projection_feeder.hpp"
#include "zerodte/store/projector.hpp"

namespace zerodte::store {
namespace {

using namespace testing;  // NOLINT

TEST(PostgresProjection, MigratesProjectsResumesRebuildsAndFeeds) {
  std::string why;
  auto server = PostgresServer::start(why);
  if (!server) GTEST_SKIP() << why;
  auto conn = open_postgres(server->conninfo());
  ASSERT_TRUE(conn) << conn.error().to_string();
  auto& db = **conn;
  EXPECT_EQ(db.dialect(), "postgres");
  ASSERT_EQ(*migrate(db), 1);
  ASSERT_EQ(*migrate(db), 1);

  // Parameters containing quotes and backslashes survive the literal rendering.
  ASSERT_TRUE(db.exec_script("CREATE TABLE t (s TEXT, d DOUBLE PRECISION, n BIGINT)"));
  const SqlValue p[] = {std::string("it's a \\ 'test'"), 0.1,
                        std::int64_t{-9'000'000'000'000'000'000}};
  ASSERT_TRUE(db.exec("INSERT INTO t VALUES ($1, $2, $3)", p));
  auto rows = db.query("SELECT s, d, n FROM t");
  ASSERT_TRUE(rows);
  EXPECT_EQ(sql_text(rows->at(0)[0]), "it's a \\ 'test'");
  EXPECT_DOUBLE_EQ(*sql_double(rows->at(0)[1]), 0.1);
  EXPECT_EQ(*sql_int(rows->at(0)[2]), -9'000'000'000'000'000'000);

  TempDir tmp("pg");
  JournalConfig jc;
  jc.dir = tmp / "journal";
  auto j = Journal::open(jc);
  ASSERT_TRUE(j);
  write_scenario(**j);
  const std::uint64_t last = (*j)->last_seq();
  {
    Projector proj(db);
    ASSERT_TRUE(proj.open());
    ASSERT_EQ(*proj.catch_up(jc.dir, last / 2, 2), last / 2);
  }
  Projector proj(db);
  ASSERT_TRUE(proj.open());
  EXPECT_EQ(proj.last_seq(), last / 2);
  auto n = proj.catch_up(jc.dir);
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(*n, last - last / 2);
  check_scenario_tables(db);
  const std::string dump = dump_tables(db);
  ASSERT_TRUE(proj.reset());
  ASSERT_EQ(*proj.catch_up(jc.dir), last);
  EXPECT_EQ(dump_tables(db), dump);

  // The background feeder on its own connection, into a second database.
  ASSERT_TRUE(db.exec_script("CREATE DATABASE feed"));
  auto feed_conn = open_postgres(server->conninfo() + " dbname=feed");
  ASSERT_TRUE(feed_conn) << feed_conn.error().to_string();
  ProjectionFeeder feeder(std::move(*feed_conn), jc.dir,
                          FeederConfig{std::chrono::milliseconds(5), 4, {}});
  ASSERT_TRUE(feeder.start());
  ASSERT_TRUE(feeder.wait_for(last, std::chrono::seconds(20)));
  feeder.stop();
  auto check = open_postgres(server->conninfo() + " dbname=feed");
  ASSERT_TRUE(check);
  check_scenario_tables(**check);
}

}  // namespace
}  // namespace zerodte::store
