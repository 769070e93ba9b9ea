#pragma once
// A seeded, deterministic simulated trading day (see docs/SIMULATOR.md for the model):
//  * underlyings (default SPY, QQQ, IWM; optional SPX, NVDA) with correlated returns (Cholesky
//    of a correlation matrix), one Heston market variance with leverage, Poisson jumps, and
//    U-shaped intraday activity (quote/trade rates and diffusion scale);
//  * NBBO quotes and trades at configurable rates, one-minute bars, VIX from the variance state;
//  * option chains 0DTE..45DTE quoted from an SSVI surface with the term structure of the
//    variance state, BSM prices and greeks, spreads, sizes, open interest, volume and trades;
//  * optional news posts whose sentiment leads (then moves the price) or lags big moves.
// It is an engine::EventSource that generates one second at a time (memory stays bounded),
// emitting events in receive-time order.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/data/sim/sim_random.hpp"
#include "zerodte/data/sim/vol_surface.hpp"
#include "zerodte/engine/event_source.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::data::sim {

struct UnderlyingSpec {
  std::string symbol;
  double spot = 100;
  double level = 1.0;      // volatility relative to the market variance factor
  double jump_beta = 1.0;  // exposure to market jumps
  double quote_rate = 8;   // NBBO updates per second (average over the day)
  double trade_rate = 4;   // prints per second
  double mean_trade_size = 300;
  double strike_step = 1;
  int strikes_each_side = 15;
  std::string option_root;       // "" = no options; "SPY", "SPXW", ...
  bool daily_expiries = true;    // false: Fridays only (plus 0DTE on Fridays)
  double option_trade_rate = 3;  // option prints per second across the chain
};

std::vector<UnderlyingSpec> default_underlyings(bool with_spx = false, bool with_nvda = false);

struct NewsParams {
  bool enabled = false;
  double leading_per_day = 4;  // posts that come before a move of `lead_impact` log-return
  double lead_impact = 0.004;
  double lead_minutes = 10;
  double lag_threshold = 0.0035;  // |5-minute return| of the first underlying that triggers a post
};

struct SimConfig {
  core::Date date{2025, 3, 14};
  std::uint64_t seed = 1;
  std::vector<UnderlyingSpec> underlyings = default_underlyings();
  // Pairwise correlations of the return shocks (row-major n x n); empty: defaults by symbol.
  std::vector<double> correlation;
  SurfaceParams surface;
  QuoteParams quotes;
  double v0 = -1;           // initial variance; < 0: surface.vbar
  double vol_of_var = 0.9;  // Heston xi
  double leverage = -0.7;   // correlation of variance shocks with the first underlying's returns
  double jumps_per_day = 0.6;
  double jump_mean = -0.003;
  double jump_sd = 0.006;
  int daily_expiry_count = 5;  // consecutive trading-day expiries from the date (0DTE first)
  int max_dte = 45;            // then weekly (Friday) expiries up to this many calendar days
  int option_quote_interval_s = 30;
  bool options = true;
  bool bars = true;
  bool vix = true;
  NewsParams news;
  // Part of the session to generate ("" = the whole regular session), exchange-local.
  std::optional<core::TimeOfDay> start;
  std::optional<core::TimeOfDay> end;
  std::int64_t latency_ns = 250'000;  // ts_recv - ts_event
};

// Validates the config (trading day, PD correlation, parameter ranges).
core::Status validate(const SimConfig& config);

struct SimContract {
  core::InstrumentId id;
  std::size_t underlying = 0;
  core::Date expiry;
  double strike = 0;
  bool call = true;
  core::Timestamp expiry_close;
  std::int64_t open_interest = 0;
  std::int64_t volume = 0;
  core::Price bid, ask, last = core::Price::undefined();
};

class MarketSimulator final : public engine::EventSource {
 public:
  static core::Result<std::unique_ptr<MarketSimulator>> create(SimConfig config,
                                                               model::InstrumentRegistry& registry);
  std::optional<engine::Event> next() override;

  [[nodiscard]] const SimConfig& config() const { return cfg_; }
  [[nodiscard]] core::Timestamp start_time() const { return start_; }
  [[nodiscard]] core::Timestamp end_time() const { return end_; }
  // Every instrument the day may mention (underlyings, VIX, option contracts).
  [[nodiscard]] const std::vector<core::InstrumentId>& instruments() const { return all_ids_; }
  [[nodiscard]] double variance() const { return v_; }
  [[nodiscard]] double spot(std::size_t i) const { return spot_[i]; }
  [[nodiscard]] double vix() const;
  [[nodiscard]] std::size_t contract_count() const { return contracts_.size(); }

 private:
  MarketSimulator(SimConfig config, model::InstrumentRegistry& registry);
  core::Status init();
  void step();  // one second
  void quote_contract(SimContract& c, core::Timestamp t);
  void emit_bar(std::size_t i, core::Timestamp minute_open);
  void post_news(core::Timestamp t, std::size_t underlying, int sentiment, bool leading);
  [[nodiscard]] double activity(core::Timestamp t) const;  // U shape, mean 1
  [[nodiscard]] double years_to(core::Timestamp from, core::Timestamp to) const;
  template <typename E>
  void push(E e, core::Timestamp ts_event);

  SimConfig cfg_;
  model::InstrumentRegistry& registry_;
  Rng rng_;
  core::Timestamp start_, end_, now_;
  std::size_t n_ = 0;
  std::vector<double> chol_;  // lower-triangular n x n
  std::vector<double> spot_, log_spot_;
  std::vector<core::InstrumentId> ids_;
  core::InstrumentId vix_id_;
  double v_ = 0;
  std::vector<SimContract> contracts_;
  std::vector<std::vector<std::size_t>> buckets_;  // contracts by quote phase
  std::vector<std::vector<std::size_t>> by_underlying_;
  std::vector<core::InstrumentId> all_ids_;
  // Bars.
  struct BarState {
    double open = 0, high = 0, low = 0, close = 0;
    std::int64_t volume = 0;
    std::int32_t trades = 0;
  };
  std::vector<BarState> bars_;
  BarState vix_bar_;
  core::Timestamp minute_open_;
  // News: extra drift per second on an underlying until a time.
  struct Drift {
    std::size_t underlying;
    double per_second;
    core::Timestamp until;
  };
  std::vector<Drift> drifts_;
  std::vector<core::Timestamp> leading_news_;
  std::deque<std::pair<core::Timestamp, int>> lagging_news_;  // (post time, sentiment)
  std::deque<double> first_closes_;  // first underlying's minute closes (lag detection)
  core::Timestamp last_lag_news_;
  std::uint64_t news_seq_ = 0;
  std::uint32_t seq_ = 0;
  // Output of the current second, in receive-time order.
  std::vector<std::pair<core::Timestamp, engine::Event>> out_;
  std::size_t out_pos_ = 0;
  bool done_ = false;
};

}  // namespace zerodte::data::sim

namespace zerodte::data {
// The simulator is the default data source of `zerodte run`; short names for callers.
using sim::MarketSimulator;
using sim::SimConfig;
}  // namespace zerodte::data
