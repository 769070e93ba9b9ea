#include "zerodte/data/sim/chains_from_bars.hpp"

#include <cmath>

#include "zerodte/core/calendar.hpp"

namespace zerodte::data::sim {

ChainsFromBarsSource::ChainsFromBarsSource(std::vector<model::Bar> bars, std::string underlying,
                                           model::InstrumentRegistry& registry,
                                           ChainsFromBarsConfig config)
    : bars_(std::move(bars)),
      underlying_(std::move(underlying)),
      registry_(registry),
      cfg_(std::move(config)),
      rng_(cfg_.seed),
      var_(cfg_.surface.vbar) {
  if (cfg_.root.empty()) cfg_.root = underlying_;
}

core::Result<std::unique_ptr<ChainsFromBarsSource>> ChainsFromBarsSource::create(
    std::vector<model::Bar> bars, std::string_view underlying, model::InstrumentRegistry& registry,
    ChainsFromBarsConfig config) {
  if (bars.empty()) return core::fail(core::ErrorCode::kInvalid, "chains from bars: no bars");
  if (config.every_n_bars <= 0 || config.strike_step <= 0 || config.strikes_each_side < 0 ||
      config.ewma_halflife_bars <= 0) {
    return core::fail(core::ErrorCode::kInvalid, "chains from bars: parameter out of range");
  }
  return std::unique_ptr<ChainsFromBarsSource>(new ChainsFromBarsSource(
      std::move(bars), std::string(underlying), registry, std::move(config)));
}

core::Status ChainsFromBarsSource::build_chain(const model::Bar& bar) {
  const auto& cal = core::TradingCalendar::nyse();
  const double spot = bar.close.to_double();
  const core::Timestamp at = bar.close_time();
  const core::Date today = cal.local_date(bar.hdr.ts_event);
  const double center = std::round(spot / cfg_.strike_step) * cfg_.strike_step;
  const double vol = std::max(std::sqrt(var_), cfg_.min_vol);
  std::vector<core::Date> done;
  for (int dte : cfg_.dte) {
    core::Date ex = today.add_days(dte);
    while (!cal.is_trading_day(ex))
      ex = ex.add_days(1);
    if (std::find(done.begin(), done.end(), ex) != done.end()) continue;
    done.push_back(ex);
    const auto session = cal.session(ex);
    if (!session || session->close <= at) continue;  // expired already
    const double years =
        std::max(static_cast<double>((session->close - at).count()) / 1e9 / (365.0 * 86400.0),
                 60.0 / (252.0 * 23400.0));
    for (int k = -cfg_.strikes_each_side; k <= cfg_.strikes_each_side; ++k) {
      const double strike = center + k * cfg_.strike_step;
      if (strike <= 0) continue;
      for (bool call : {true, false}) {
        auto sp = core::Price::from_double(strike);
        if (!sp) return std::unexpected(sp.error());
        auto occ = model::OccSymbol::make(
            cfg_.root, ex, call ? model::OptionRight::kCall : model::OptionRight::kPut, *sp);
        if (!occ) return std::unexpected(occ.error());
        auto id = registry_.intern_option(*occ);
        if (!id) return std::unexpected(id.error());
        model::OptionQuote q{};
        q.hdr = model::EventHeader{*id, at, at};
        // The surface's own variance state is set so that its short-dated ATM vol is `vol`.
        SurfaceParams sp_params = cfg_.surface;
        sp_params.vbar = vol * vol;
        const ContractTerms terms{call, strike, years};
        quote_option(sp_params, cfg_.quotes, spot, vol * vol, 1.0, terms, rng_, q);
        q.last = core::Price::undefined();
        q.open_interest = open_interest(spot, terms, cfg_.seed);
        pending_.emplace_back(q);
      }
    }
  }
  return core::ok();
}

std::optional<engine::Event> ChainsFromBarsSource::next() {
  while (pending_pos_ >= pending_.size()) {
    if (error_ || pos_ >= bars_.size()) return std::nullopt;
    pending_.clear();
    pending_pos_ = 0;
    const model::Bar& bar = bars_[pos_];
    // Causal calibration: update with this bar's return before quoting at its close.
    const double close = bar.close.to_double();
    if (last_close_ > 0 && close > 0) {
      const double r = std::log(close / last_close_);
      const double per_year = 252.0 * 23400.0 / std::max(1, bar.interval_s);
      const double bars_per_year = bar.interval_s >= 86400 ? 252.0 : per_year;
      const double alpha = 1.0 - std::exp(std::log(0.5) / cfg_.ewma_halflife_bars);
      var_ = (1 - alpha) * var_ + alpha * r * r * bars_per_year;
    }
    last_close_ = close;
    pending_.emplace_back(bar);
    if (pos_ % static_cast<std::size_t>(cfg_.every_n_bars) == 0) {
      if (auto s = build_chain(bar); !s) {
        error_ = s.error();
        return std::nullopt;
      }
    }
    ++pos_;
  }
  return std::move(pending_[pending_pos_++]);
}

}  // namespace zerodte::data::sim
