// The bar CSV reader on every real file in ../shared/data/bars (two intraday layouts, newest-first,
// end-stamped, extended hours, missing minutes, duplicated daily rows) and on synthetic edge cases.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/core/time_zone.hpp"

namespace zerodte::analytics {
namespace {

std::string bars_dir() {
  return std::string(ZERODTE_SHARED_DATA) + "/bars/";
}

std::int64_t missing_minutes(const BarCsvReport& r) {
  std::int64_t n = 0;
  for (const auto& g : r.gaps)
    n += g.duration().count() / core::kNanosPerMinute;
  return n;
}

BarSeries load(const std::string& rel, const BarCsvOptions& o = {}) {
  auto s = read_bar_csv(bars_dir() + rel, o);
  if (!s) throw std::runtime_error(s.error().to_string());
  return *s;
}

std::string ny(core::Timestamp t) {
  auto l = core::utc_to_local("America/New_York", t);
  return l->date.to_string() + " " + l->time.to_string();
}

TEST(BarCsvRealFiles, EveryFileLoadsSortedAndValid) {
  for (const char* sub : {"intraday-1m", "daily"}) {
    for (const auto& e : std::filesystem::directory_iterator(bars_dir() + sub)) {
      auto s = read_bar_csv(e.path().string());
      ASSERT_TRUE(s.has_value()) << s.error().to_string();
      EXPECT_GT(s->bars.size(), 0u) << e.path();
      for (std::size_t i = 1; i < s->bars.size(); ++i)
        ASSERT_LT(s->bars[i - 1].hdr.ts_event, s->bars[i].hdr.ts_event) << e.path();
      EXPECT_EQ(s->report.rows, s->bars.size() + s->report.duplicates + s->report.rejected.size() +
                                    s->report.extended_hours + s->report.closed_days)
          << "every row is either used or reported: " << s->report.summary();
    }
  }
}

TEST(BarCsvRealFiles, AlphaVantageNewestFirstEndStamped) {
  const auto s = load("intraday-1m/eqker_SPY_1min_2019-02.csv");
  EXPECT_TRUE(s.report.newest_first);
  EXPECT_TRUE(s.report.end_stamped);
  EXPECT_EQ(s.bars.size(), 1950u);  // 5 full sessions
  EXPECT_EQ(ny(s.bars.front().hdr.ts_event), "2019-02-11 09:30");
  EXPECT_EQ(ny(s.bars.back().hdr.ts_event), "2019-02-15 15:59");
  EXPECT_EQ(s.bars.front().close.to_string(), "271.34");
  EXPECT_TRUE(s.report.gaps.empty());
  EXPECT_EQ(missing_minutes(load("intraday-1m/eqker_QQQ_1min_2019-02.csv").report), 2);
  const auto vix = load("intraday-1m/eqker_VIX_1min_2019-02.csv");
  EXPECT_EQ(missing_minutes(vix.report), 1950 - 1923);
}

TEST(BarCsvRealFiles, PandasLayoutWithExtendedHoursAndAMissingMinute) {
  const auto s = load("intraday-1m/gcfc-money-tree_SPY_1m_2024-08.csv");
  EXPECT_FALSE(s.report.newest_first);
  EXPECT_FALSE(s.report.end_stamped);
  ASSERT_EQ(s.report.ignored_columns.size(), 1u);  // the pandas index
  EXPECT_EQ(s.bars.size(), 6u * 390 - 1);
  EXPECT_EQ(s.report.extended_hours, 5617u - (6 * 390 - 1));
  ASSERT_EQ(s.report.gaps.size(), 1u);
  EXPECT_EQ(ny(s.report.gaps[0].start).substr(0, 10), "2024-08-27");
  EXPECT_EQ(s.report.gaps[0].duration(), std::chrono::minutes(1));
  // Kept on request, extended-hours bars come back (still reported).
  BarCsvOptions keep;
  keep.keep_extended_hours = true;
  const auto all = load("intraday-1m/gcfc-money-tree_SPY_1m_2024-08.csv", keep);
  EXPECT_EQ(all.bars.size(), 5617u);
  EXPECT_EQ(all.report.extended_hours, s.report.extended_hours);
}

TEST(BarCsvRealFiles, DailyQuirks) {
  EXPECT_EQ(load("daily/gcfc-money-tree_SPY_1d.csv").report.duplicates, 3u);
  EXPECT_EQ(load("daily/gcfc-money-tree_QQQ_1d.csv").report.duplicates, 4u);
  const auto vix = load("daily/VIX_History.csv");
  EXPECT_TRUE(vix.report.daily);
  EXPECT_FALSE(vix.report.has_volume);
  EXPECT_EQ(vix.report.rejected.size(), 47u);  // pre-1993 rows with open/close outside [L, H]
  EXPECT_NE(vix.report.rejected[0].reason.find("outside"), std::string::npos);
  EXPECT_EQ(vix.report.closed_days, 33u);  // VIX printed on NYSE holidays (2022+)
  const auto spx = load("daily/SPX_History.csv");
  EXPECT_TRUE(spx.report.gaps.empty());  // agrees with the NYSE calendar 2000-2026
  const auto tiingo = load("daily/stockdatasave_IWM_1d_2024-2026.csv");
  EXPECT_EQ(tiingo.bars.front().hdr.ts_event,
            *core::local_to_utc("America/New_York", core::Date{2024, 4, 1}, {}));
}

TEST(BarCsvSynthetic, AnyColumnOrderCaseAndTimeFormats) {
  const std::string text =
      "Volume,CLOSE,low,High,open,TimeStamp\n"
      "100,10.5,10,11,10.2,2025-03-14T09:30:00-04:00\n"
      "200,10.6,10.1,10.9,10.5,2025-03-14 09:31:00\n"
      "300,10.7,10.2,10.8,10.6,1741959120\n"            // epoch s = 13:32Z = 09:32 EDT
      "400,10.8,10.3,10.9,10.7,1741959180000\n"         // epoch ms
      "500,10.9,10.4,11.0,10.8,1741959240000000000\n";  // epoch ns
  auto s = parse_bar_csv(text, "mem.csv");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  ASSERT_EQ(s->bars.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(ny(s->bars[i].hdr.ts_event), fmt::format("2025-03-14 09:{}", 30 + i));
    EXPECT_EQ(s->bars[i].volume, static_cast<std::int64_t>(100 * (i + 1)));
  }
  // The file ends mid-session: the rest of the session is reported missing.
  ASSERT_EQ(s->report.gaps.size(), 1u);
  EXPECT_EQ(ny(s->report.gaps[0].start), "2025-03-14 09:35");
  EXPECT_EQ(ny(s->report.gaps[0].end), "2025-03-14 16:00");
  // --tz: the naive time is read in Kolkata.
  BarCsvOptions o;
  o.tz = "Asia/Kolkata";
  o.market = core::Market::kNse;
  auto n = parse_bar_csv("date,open,high,low,close\n2025-03-13 09:15:00,1,2,1,2\n", "nse.csv", o);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(core::to_iso8601(n->bars[0].hdr.ts_event), "2025-03-13T03:45:00.000000000Z");
}

TEST(BarCsvSynthetic, ErrorsNameFileLineAndColumn) {
  auto e1 = parse_bar_csv("when,open,high,low,close\n", "x.csv");
  ASSERT_FALSE(e1.has_value());
  EXPECT_NE(e1.error().message.find("x.csv:1"), std::string::npos) << e1.error().message;
  auto e2 = parse_bar_csv("ts,open,high,low\n", "y.csv");
  ASSERT_FALSE(e2.has_value());
  EXPECT_NE(e2.error().message.find("'close'"), std::string::npos) << e2.error().message;
  auto e3 = parse_bar_csv("ts,open,high,low,close\n2025-03-14T09:30:00Z,1,2,abc,1\n", "z.csv");
  ASSERT_FALSE(e3.has_value());
  EXPECT_NE(e3.error().message.find("z.csv:2"), std::string::npos) << e3.error().message;
  EXPECT_NE(e3.error().message.find("low"), std::string::npos) << e3.error().message;
  for (const char* t : {"0019-02-15T09:30:00-05:00", "0019-02-15 09:30", "99999999999999999999",
                        "-9000000000", "02/15/0019"}) {
    auto e = parse_bar_csv(fmt::format("ts,open,high,low,close\n{},1,2,1,1\n", t), "r.csv");
    ASSERT_FALSE(e.has_value()) << t;
    EXPECT_NE(e.error().message.find("r.csv:2"), std::string::npos) << e.error().message;
  }
  auto e4 = parse_bar_csv("ts,open,high,low,close\n2025-13-14T09:30:00Z,1,2,1,1\n", "w.csv");
  ASSERT_FALSE(e4.has_value());
  EXPECT_NE(e4.error().message.find("w.csv:2"), std::string::npos) << e4.error().message;
}

TEST(BarCsvSynthetic, InvalidBarsAreRejectedWithReasons) {
  const std::string text =
      "ts,open,high,low,close,volume\n"
      "2025-03-14 09:30,10,11,9,10,5\n"
      "2025-03-14 09:31,10,9,11,10,5\n"   // high < low
      "2025-03-14 09:32,0,11,0,10,5\n"    // non-positive
      "2025-03-14 09:33,10,11,9,10,-5\n"  // negative volume
      "2025-03-14 09:34,10,11,9,12,5\n";  // close above high
  auto s = parse_bar_csv(text, "bad.csv");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->bars.size(), 1u);
  ASSERT_EQ(s->report.rejected.size(), 4u);
  EXPECT_EQ(s->report.rejected[0].line, 3u);
  EXPECT_EQ(s->report.rejected[0].reason, "high < low");
  EXPECT_EQ(s->report.rejected[1].reason, "zero or negative price");
  EXPECT_EQ(s->report.rejected[2].reason, "negative volume");
  EXPECT_EQ(s->report.rejected[3].reason, "close outside [low, high]");
  // The rejected minutes are gaps now.
  EXPECT_EQ(missing_minutes(s->report), 4 + (390 - 5));
}

TEST(BarCsvSynthetic, MutatedInputNeverCrashes) {
  // Random byte edits of a real file: every result is either a clean error or validated bars.
  std::ifstream in(bars_dir() + "intraday-1m/eqker_SPY_1min_2019-02.csv");
  std::string base, line;
  for (int i = 0; i < 40 && std::getline(in, line); ++i)
    base += line + "\n";
  const std::string alphabet = "0123456789-:+.,TZ /\n\r\"eE";
  std::mt19937_64 rng(99);
  int parsed = 0, failed = 0;
  for (int trial = 0; trial < 1000; ++trial) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text[pos] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          text.erase(pos, 1 + rng() % 8);
          break;
        default:
          text = text.substr(0, pos) + alphabet[rng() % alphabet.size()] + text.substr(pos);
          break;
      }
      if (text.empty()) text.push_back('x');
    }
    const auto r = parse_bar_csv(text, "mutated.csv");
    if (!r) {
      ++failed;
      EXPECT_NE(r.error().message.find("mutated.csv"), std::string::npos) << r.error().message;
      continue;
    }
    ++parsed;
    for (const auto& b : r->bars) {
      EXPECT_LE(b.low, b.high);
      EXPECT_GE(b.volume, 0);
    }
  }
  EXPECT_GT(parsed, 0);
  EXPECT_GT(failed, 0);
}

}  // namespace
}  // namespace zerodte::analytics
