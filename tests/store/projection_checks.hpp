#pragma once
// Checks of the projected tables against the scenario's hand-computed values; shared by the
// SQLite and PostgreSQL tests.
#include <gtest/gtest.h>

#include "zerodte/store/sql_connection.hpp"

namespace zerodte::store::testing {

inline std::vector<SqlRow> q(SqlConnection& c, const std::string& sql) {
  auto r = c.query(sql);
  EXPECT_TRUE(r) << r.error().to_string();
  return r ? *r : std::vector<SqlRow>{};
}

inline std::int64_t qi(SqlConnection& c, const std::string& sql) {
  auto rows = q(c, sql);
  if (rows.empty()) {
    ADD_FAILURE() << "no rows: " << sql;
    return -1;
  }
  auto v = sql_int(rows[0][0]);
  EXPECT_TRUE(v) << sql;
  return v.value_or(-1);
}

inline void check_scenario_tables(SqlConnection& c) {
  constexpr std::int64_t kUnit = 1'000'000'000;
  EXPECT_EQ(qi(c, "SELECT COUNT(*) FROM fills"), 3);
  EXPECT_EQ(qi(c, "SELECT qty FROM positions WHERE instrument = 42"), -4);
  EXPECT_EQ(qi(c, "SELECT avg_price_nanos FROM positions WHERE instrument = 42"), 99 * kUnit);
  EXPECT_EQ(qi(c, "SELECT realized_pnl_nanos FROM positions WHERE instrument = 42"), 6 * kUnit);
  EXPECT_EQ(qi(c, "SELECT fees_nanos FROM positions WHERE instrument = 42"), 24 * kUnit / 10);
  EXPECT_EQ(qi(c, "SELECT realized_pnl_nanos FROM daily_pnl WHERE day = '2025-03-14'"), 6 * kUnit);
  EXPECT_EQ(qi(c, "SELECT fills FROM daily_pnl WHERE day = '2025-03-14'"), 3);
  EXPECT_EQ(sql_text(q(c, "SELECT status FROM orders WHERE client_order_id = 'o1'").at(0).at(0)),
            "filled");
  EXPECT_EQ(
      sql_text(q(c, "SELECT venue_order_id FROM orders WHERE client_order_id = 'o1'").at(0).at(0)),
      "V-1");
  EXPECT_EQ(qi(c, "SELECT filled_qty FROM orders WHERE client_order_id = 'o2'"), 4);
  EXPECT_EQ(qi(c, "SELECT COUNT(*) FROM orders WHERE submitted = 1"), 3);
  EXPECT_EQ(sql_text(q(c, "SELECT explanation FROM signals WHERE signal_id = 101").at(0).at(0)),
            "{\"why\":\"range break\"}");
  EXPECT_EQ(qi(c, "SELECT COUNT(*) FROM risk_events WHERE kind = 'verdict' AND approved = 0"), 1);
  EXPECT_EQ(sql_text(q(c, "SELECT rule FROM risk_events WHERE kind = 'trading_state'").at(0).at(0)),
            "REDUCING");
  EXPECT_DOUBLE_EQ(
      sql_double(q(c, "SELECT score FROM sentiment_items WHERE item_id = 'n1'").at(0).at(0))
          .value(),
      -0.6);
  EXPECT_EQ(sql_text(q(c, "SELECT symbol FROM sentiment_items WHERE item_id = 'n2'").at(0).at(0)),
            "SPY,QQQ");
  EXPECT_EQ(qi(c, "SELECT high_nanos FROM bars WHERE instrument = 42"), 10310 * kUnit / 100);
}

// Every projected table as text, for comparing a rebuilt projection with the original.
inline std::string dump_tables(SqlConnection& c) {
  std::string out;
  for (const char* t :
       {"orders ORDER BY client_order_id", "fills ORDER BY seq", "positions ORDER BY instrument",
        "daily_pnl ORDER BY day", "signals ORDER BY seq", "risk_events ORDER BY seq",
        "sentiment_items ORDER BY seq", "bars ORDER BY ts_open_ns"}) {
    for (const auto& row : q(c, std::string("SELECT * FROM ") + t)) {
      out += t;
      for (const auto& v : row) {
        out += '|';
        out += sql_text(v);
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace zerodte::store::testing
