#include "zerodte/data/sim/market_simulator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "zerodte/data/event_format.hpp"

namespace zerodte::data::sim {
namespace {

SimConfig short_config(std::uint64_t seed) {
  SimConfig c;
  c.seed = seed;
  c.start = core::TimeOfDay{9, 30, 0};
  c.end = core::TimeOfDay{9, 32, 0};
  c.option_quote_interval_s = 20;
  for (auto& u : c.underlyings)
    u.strikes_each_side = 6;
  c.news.enabled = true;
  c.news.leading_per_day = 400;
  return c;
}

std::vector<std::string> run(const SimConfig& c, model::InstrumentRegistry& reg) {
  auto sim = MarketSimulator::create(c, reg);
  EXPECT_TRUE(sim.has_value()) << sim.error().to_string();
  std::vector<std::string> out;
  core::Timestamp last;
  while (auto e = (*sim)->next()) {
    EXPECT_GE(engine::visible_time(*e), last);
    last = engine::visible_time(*e);
    out.push_back(format_event(*e, &reg));
  }
  return out;
}

TEST(MarketSimulator, SeededAndDeterministic) {
  model::InstrumentRegistry r1, r2, r3;
  const auto a = run(short_config(7), r1);
  const auto b = run(short_config(7), r2);
  const auto c = run(short_config(8), r3);
  EXPECT_GT(a.size(), 1000u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(MarketSimulator, RejectsBadConfig) {
  model::InstrumentRegistry reg;
  SimConfig c;
  c.date = core::Date{2025, 3, 15};  // Saturday
  EXPECT_FALSE(MarketSimulator::create(c, reg).has_value());
  c = SimConfig{};
  c.correlation = {1, 0.99, 0.1, 0.99, 1, 0.99, 0.1, 0.99, 1};  // not positive definite
  auto r = MarketSimulator::create(c, reg);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("positive definite"), std::string::npos);
  c = SimConfig{};
  c.surface.eta = 1.5;  // eta (1 + |rho|) > 2: butterfly arbitrage
  EXPECT_FALSE(MarketSimulator::create(c, reg).has_value());
}

TEST(MarketSimulator, OptionChainsAreConsistent) {
  model::InstrumentRegistry reg;
  SimConfig c = short_config(3);
  c.news.enabled = false;
  auto sim = MarketSimulator::create(c, reg);
  ASSERT_TRUE(sim.has_value());
  std::map<core::InstrumentId, model::OptionQuote> last;
  std::set<core::Date> expiries;
  while (auto e = (*sim)->next()) {
    if (const auto* q = std::get_if<model::OptionQuote>(&*e)) {
      ASSERT_TRUE(q->bid.is_defined() && q->ask.is_defined());
      EXPECT_LT(q->bid, q->ask);
      EXPECT_GE(q->bid.raw(), 0);
      EXPECT_TRUE(q->has_greeks);
      EXPECT_GT(q->open_interest, 0);
      last[q->hdr.instrument] = *q;
      expiries.insert(reg.get(q->hdr.instrument).option->expiry);
    }
  }
  EXPECT_EQ(*expiries.begin(), (core::Date{2025, 3, 14}));  // 0DTE
  EXPECT_GE(expiries.rbegin()->days_since_epoch() - c.date.days_since_epoch(), 40);
  EXPECT_GE(expiries.size(), 8u);
  // Skew and monotonicity on SPY's longest expiry.
  const core::Date far = *expiries.rbegin();
  std::map<double, const model::OptionQuote*> calls, puts;
  for (const auto& [id, q] : last) {
    const auto& o = *reg.get(id).option;
    if (o.underlying.view() != "SPY" || o.expiry != far) continue;
    (o.right == model::OptionRight::kCall ? calls : puts)[o.strike.to_double()] = &q;
  }
  ASSERT_GE(calls.size(), 10u);
  double prev_call = 1e9;
  for (const auto& [k, q] : calls) {
    const double mid = 0.5 * (q->bid.to_double() + q->ask.to_double());
    EXPECT_LE(mid, prev_call + 0.011) << k;  // call prices fall with strike
    prev_call = mid;
  }
  EXPECT_GT(puts.begin()->second->greeks.iv, puts.rbegin()->second->greeks.iv);  // put skew
  EXPECT_LT(puts.begin()->second->greeks.delta, 0.0);
}

TEST(MarketSimulator, StylisedFactsOverAFullDay) {
  model::InstrumentRegistry reg;
  SimConfig c;
  c.seed = 11;
  c.options = false;
  for (auto& u : c.underlyings) {
    u.quote_rate = 1;
    u.trade_rate = 2;
  }
  auto sim = MarketSimulator::create(c, reg);
  ASSERT_TRUE(sim.has_value());
  const auto spy = *reg.find("SPY");
  const auto qqq = *reg.find("QQQ");
  const auto vix = *reg.find("VIX");
  std::vector<double> spy_close, qqq_close, vix_close;
  std::vector<double> spy_volume;
  while (auto e = (*sim)->next()) {
    if (const auto* b = std::get_if<model::Bar>(&*e)) {
      if (b->hdr.instrument == spy) {
        spy_close.push_back(b->close.to_double());
        spy_volume.push_back(static_cast<double>(b->volume));
      }
      if (b->hdr.instrument == qqq) qqq_close.push_back(b->close.to_double());
      if (b->hdr.instrument == vix) vix_close.push_back(b->close.to_double());
    }
  }
  ASSERT_EQ(spy_close.size(), 390u);
  ASSERT_EQ(qqq_close.size(), 390u);
  std::vector<double> rs, rq;
  for (std::size_t i = 1; i < spy_close.size(); ++i) {
    rs.push_back(std::log(spy_close[i] / spy_close[i - 1]));
    rq.push_back(std::log(qqq_close[i] / qqq_close[i - 1]));
  }
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v)
      s += x;
    return s / static_cast<double>(v.size());
  };
  const double ms = mean(rs), mq = mean(rq);
  double cov = 0, vs = 0, vq = 0;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    cov += (rs[i] - ms) * (rq[i] - mq);
    vs += (rs[i] - ms) * (rs[i] - ms);
    vq += (rq[i] - mq) * (rq[i] - mq);
  }
  const double corr = cov / std::sqrt(vs * vq);
  EXPECT_GT(corr, 0.8);
  EXPECT_LT(corr, 0.98);
  const double ann_vol = std::sqrt(vs / static_cast<double>(rs.size()) * 390 * 252);
  EXPECT_GT(ann_vol, 0.05);
  EXPECT_LT(ann_vol, 0.45);
  EXPECT_GT(std::sqrt(vq / vs), 1.0);  // QQQ more volatile than SPY
  // U-shaped volume: first and last half hours busier than the middle of the day.
  auto window = [&](std::size_t from, std::size_t n) {
    double s = 0;
    for (std::size_t i = from; i < from + n; ++i)
      s += spy_volume[i];
    return s / static_cast<double>(n);
  };
  EXPECT_GT(window(0, 30), 1.5 * window(180, 30));
  EXPECT_GT(window(360, 30), 1.3 * window(180, 30));
  for (double x : vix_close) {
    EXPECT_GT(x, 8.0);
    EXPECT_LT(x, 60.0);
  }
  // VIX is the 30-day expectation of the variance state (x 1.08).
  EXPECT_NEAR((*sim)->vix(),
              100 * 1.08 * implied_vol(c.surface, 1, 1, 30.0 / 365, (*sim)->variance(), 1).iv,
              1e-9);
}

TEST(MarketSimulator, LeadingNewsPrecedesMovesInItsDirection) {
  model::InstrumentRegistry reg;
  SimConfig c;
  c.seed = 5;
  c.options = false;
  c.bars = false;
  c.vix = false;
  c.news.enabled = true;
  c.news.leading_per_day = 40;
  c.news.lead_impact = 0.01;  // large against 10 minutes of noise
  for (auto& u : c.underlyings) {
    u.quote_rate = 1;
    u.trade_rate = 0.5;
  }
  auto sim = MarketSimulator::create(c, reg);
  ASSERT_TRUE(sim.has_value());
  struct Post {
    core::Timestamp t;
    std::string sym;
    int sign;
  };
  std::vector<Post> posts;
  std::map<std::string, std::vector<std::pair<core::Timestamp, double>>> mids;
  while (auto e = (*sim)->next()) {
    if (const auto* n = std::get_if<std::shared_ptr<const model::NewsItem>>(&*e)) {
      if ((*n)->author == "sim_insider") {
        posts.push_back({(*n)->ts_event, (*n)->symbols[0],
                         (*n)->text.find("surges") != std::string::npos ||
                                 (*n)->text.find("rallies") != std::string::npos ||
                                 (*n)->text.find("jumps") != std::string::npos
                             ? 1
                             : -1});
      }
    } else if (const auto* q = std::get_if<model::Quote>(&*e)) {
      mids[std::string(reg.get(q->hdr.instrument).symbol_view())].push_back(
          {q->hdr.ts_event, q->mid()});
    }
  }
  ASSERT_GE(posts.size(), 20u);
  auto mid_at = [&](const std::string& s, core::Timestamp t) {
    const auto& v = mids[s];
    auto it = std::lower_bound(v.begin(), v.end(), t,
                               [](const auto& p, core::Timestamp x) { return p.first < x; });
    return it == v.end() ? v.back().second : it->second;
  };
  int agree = 0;
  for (const auto& p : posts) {
    const double move = mid_at(p.sym, p.t + std::chrono::minutes(10)) - mid_at(p.sym, p.t);
    if (move * p.sign > 0) ++agree;
  }
  EXPECT_GT(static_cast<double>(agree) / static_cast<double>(posts.size()), 0.7);
}

}  // namespace
}  // namespace zerodte::data::sim
