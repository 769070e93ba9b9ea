#include "zerodte/data/sim/market_simulator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace zerodte::data::sim {

using core::ErrorCode;
using core::Timestamp;

namespace {

constexpr double kSecondsPerYear = 252.0 * 23400.0;  // trading seconds
constexpr double kDt = 1.0 / kSecondsPerYear;

double default_corr(std::string_view a, std::string_view b) {
  static const std::map<std::pair<std::string_view, std::string_view>, double> kTable{
      {{"SPY", "QQQ"}, 0.92},  {{"SPY", "IWM"}, 0.85},  {{"QQQ", "IWM"}, 0.78},
      {{"SPY", "SPX"}, 0.995}, {{"QQQ", "SPX"}, 0.915}, {{"IWM", "SPX"}, 0.845},
      {{"NVDA", "SPY"}, 0.62}, {{"NVDA", "QQQ"}, 0.72}, {{"NVDA", "IWM"}, 0.45},
      {{"NVDA", "SPX"}, 0.62}};
  if (a == b) return 1.0;
  if (auto it = kTable.find({a, b}); it != kTable.end()) return it->second;
  if (auto it = kTable.find({b, a}); it != kTable.end()) return it->second;
  return 0.5;
}

core::Price px(double x) {
  auto p = core::Price::from_double(x);
  return p ? p->round_to_tick(core::Price::from_cents(1), core::RoundMode::kNearest)
           : core::Price::undefined();
}

// Cholesky factor of an n x n correlation matrix; empty when it is not positive definite.
std::vector<double> cholesky(const std::vector<double>& a, std::size_t n) {
  std::vector<double> l(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k)
        s -= l[i * n + k] * l[j * n + k];
      if (i == j) {
        if (s <= 1e-12) return {};
        l[i * n + i] = std::sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  return l;
}

std::vector<double> correlation_of(const SimConfig& c) {
  const std::size_t n = c.underlyings.size();
  if (!c.correlation.empty()) return c.correlation;
  std::vector<double> m(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      m[i * n + j] = default_corr(c.underlyings[i].symbol, c.underlyings[j].symbol);
    }
  }
  return m;
}

}  // namespace

std::vector<UnderlyingSpec> default_underlyings(bool with_spx, bool with_nvda) {
  std::vector<UnderlyingSpec> u;
  u.push_back({"SPY", 562.0, 1.0, 1.0, 10, 5, 300, 1, 15, "SPY", true, 4});
  u.push_back({"QQQ", 478.0, 1.25, 1.2, 8, 4, 250, 1, 15, "QQQ", true, 3});
  u.push_back({"IWM", 205.0, 1.35, 1.1, 5, 2, 250, 1, 12, "IWM", true, 1.5});
  if (with_spx) u.push_back({"SPX", 5620.0, 1.0, 1.0, 4, 1, 1, 5, 20, "SPXW", true, 4});
  if (with_nvda) u.push_back({"NVDA", 118.0, 3.0, 1.8, 10, 8, 400, 1, 12, "NVDA", false, 4});
  return u;
}

core::Status validate(const SimConfig& c) {
  const auto& cal = core::TradingCalendar::nyse();
  if (!c.date.valid() || !cal.is_trading_day(c.date)) {
    return core::fail(ErrorCode::kInvalid, "simulate: {} is not an NYSE trading day",
                      c.date.to_string());
  }
  const std::size_t n = c.underlyings.size();
  if (n == 0) return core::fail(ErrorCode::kInvalid, "simulate: no underlyings");
  for (const auto& u : c.underlyings) {
    if (!(u.spot > 0) || !(u.level > 0) || u.quote_rate < 0 || u.trade_rate < 0 ||
        !(u.strike_step > 0) || u.strikes_each_side < 0) {
      return core::fail(ErrorCode::kInvalid, "simulate: underlying {} has invalid parameters",
                        u.symbol);
    }
  }
  const auto corr = correlation_of(c);
  if (corr.size() != n * n) {
    return core::fail(ErrorCode::kInvalid, "simulate: correlation must be {}x{}", n, n);
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (std::abs(corr[i * n + j] - corr[j * n + i]) > 1e-12 || std::abs(corr[i * n + j]) > 1 ||
          (i == j && corr[i * n + i] != 1.0)) {
        return core::fail(ErrorCode::kInvalid,
                          "simulate: correlation must be symmetric with unit diagonal");
      }
    }
  }
  if (cholesky(corr, n).empty()) {
    return core::fail(ErrorCode::kInvalid, "simulate: correlation matrix is not positive definite");
  }
  const auto& s = c.surface;
  if (!(s.vbar > 0) || !(s.kappa > 0) || std::abs(s.rho) >= 1 || !(s.eta > 0) ||
      s.eta * (1 + std::abs(s.rho)) > 2.0 + 1e-12) {
    return core::fail(ErrorCode::kInvalid,
                      "simulate: surface needs vbar > 0, kappa > 0, |rho| < 1, eta (1+|rho|) <= 2");
  }
  if (c.vol_of_var < 0 || std::abs(c.leverage) > 1 || c.jumps_per_day < 0 || c.jump_sd < 0 ||
      c.option_quote_interval_s <= 0 || c.max_dte < 0 || c.daily_expiry_count < 0) {
    return core::fail(ErrorCode::kInvalid, "simulate: parameter out of range");
  }
  return core::ok();
}

MarketSimulator::MarketSimulator(SimConfig config, model::InstrumentRegistry& registry)
    : cfg_(std::move(config)), registry_(registry), rng_(cfg_.seed) {}

core::Result<std::unique_ptr<MarketSimulator>> MarketSimulator::create(
    SimConfig config, model::InstrumentRegistry& registry) {
  if (auto s = validate(config); !s) return std::unexpected(s.error());
  std::unique_ptr<MarketSimulator> sim(new MarketSimulator(std::move(config), registry));
  if (auto s = sim->init(); !s) return std::unexpected(s.error());
  return sim;
}

core::Status MarketSimulator::init() {
  const auto& cal = core::TradingCalendar::nyse();
  const auto session = *cal.session(cfg_.date);
  start_ = cfg_.start ? cal.to_utc(cfg_.date, *cfg_.start) : session.open;
  end_ = cfg_.end ? cal.to_utc(cfg_.date, *cfg_.end) : session.close;
  if (end_ <= start_ || start_ < session.open || end_ > session.close) {
    return core::fail(ErrorCode::kInvalid, "simulate: start/end must lie inside {}'s session",
                      cfg_.date.to_string());
  }
  now_ = start_;
  minute_open_ = start_.floor(std::chrono::minutes(1));
  n_ = cfg_.underlyings.size();
  chol_ = cholesky(correlation_of(cfg_), n_);
  v_ = cfg_.v0 >= 0 ? cfg_.v0 : cfg_.surface.vbar;
  for (const auto& u : cfg_.underlyings) {
    auto id = registry_.intern_us_symbol(u.symbol);
    if (!id) return std::unexpected(id.error());
    ids_.push_back(*id);
    all_ids_.push_back(*id);
    spot_.push_back(u.spot);
    log_spot_.push_back(std::log(u.spot));
    bars_.push_back(BarState{u.spot, u.spot, u.spot, u.spot, 0, 0});
  }
  if (cfg_.vix) {
    auto id = registry_.intern_index("VIX");
    if (!id) return std::unexpected(id.error());
    vix_id_ = *id;
    all_ids_.push_back(*id);
    const double x = vix();
    vix_bar_ = BarState{x, x, x, x, 0, 0};
  }
  // Expiries: consecutive trading days, then Fridays (or the week's last trading day).
  by_underlying_.resize(n_);
  if (cfg_.options) {
    std::vector<core::Date> daily;
    std::vector<core::Date> weekly;
    core::Date d = cfg_.date;
    for (int i = 0; i < cfg_.daily_expiry_count; ++i) {
      daily.push_back(d);
      d = cal.next_trading_day(d);
    }
    for (core::Date w = cfg_.date;
         w.days_since_epoch() - cfg_.date.days_since_epoch() <= cfg_.max_dte; w = w.add_days(1)) {
      if (w.weekday() != 5) continue;
      core::Date e = w;
      while (!cal.is_trading_day(e))
        e = e.add_days(-1);
      if (e >= cfg_.date) weekly.push_back(e);
    }
    buckets_.resize(static_cast<std::size_t>(cfg_.option_quote_interval_s));
    for (std::size_t ui = 0; ui < n_; ++ui) {
      const auto& u = cfg_.underlyings[ui];
      if (u.option_root.empty()) continue;
      std::vector<core::Date> expiries = weekly;
      if (u.daily_expiries) expiries.insert(expiries.end(), daily.begin(), daily.end());
      std::sort(expiries.begin(), expiries.end());
      expiries.erase(std::unique(expiries.begin(), expiries.end()), expiries.end());
      const double center = std::round(u.spot / u.strike_step) * u.strike_step;
      for (const auto& ex : expiries) {
        const auto ex_session = cal.session(ex);
        if (!ex_session) continue;
        for (int k = -u.strikes_each_side; k <= u.strikes_each_side; ++k) {
          const double strike = center + k * u.strike_step;
          if (strike <= 0) continue;
          for (bool call : {true, false}) {
            auto sp = core::Price::from_double(strike);
            if (!sp) return std::unexpected(sp.error());
            auto occ = model::OccSymbol::make(
                u.option_root, ex, call ? model::OptionRight::kCall : model::OptionRight::kPut,
                *sp);
            if (!occ) return std::unexpected(occ.error());
            auto id = registry_.intern_option(*occ);
            if (!id) return std::unexpected(id.error());
            SimContract c;
            c.id = *id;
            c.underlying = ui;
            c.expiry = ex;
            c.strike = strike;
            c.call = call;
            c.expiry_close = ex_session->close;
            c.open_interest = open_interest(
                u.spot, ContractTerms{call, strike, years_to(start_, c.expiry_close)}, cfg_.seed);
            const std::size_t idx = contracts_.size();
            contracts_.push_back(c);
            by_underlying_[ui].push_back(idx);
            buckets_[static_cast<std::size_t>(rng_.next_u64() % static_cast<std::uint64_t>(
                                                                    cfg_.option_quote_interval_s))]
                .push_back(idx);
            all_ids_.push_back(*id);
          }
        }
      }
    }
  }
  if (cfg_.news.enabled) {
    const int k = rng_.poisson(cfg_.news.leading_per_day *
                               static_cast<double>((end_ - start_).count()) / (23400.0 * 1e9));
    for (int i = 0; i < k; ++i) {
      leading_news_.push_back(start_ +
                              core::Duration{static_cast<std::int64_t>(
                                  rng_.uniform() * static_cast<double>((end_ - start_).count()))});
    }
    std::sort(leading_news_.begin(), leading_news_.end());
  }
  // Opening chain snapshot.
  for (auto& c : contracts_)
    quote_contract(c, start_);
  std::stable_sort(out_.begin(), out_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return core::ok();
}

double MarketSimulator::years_to(Timestamp from, Timestamp to) const {
  // Calendar time in years, with at least one trading minute left.
  const double secs = static_cast<double>((to - from).count()) / 1e9;
  return std::max(secs / (365.0 * 86400.0), 60.0 / kSecondsPerYear);
}

double MarketSimulator::activity(Timestamp t) const {
  const auto& cal = core::TradingCalendar::nyse();
  const auto s = *cal.session(cfg_.date);
  const double x = std::clamp(
      static_cast<double>((t - s.open).count()) / static_cast<double>((s.close - s.open).count()),
      0.0, 1.0);
  // 0.5 + 3 (x - 1/2)^2 + open and close bursts; mean over the day ~0.786, normalised to 1.
  const double u = 0.5 + 3.0 * (x - 0.5) * (x - 0.5) + 1.2 * std::exp(-x / 0.02) +
                   0.6 * std::exp(-(1.0 - x) / 0.02);
  return u / 0.786;
}

double MarketSimulator::vix() const {
  // 30-calendar-day expected variance of the market factor, with the smile's skew premium.
  const SurfacePoint p = implied_vol(cfg_.surface, 100.0, 100.0, 30.0 / 365.0, v_, 1.0);
  return 100.0 * p.iv * 1.08;
}

template <typename E>
void MarketSimulator::push(E e, Timestamp ts_event) {
  const Timestamp recv = ts_event + core::Duration{cfg_.latency_ns};
  if constexpr (requires { e.hdr; }) {
    e.hdr.ts_event = ts_event;
    e.hdr.ts_recv = recv;
  }
  out_.emplace_back(recv, engine::Event{std::move(e)});
}

void MarketSimulator::quote_contract(SimContract& c, Timestamp t) {
  const auto& u = cfg_.underlyings[c.underlying];
  model::OptionQuote q{};
  q.hdr.instrument = c.id;
  QuoteParams qp = cfg_.quotes;
  qp.spread_multiplier *= 0.8 + 0.2 * activity(t);
  quote_option(cfg_.surface, qp, spot_[c.underlying], v_, u.level,
               ContractTerms{c.call, c.strike, years_to(t, c.expiry_close)}, rng_, q);
  q.last = c.last;
  q.volume = c.volume;
  q.open_interest = c.open_interest;
  c.bid = q.bid;
  c.ask = q.ask;
  push(q, t);
}

void MarketSimulator::post_news(Timestamp t, std::size_t ui, int sentiment, bool leading) {
  auto n = std::make_shared<model::NewsItem>();
  const auto& sym = cfg_.underlyings[ui].symbol;
  static constexpr const char* kUp[] = {"surges on strong demand and upbeat guidance",
                                        "rallies as buyers pile in after bullish data",
                                        "jumps on upgrade; analysts raise targets"};
  static constexpr const char* kDown[] = {"slides as sellers hit weak guidance",
                                          "drops on downgrade and recession fears",
                                          "tumbles after disappointing data"};
  const std::size_t k = rng_.next_u64() % 3;
  n->id = fmt::format("sim-{}-{}", cfg_.seed, ++news_seq_);
  n->source = "sim";
  n->kind = model::NewsKind::kSocialPost;
  n->author = leading ? "sim_insider" : "sim_reporter";
  n->text = fmt::format("${} {}", sym, sentiment > 0 ? kUp[k] : kDown[k]);
  n->symbols = {sym};
  n->likes = static_cast<std::int64_t>(50 + rng_.uniform() * 500);
  n->author_followers = leading ? 12000 : 250000;
  n->ts_event = t;
  n->ts_recv = t + core::Duration{cfg_.latency_ns};
  out_.emplace_back(n->ts_recv, engine::Event{std::shared_ptr<const model::NewsItem>(n)});
}

void MarketSimulator::emit_bar(std::size_t i, Timestamp minute_open) {
  BarState& b = bars_[i];
  model::Bar bar{};
  bar.hdr.instrument = ids_[i];
  bar.interval_s = 60;
  bar.open = px(b.open);
  bar.high = px(b.high);
  bar.low = px(b.low);
  bar.close = px(b.close);
  bar.volume = b.volume;
  bar.trade_count = b.trades;
  bar.hdr.ts_event = minute_open;
  bar.hdr.ts_recv = minute_open + std::chrono::minutes(1);
  out_.emplace_back(bar.hdr.ts_recv, engine::Event{bar});
  b = BarState{b.close, b.close, b.close, b.close, 0, 0};
}

void MarketSimulator::step() {
  out_.clear();
  out_pos_ = 0;
  const Timestamp t = now_;
  const Timestamp t1 = now_ + std::chrono::seconds(1);
  const double act = activity(t);
  const double vol_scale = std::sqrt(act);
  // Shocks.
  std::vector<double> z(n_), w(n_, 0.0);
  for (auto& x : z)
    x = rng_.normal();
  for (std::size_t i = 0; i < n_; ++i) {
    for (std::size_t k = 0; k <= i; ++k)
      w[i] += chol_[i * n_ + k] * z[k];
  }
  const double zv =
      cfg_.leverage * w[0] + std::sqrt(1 - cfg_.leverage * cfg_.leverage) * rng_.normal();
  const double vpos = std::max(v_, 0.0);
  // Jumps (market-wide).
  double jump = 0;
  if (rng_.uniform() < cfg_.jumps_per_day / 23400.0) {
    jump = cfg_.jump_mean + cfg_.jump_sd * rng_.normal();
    v_ += 4.0 * jump * jump;  // jumps lift the variance state
  }
  v_ += cfg_.surface.kappa * (cfg_.surface.vbar - vpos) * kDt +
        cfg_.vol_of_var * std::sqrt(vpos * kDt) * vol_scale * zv;
  v_ = std::max(v_, 1e-5);
  std::vector<double> ret(n_);
  for (std::size_t i = 0; i < n_; ++i) {
    const auto& u = cfg_.underlyings[i];
    const double s2 = vpos * u.level * u.level;
    double r = (cfg_.surface.rate - cfg_.surface.dividend - 0.5 * s2) * kDt +
               std::sqrt(s2 * kDt) * vol_scale * w[i] + u.jump_beta * jump;
    for (const auto& d : drifts_) {
      if (d.underlying == i && t < d.until) r += d.per_second;
    }
    ret[i] = r;
    log_spot_[i] += r;
    spot_[i] = std::exp(log_spot_[i]);
  }
  std::erase_if(drifts_, [&](const Drift& d) { return d.until <= t1; });
  // Underlying quotes and trades.
  for (std::size_t i = 0; i < n_; ++i) {
    const auto& u = cfg_.underlyings[i];
    const double tick = 0.01;
    const double sd = std::sqrt(vpos * kDt) * u.level;
    const int nq = rng_.poisson(u.quote_rate * act);
    for (int k = 0; k < nq; ++k) {
      const Timestamp at = t + core::Duration{static_cast<std::int64_t>(rng_.uniform() * 1e9)};
      const int ticks = rng_.uniform() < 0.8 ? 1 : 2;
      const double bid = std::floor(spot_[i] / tick - 0.5 * ticks + 0.5) * tick;
      model::Quote q{};
      q.hdr.instrument = ids_[i];
      q.bid = px(bid);
      q.ask = px(bid + ticks * tick);
      q.bid_size = std::max<std::int64_t>(1, std::llround(400 * std::exp(0.7 * rng_.normal())));
      q.ask_size = std::max<std::int64_t>(1, std::llround(400 * std::exp(0.7 * rng_.normal())));
      push(q, at);
    }
    const int nt = rng_.poisson(u.trade_rate * act);
    for (int k = 0; k < nt; ++k) {
      const Timestamp at = t + core::Duration{static_cast<std::int64_t>(rng_.uniform() * 1e9)};
      const double p_buy = 0.5 + 0.4 * std::tanh(ret[i] / std::max(sd, 1e-12));
      const bool buy = rng_.uniform() < p_buy;
      const double price = spot_[i] + (buy ? 0.5 : -0.5) * tick;
      model::Trade tr{};
      tr.hdr.instrument = ids_[i];
      tr.price = px(price);
      tr.size = std::max<std::int64_t>(
          1, std::llround(u.mean_trade_size * std::exp(0.8 * rng_.normal() - 0.32)));
      tr.aggressor = buy ? model::Side::kBuy : model::Side::kSell;
      tr.sequence = ++seq_;
      push(tr, at);
      auto& b = bars_[i];
      const double p = tr.price.to_double();
      b.high = std::max(b.high, p);
      b.low = std::min(b.low, p);
      b.close = p;
      b.volume += tr.size;
      ++b.trades;
    }
  }
  // VIX.
  if (cfg_.vix) {
    const double x = vix();
    vix_bar_.high = std::max(vix_bar_.high, x);
    vix_bar_.low = std::min(vix_bar_.low, x);
    vix_bar_.close = x;
    if ((t - start_).count() % (15 * core::kNanosPerSecond) == 0) {
      model::Trade tr{};
      tr.hdr.instrument = vix_id_;
      tr.price = px(x);
      tr.size = 0;
      push(tr, t);
    }
  }
  // Options: scheduled re-quotes and trades.
  if (!contracts_.empty()) {
    const auto bucket = static_cast<std::size_t>(((t - start_).count() / core::kNanosPerSecond) %
                                                 cfg_.option_quote_interval_s);
    for (std::size_t idx : buckets_[bucket]) {
      quote_contract(contracts_[idx],
                     t + core::Duration{static_cast<std::int64_t>(rng_.uniform() * 1e9)});
    }
    for (std::size_t i = 0; i < n_; ++i) {
      const auto& list = by_underlying_[i];
      if (list.empty()) continue;
      const int nt = rng_.poisson(cfg_.underlyings[i].option_trade_rate * act);
      for (int k = 0; k < nt; ++k) {
        // Near-the-money, near-expiry contracts trade most: pick by weight via rejection.
        for (int tries = 0; tries < 20; ++tries) {
          auto& c = contracts_[list[rng_.next_u64() % list.size()]];
          const double T = years_to(t, c.expiry_close);
          const double m = std::log(c.strike / spot_[i]) / (0.01 + 0.15 * std::sqrt(T));
          const double weight = std::exp(-0.5 * m * m) / (1.0 + 20.0 * T);
          if (rng_.uniform() > weight || !c.ask.is_defined() || c.ask.raw() <= 0) continue;
          const bool buy = rng_.uniform() < 0.5;
          model::Trade tr{};
          tr.hdr.instrument = c.id;
          tr.price = buy || !c.bid.is_defined() || c.bid.raw() <= 0 ? c.ask : c.bid;
          tr.size = std::max<std::int64_t>(1, std::llround(4 * std::exp(rng_.normal())));
          tr.aggressor = buy ? model::Side::kBuy : model::Side::kSell;
          tr.sequence = ++seq_;
          c.volume += tr.size;
          c.last = tr.price;
          push(tr, t + core::Duration{static_cast<std::int64_t>(rng_.uniform() * 1e9)});
          break;
        }
      }
    }
  }
  // News: leading posts start a drift; lagging posts follow big 5-minute moves.
  if (cfg_.news.enabled) {
    while (!leading_news_.empty() && leading_news_.front() < t1) {
      const std::size_t ui = rng_.next_u64() % n_;
      const int s = rng_.uniform() < 0.5 ? -1 : 1;
      post_news(leading_news_.front(), ui, s, true);
      const double secs = cfg_.news.lead_minutes * 60.0;
      // Lead: the move starts a little after the post.
      drifts_.push_back(
          {ui, s * cfg_.news.lead_impact / secs,
           leading_news_.front() + core::Duration{static_cast<std::int64_t>(secs * 1e9)}});
      leading_news_.erase(leading_news_.begin());
    }
    while (!lagging_news_.empty() && lagging_news_.front().first < t1) {
      post_news(lagging_news_.front().first, 0, lagging_news_.front().second, false);
      lagging_news_.pop_front();
    }
  }
  // Minute boundary: bars and lag detection.
  if (t1.floor(std::chrono::minutes(1)) != minute_open_) {
    if (cfg_.bars) {
      for (std::size_t i = 0; i < n_; ++i)
        emit_bar(i, minute_open_);
      if (cfg_.vix) {
        model::Bar bar{};
        bar.hdr.instrument = vix_id_;
        bar.interval_s = 60;
        bar.open = px(vix_bar_.open);
        bar.high = px(vix_bar_.high);
        bar.low = px(vix_bar_.low);
        bar.close = px(vix_bar_.close);
        bar.hdr.ts_event = minute_open_;
        bar.hdr.ts_recv = minute_open_ + std::chrono::minutes(1);
        out_.emplace_back(bar.hdr.ts_recv, engine::Event{bar});
        vix_bar_ = BarState{vix_bar_.close, vix_bar_.close, vix_bar_.close, vix_bar_.close, 0, 0};
      }
    }
    first_closes_.push_back(spot_[0]);
    if (first_closes_.size() > 6) first_closes_.pop_front();
    if (cfg_.news.enabled && first_closes_.size() == 6) {
      const double r5 = std::log(first_closes_.back() / first_closes_.front());
      if (std::abs(r5) > cfg_.news.lag_threshold &&
          (t1 - last_lag_news_) > std::chrono::minutes(30)) {
        last_lag_news_ = t1;
        lagging_news_.push_back(
            {t1 + core::Duration{static_cast<std::int64_t>((60 + rng_.uniform() * 120) * 1e9)},
             r5 > 0 ? 1 : -1});
      }
    }
    minute_open_ = t1.floor(std::chrono::minutes(1));
  }
  std::stable_sort(out_.begin(), out_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  now_ = t1;
}

std::optional<engine::Event> MarketSimulator::next() {
  while (out_pos_ >= out_.size()) {
    if (done_ || now_ >= end_) {
      done_ = true;
      return std::nullopt;
    }
    step();
  }
  return std::move(out_[out_pos_++].second);
}

}  // namespace zerodte::data::sim
