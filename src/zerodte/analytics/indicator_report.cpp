#include "zerodte/analytics/indicator_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "zerodte/analytics/bar_aggregator.hpp"
#include "zerodte/analytics/indicator_set.hpp"
#include "zerodte/analytics/sawtooth.hpp"
#include "zerodte/core/time_zone.hpp"

namespace zerodte::analytics {

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr && f != stdout) std::fclose(f);
  }
};
using OutFile = std::unique_ptr<std::FILE, FileCloser>;

core::Result<OutFile> open_output(const std::string& path) {
  if (path.empty() || path == "-") return OutFile(stdout);
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return core::fail(core::ErrorCode::kIo, "--output: cannot write '{}'", path);
  return OutFile(f);
}

// ISO-8601 in the exchange's time zone with its offset, e.g. 2024-08-23T09:30:00-04:00.
std::string local_iso(core::Timestamp t, std::string_view tz) {
  const auto l = core::utc_to_local(tz, t);
  const auto off = core::utc_offset(tz, t);
  if (!l || !off) return core::to_iso8601(t);
  const std::int64_t m = off->count() / core::kNanosPerMinute;
  const std::int64_t am = m < 0 ? -m : m;
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", l->date.to_string(), l->time.hour,
                     l->time.minute, l->time.second, m < 0 ? '-' : '+', am / 60, am % 60);
}

void cell(std::string& line, double v) {
  line += ',';
  if (!std::isnan(v)) fmt::format_to(std::back_inserter(line), "{}", v);
}

}  // namespace

core::Result<BarSeries> load_bars_for_cli(const IndicatorRunOptions& opt, std::FILE* log) {
  auto series = read_bar_csv(opt.input, opt.csv);
  if (!series) return series;
  const BarCsvReport& r = series->report;
  fmt::print(log, "{}\n", r.summary());
  for (const auto& rej : r.rejected)
    fmt::print(log, "  rejected line {}: {}\n", rej.line, rej.reason);
  const auto tz = core::TradingCalendar::for_market(opt.csv.market).time_zone();
  for (const auto& g : r.gaps)
    fmt::print(log, "  gap {} .. {} ({} min)\n", local_iso(g.start, tz), local_iso(g.end, tz),
               g.duration().count() / core::kNanosPerMinute);
  if (r.extended_hours > 0)
    fmt::print(log, "  {} extended-hours bars {}\n", r.extended_hours,
               opt.csv.keep_extended_hours ? "kept (--keep-extended)" : "excluded");
  if (opt.timeframe.empty()) return series;
  const auto tf = parse_timeframe(opt.timeframe);
  if (!tf) return std::unexpected(tf.error().with_context("--timeframe"));
  if (r.daily && !tf->is_daily())
    return core::fail(core::ErrorCode::kInvalid, "--timeframe {}: '{}' holds daily bars",
                      opt.timeframe, opt.input);
  if (!tf->is_daily() && (tf->seconds < r.interval_s || tf->seconds % r.interval_s != 0))
    return core::fail(core::ErrorCode::kInvalid,
                      "--timeframe {}: must be a multiple of the input's {} s bars", opt.timeframe,
                      r.interval_s);
  if (tf->is_daily() && r.daily) return series;
  std::vector<model::Bar> out;
  BarAggregator agg(core::TradingCalendar::for_market(opt.csv.market), *tf,
                    [&](const model::Bar& b, bool) { out.push_back(b); });
  for (const auto& b : series->bars)
    agg.on_bar(b);
  agg.flush();
  fmt::print(log, "resampled {} bars of {} s into {} bars of {}\n", series->bars.size(),
             r.interval_s, out.size(), to_string(*tf));
  series->bars = std::move(out);
  return series;
}

int run_indicators(const IndicatorRunOptions& opt, std::FILE* log) {
  auto series = load_bars_for_cli(opt, log);
  if (!series) {
    fmt::print(log, "zerodte analytics indicators: {}\n", series.error().message);
    return 2;
  }
  auto out = open_output(opt.output);
  if (!out) {
    fmt::print(log, "zerodte analytics indicators: {}\n", out.error().message);
    return 2;
  }
  const auto& cal = core::TradingCalendar::for_market(opt.csv.market);
  const auto tz = cal.time_zone();
  IndicatorSetConfig cfg;
  cfg.periods_per_year = series->report.daily ? 252.0 : 252.0 * 23400.0 / series->report.interval_s;
  cfg.adx_seed = opt.adx_seed;
  IndicatorSet set(cfg);
  std::string line;
  fmt::print(out->get(), "{}\n", kIndicatorColumns);
  for (const auto& b : series->bars) {
    BarInput in;
    in.ts = b.hdr.ts_event;
    in.session_key = cal.local_date(b.hdr.ts_event).days_since_epoch();
    in.open = b.open.to_double(), in.high = b.high.to_double(), in.low = b.low.to_double();
    in.close = b.close.to_double(), in.volume = static_cast<double>(b.volume);
    const IndicatorValues& v = set.update(in);
    line = fmt::format("{},{},{},{},{},{}", local_iso(b.hdr.ts_event, tz), b.open, b.high, b.low,
                       b.close, b.volume);
    for (const double x :
         {v.sma_20, v.ema_9, v.ema_20, v.rsi_14, v.macd, v.macd_signal, v.macd_hist, v.bb_upper,
          v.bb_middle, v.bb_lower, v.atr_14, v.adx_14, v.plus_di_14, v.minus_di_14, v.vwap})
      cell(line, x);
    line += '\n';
    if (std::fputs(line.c_str(), out->get()) < 0) {
      fmt::print(log, "zerodte analytics indicators: write to '{}' failed\n", opt.output);
      return 1;
    }
  }
  return std::fflush(out->get()) == 0 ? 0 : 1;
}

int run_sawtooth(const IndicatorRunOptions& opt, std::FILE* log) {
  auto series = load_bars_for_cli(opt, log);
  if (!series) {
    fmt::print(log, "zerodte analytics sawtooth: {}\n", series.error().message);
    return 2;
  }
  if (opt.sawtooth_window < 1) {
    fmt::print(log, "zerodte analytics sawtooth: --window must be >= 1\n");
    return 2;
  }
  auto out = open_output(opt.output);
  if (!out) {
    fmt::print(log, "zerodte analytics sawtooth: {}\n", out.error().message);
    return 2;
  }
  const auto tz = core::TradingCalendar::for_market(opt.csv.market).time_zone();
  SawtoothDetector det(opt.sawtooth_window, opt.sawtooth_max_bars);
  fmt::print(out->get(), "kind,bar_ts,close,confirmed_at,bars_to_confirm,pattern\n");
  for (const auto& b : series->bars) {
    // A close is known at the bar's close time: that is when the detector may use it.
    const auto res = det.update(b.close_time(), b.close.to_double());
    if (!res.point) continue;
    const auto& p = *res.point;
    const core::Timestamp bar_open =
        p.ts - core::Duration{std::int64_t{b.interval_s} * core::kNanosPerSecond};
    fmt::print(out->get(), "{},{},{},{},{},{}\n", p.kind == TurnKind::kPeak ? "peak" : "trough",
               local_iso(bar_open, tz), p.value, local_iso(p.confirmed_at, tz),
               p.confirm_index - p.index, res.pattern ? "peak-trough-peak" : "");
  }
  return std::fflush(out->get()) == 0 ? 0 : 1;
}

}  // namespace zerodte::analytics
