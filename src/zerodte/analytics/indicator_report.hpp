#pragma once
// What `zerodte analytics indicators|sawtooth` do, as library functions so tests can run them:
// read a bar CSV, report what was not used (gaps, extended hours, rejected rows), optionally
// resample, run the streaming indicators / saw-tooth detector and write CSV.
#include <cstdio>
#include <string>

#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/analytics/directional.hpp"

namespace zerodte::analytics {

struct IndicatorRunOptions {
  std::string input;
  std::string output;     // empty = stdout
  std::string timeframe;  // empty = the input's own
  BarCsvOptions csv;
  WilderSeed adx_seed = WilderSeed::kWilderSum;  // --adx-seed wilder | talib | tulip
  int sawtooth_window = 5;
  int sawtooth_max_bars = 30;
};

// The exact column order of `zerodte analytics indicators`.
inline constexpr const char* kIndicatorColumns =
    "ts,open,high,low,close,volume,sma_20,ema_9,ema_20,rsi_14,macd,macd_signal,macd_hist,"
    "bb_upper,bb_middle,bb_lower,atr_14,adx_14,plus_di_14,minus_di_14,vwap";

// Loads, reports to `log` and resamples. Errors name the file/option.
core::Result<BarSeries> load_bars_for_cli(const IndicatorRunOptions& opt, std::FILE* log);

// Exit codes: 0 ok, 2 bad input (file, options), 1 output failure.
int run_indicators(const IndicatorRunOptions& opt, std::FILE* log);
int run_sawtooth(const IndicatorRunOptions& opt, std::FILE* log);

}  // namespace zerodte::analytics
