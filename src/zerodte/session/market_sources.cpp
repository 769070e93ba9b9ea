#include "zerodte/session/market_sources.hpp"

#include <fmt/core.h>

#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/data/file_sources.hpp"

namespace zerodte::session {

core::Result<std::unique_ptr<MultiDaySimSource>> MultiDaySimSource::create(
    data::SimConfig base, core::Date from, core::Date to, model::InstrumentRegistry& registry) {
  const auto& cal = core::TradingCalendar::nyse();
  if (!from.valid() || !to.valid() || to < from) {
    return core::fail(core::ErrorCode::kInvalid, "simulated market: bad date range {} .. {}",
                      from.to_string(), to.to_string());
  }
  std::vector<core::Date> days;
  for (core::Date d = from; d <= to; d = d.add_days(1)) {
    if (cal.is_trading_day(d)) days.push_back(d);
  }
  if (days.empty()) {
    return core::fail(core::ErrorCode::kInvalid,
                      "simulated market: no NYSE trading day in {} .. {}", from.to_string(),
                      to.to_string());
  }
  base.date = days.front();
  if (auto st = data::sim::validate(base); !st) return std::unexpected(st.error());
  auto src = std::unique_ptr<MultiDaySimSource>(
      new MultiDaySimSource(std::move(base), std::move(days), registry));
  if (!src->open_day()) return std::unexpected(*src->error_);
  return src;
}

core::Timestamp MultiDaySimSource::start_time() const {
  return sim_ ? sim_->start_time() : core::Timestamp{};
}

bool MultiDaySimSource::open_day() {
  data::SimConfig cfg = base_;
  cfg.date = days_[day_];
  cfg.seed = base_.seed + day_;
  if (sim_) {  // carry the closing spots into the next day
    for (std::size_t i = 0; i < cfg.underlyings.size(); ++i)
      cfg.underlyings[i].spot = sim_->spot(i);
    base_.underlyings = cfg.underlyings;
  }
  auto sim = data::MarketSimulator::create(cfg, registry_);
  if (!sim) {
    error_ = sim.error();
    return false;
  }
  sim_ = std::move(*sim);
  return true;
}

std::optional<engine::Event> MultiDaySimSource::next() {
  while (sim_) {
    if (auto e = sim_->next()) return e;
    if (++day_ >= days_.size() || !open_day()) {
      sim_.reset();
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<engine::Event> DelayedSource::next() {
  auto e = inner_->next();
  if (!e || latency_.count() == 0) return e;
  std::visit(
      [this](auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (requires { v.hdr.ts_recv; }) {
          v.hdr.ts_recv = v.hdr.ts_recv + latency_;
        } else if constexpr (requires { v.ts_recv; }) {
          if constexpr (!std::is_pointer_v<T>) v.ts_recv = v.ts_recv + latency_;
        }
      },
      *e);
  return e;
}

namespace {

// Bars made visible at their close, without chains.
class BarVectorSource final : public engine::EventSource {
 public:
  explicit BarVectorSource(std::vector<model::Bar> bars) : bars_(std::move(bars)) {}
  std::optional<engine::Event> next() override {
    if (pos_ >= bars_.size()) return std::nullopt;
    return engine::Event{bars_[pos_++]};
  }

 private:
  std::vector<model::Bar> bars_;
  std::size_t pos_ = 0;
};

}  // namespace

core::Result<BarFileSource> open_bar_file(const std::string& path, std::string symbol,
                                          model::InstrumentRegistry& registry,
                                          const BarFileOptions& options) {
  if (symbol.empty()) symbol = data::symbol_from_filename(path);
  if (symbol.empty()) {
    return core::fail(core::ErrorCode::kInvalid, "{}: cannot tell the symbol from the file name",
                      path);
  }
  auto id = registry.intern_us_symbol(symbol);
  if (!id) return std::unexpected(id.error());
  analytics::BarCsvOptions ro;
  ro.instrument = *id;
  auto series = analytics::read_bar_csv(path, ro);
  if (!series) return std::unexpected(series.error());
  const auto& cal = core::TradingCalendar::nyse();
  std::vector<model::Bar> bars;
  bars.reserve(series->bars.size());
  for (model::Bar b : series->bars) {
    const core::Date d = cal.local_date(b.hdr.ts_event);
    if (options.from && d < *options.from) continue;
    if (options.to && d > *options.to) continue;
    b.hdr.instrument = *id;
    // Honest visibility: a bar is known only once its interval has ended.
    if (b.hdr.ts_recv < b.close_time()) b.hdr.ts_recv = b.close_time();
    bars.push_back(b);
  }
  if (bars.empty()) {
    return core::fail(core::ErrorCode::kInvalid, "{}: no regular-session bars in {} .. {}", path,
                      options.from ? options.from->to_string() : "start",
                      options.to ? options.to->to_string() : "end");
  }
  BarFileSource out;
  out.symbol = symbol;
  out.bars = bars.size();
  out.first_visible = bars.front().hdr.ts_recv;
  out.last_visible = bars.back().hdr.ts_recv;
  out.report = series->report.summary();
  if (options.chains) {
    auto chains =
        data::sim::ChainsFromBarsSource::create(std::move(bars), symbol, registry, options.chain);
    if (!chains) return std::unexpected(chains.error());
    out.source = std::move(*chains);
  } else {
    out.source = std::make_unique<BarVectorSource>(std::move(bars));
  }
  return out;
}

}  // namespace zerodte::session
