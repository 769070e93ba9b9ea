// TradingSession: simulated days chained with carried spots, honest bar visibility, persistent
// risk holds across sessions, and input errors that name the input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "zerodte/session/market_sources.hpp"
#include "zerodte/session/trading_session.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::session {
namespace {

namespace fs = std::filesystem;

std::string spy_bars() {
  return std::string(ZERODTE_SHARED_DATA) + "/bars/intraday-1m/gcfc-money-tree_SPY_1m_2024-08.csv";
}

data::SimConfig short_day() {
  data::SimConfig c;
  c.start = core::TimeOfDay{9, 30, 0};
  c.end = core::TimeOfDay{9, 35, 0};
  c.underlyings = {data::sim::default_underlyings().front()};
  c.correlation.clear();
  c.max_dte = 2;
  c.daily_expiry_count = 1;
  return c;
}

TEST(Session, SimulatedDaysChainWithTheSpotCarriedOver) {
  model::InstrumentRegistry reg;
  // Fri 2025-04-17 .. Tue 2025-04-22: Good Friday (04-18) and the weekend are skipped.
  auto src =
      MultiDaySimSource::create(short_day(), core::Date{2025, 4, 17}, core::Date{2025, 4, 22}, reg);
  ASSERT_TRUE(src.has_value()) << src.error().to_string();
  EXPECT_EQ((*src)->days(),
            (std::vector<core::Date>{core::Date{2025, 4, 17}, core::Date{2025, 4, 21},
                                     core::Date{2025, 4, 22}}));
  const auto spy = *reg.find("SPY");
  const auto& cal = core::TradingCalendar::nyse();
  core::Timestamp prev{};
  std::map<core::Date, std::pair<double, double>> first_last;  // per day: first, last trade
  std::size_t n = 0;
  while (auto e = (*src)->next()) {
    const auto t = engine::visible_time(*e);
    ASSERT_GE(t, prev);
    prev = t;
    ++n;
    if (const auto* tr = std::get_if<model::Trade>(&*e); tr && tr->hdr.instrument == spy) {
      auto& fl = first_last[cal.local_date(t)];
      if (fl.first == 0) fl.first = tr->price.to_double();
      fl.second = tr->price.to_double();
    }
  }
  EXPECT_FALSE((*src)->error().has_value());
  ASSERT_EQ(first_last.size(), 3u);
  // Each day opens within a few cents of where the previous one closed (no reset to 562).
  auto it = first_last.begin();
  for (auto next = std::next(it); next != first_last.end(); ++it, ++next)
    EXPECT_NEAR(next->second.first, it->second.second, 0.5);
  EXPECT_GT(n, 1000u);
}

TEST(Session, BarsBecomeVisibleAtTheirCloseAndRangesFilter) {
  model::InstrumentRegistry reg;
  BarFileOptions o;
  o.from = o.to = core::Date{2024, 8, 26};
  o.chains = false;
  auto f = open_bar_file(spy_bars(), "", reg, o);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  EXPECT_EQ(f->symbol, "SPY");
  EXPECT_EQ(f->bars, 390u);
  const auto& cal = core::TradingCalendar::nyse();
  EXPECT_EQ(f->first_visible, cal.to_utc(core::Date{2024, 8, 26}, core::TimeOfDay{9, 31, 0}));
  std::size_t n = 0;
  while (auto e = f->source->next()) {
    const auto& b = std::get<model::Bar>(*e);
    EXPECT_EQ(b.hdr.ts_recv, b.close_time());
    ++n;
  }
  EXPECT_EQ(n, 390u);
  o.from = o.to = core::Date{2024, 8, 24};  // a Saturday
  auto none = open_bar_file(spy_bars(), "", reg, o);
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().message.find("SPY_1m_2024-08.csv"), std::string::npos);
}

TEST(Session, RiskHoldsPersistAcrossSessionsThroughTheStateFile) {
  const fs::path dir = fs::temp_directory_path() / ("zerodte_session_" + std::to_string(getpid()));
  fs::remove_all(dir);
  SessionSpec spec;
  spec.data.sim = short_day();
  spec.data.from = spec.data.to = core::Date{2025, 3, 14};
  spec.trading_state_file = dir / "state.tsv";
  spec.journal_dir = dir / "journal";
  {
    auto s = TradingSession::create(spec);
    ASSERT_TRUE(s.has_value()) << s.error().to_string();
    EXPECT_EQ((*s)->underlyings().size(), 1u);
    (*s)->kernel().timers().schedule_at(
        (*s)->start_time() + std::chrono::minutes(1), "halt", [&](const engine::TimerEvent&) {
          (*s)->risk().set_hold("manual:test", risk::TradingState::kHalted, "test", "persist me");
        });
    ASSERT_TRUE((*s)->run().has_value());
    EXPECT_EQ((*s)->risk().state(), risk::TradingState::kHalted);
    EXPECT_GT((*s)->events(), 500u);
    // Every inbound event, plus the risk engine's events (the hold) through the RiskJournal.
    EXPECT_EQ((*s)->journal()->last_seq(),
              (*s)->events() + (*s)->risk().verdicts().size() + (*s)->risk().events().size());
  }
  auto again = TradingSession::create(spec);
  ASSERT_TRUE(again.has_value());
  (*again)->kernel().start();
  EXPECT_EQ((*again)->risk().state(), risk::TradingState::kHalted)
      << "a HALTED hold must survive a restart";
  (*again)->kernel().stop();
  fs::remove_all(dir);
}

TEST(Session, InputErrorsNameTheInput) {
  SessionSpec spec;
  spec.data.source = SourceKind::kReplay;
  spec.data.paths = {"/nonexistent/x.parquet"};
  auto s = TradingSession::create(spec);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("x.parquet"), std::string::npos);

  SessionSpec sim;
  sim.data.sim = short_day();
  sim.data.symbols = {"TSLA"};
  sim.data.from = core::Date{2025, 3, 14};
  auto t = TradingSession::create(sim);
  ASSERT_FALSE(t.has_value());
  EXPECT_NE(t.error().message.find("TSLA"), std::string::npos);

  sim.data.symbols.clear();
  sim.data.from = sim.data.to = core::Date{2025, 3, 15};  // Saturday: moves to Monday 03-17
  sim.data.to = core::Date{2025, 3, 16};
  auto u = TradingSession::create(sim);
  ASSERT_FALSE(u.has_value());
  EXPECT_NE(u.error().message.find("2025-03"), std::string::npos) << u.error().message;
}

}  // namespace
}  // namespace zerodte::session
