// simulate -> DBN (zstd) -> decode -> the same events (as far as DBN carries them).
#include <gtest/gtest.h>

#include "zerodte/adapters/databento/dbn_encoder.hpp"
#include "zerodte/adapters/databento/dbn_events.hpp"
#include "zerodte/data/event_format.hpp"
#include "zerodte/data/sim/market_simulator.hpp"

namespace zerodte::adapters::databento {
namespace {

data::sim::SimConfig config() {
  data::sim::SimConfig c;
  c.seed = 42;
  c.start = core::TimeOfDay{15, 58, 0};
  c.end = core::TimeOfDay{16, 0, 0};
  c.option_quote_interval_s = 15;
  c.underlyings = data::sim::default_underlyings(true, true);
  for (auto& u : c.underlyings)
    u.strikes_each_side = 4;
  c.news.enabled = true;
  c.news.leading_per_day = 2000;
  return c;
}

TEST(SimDbnRoundTrip, DecodedEventsEqualTheSimulatedOnes) {
  // What the simulator emits, normalised to what DBN can carry.
  model::InstrumentRegistry reg_a;
  auto a = data::sim::MarketSimulator::create(config(), reg_a);
  ASSERT_TRUE(a.has_value()) << a.error().to_string();
  std::vector<std::string> want;
  std::size_t news = 0;
  while (auto e = (*a)->next()) {
    if (std::holds_alternative<std::shared_ptr<const model::NewsItem>>(*e)) {
      ++news;
      continue;
    }
    want.push_back(data::format_event(normalize_for_dbn(*e, 0), &reg_a));
  }
  // The same day written as DBN and read back with a fresh registry.
  model::InstrumentRegistry reg_b;
  auto b = data::sim::MarketSimulator::create(config(), reg_b);
  ASSERT_TRUE(b.has_value());
  std::string bytes;
  const auto ids = (*b)->instruments();
  auto stats =
      write_events_as_dbn(**b, reg_b, ids, "ZDTE.SIM", core::Date{2025, 3, 14}, (*b)->start_time(),
                          (*b)->end_time(), std::make_unique<data::StringWriter>(bytes, 3));
  ASSERT_TRUE(stats.has_value()) << stats.error().to_string();
  EXPECT_EQ(stats->skipped, news);
  EXPECT_GT(news, 0u);
  EXPECT_EQ(stats->definitions, ids.size());
  auto dec = DbnDecoder::from_memory(std::as_bytes(std::span(bytes)), "sim.dbn.zst");
  ASSERT_TRUE(dec.has_value()) << dec.error().to_string();
  EXPECT_EQ((*dec)->metadata()->dataset, "ZDTE.SIM");
  EXPECT_EQ((*dec)->metadata()->mappings.size(), ids.size());
  model::InstrumentRegistry reg_c;
  DbnEventSource src(std::move(*dec), &reg_c);
  std::vector<std::string> got;
  while (auto e = src.next())
    got.push_back(data::format_event(*e, &reg_c));
  ASSERT_FALSE(src.error().has_value()) << src.error()->to_string();
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    ASSERT_EQ(got[i], want[i]) << "event " << i;
  EXPECT_GT(got.size(), 2000u);
  // The option contracts came back as options with their OCC terms.
  const auto id = reg_c.find("SPXW  250314C05620000");
  ASSERT_TRUE(id.has_value());
  EXPECT_TRUE(reg_c.get(*id).is_option());
}

}  // namespace
}  // namespace zerodte::adapters::databento
