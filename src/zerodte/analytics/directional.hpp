#pragma once
// Wilder's range indicators: ATR and ADX with +DI/-DI.
//
// True range (TR) = max(H-L, |H-prevC|, |L-prevC|). +DM = H-prevH when that exceeds prevL-L and
// is positive, else 0; -DM = prevL-L when that exceeds H-prevH and is positive, else 0.
//
// ATR(n): the first ATR is the mean of the first n TRs, then ATR = (ATR*(n-1) + TR)/n.
//   TA-Lib (default) has no TR for the first bar (lookback n); Tulip/Achelis counts H-L of the
//   first bar as its TR (first output after n bars).
//
// ADX(n) (seed 004 section 2.3): TR, +DM, -DM are smoothed with Wilder sums,
//   S = S - S/n + x, +DI = 100*S(+DM)/S(TR), -DI = 100*S(-DM)/S(TR),
//   DX = 100*|+DI - -DI|/(+DI + -DI), the first ADX = mean of the first n DX, then
//   ADX = (ADX*(n-1) + DX)/n. The seed of the Wilder sums differs between references:
//     kWilderSum (seed 004, default): S = the plain sum of the first n values (DI after n+1 bars);
//     kTaLib:  S = sum of the first n-1 values, then one smoothing step with the n-th value
//              (TA-Lib PLUS_DI/MINUS_DI/DX/ADX; DI after n+1 bars, ADX after 2n bars);
//     kTulip:  S = sum of the first n-1 values, output already at that bar (Tulip/Achelis book).
#include <cstdint>

namespace zerodte::analytics {

struct TrueRange {
  bool has_prev = false;
  double prev_high = 0;
  double prev_low = 0;
  double prev_close = 0;
};

class Atr {
 public:
  explicit Atr(int period, bool first_bar_range = false);
  bool update(double high, double low, double close);
  [[nodiscard]] bool ready() const { return count_ >= period_; }
  [[nodiscard]] double value() const { return atr_; }
  void reset();

 private:
  int period_;
  bool first_bar_range_;
  TrueRange prev_;
  int count_ = 0;  // TR values seen
  double atr_ = 0;
};

enum class WilderSeed : std::uint8_t { kWilderSum, kTaLib, kTulip };

class WilderSum {
 public:
  WilderSum(int period, WilderSeed seed) : period_(period), seed_(seed) {}
  bool update(double x);
  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] double value() const { return sum_; }
  void reset();

 private:
  int period_;
  WilderSeed seed_;
  int count_ = 0;
  double sum_ = 0;
  bool ready_ = false;
};

class Adx {
 public:
  explicit Adx(int period = 14, WilderSeed seed = WilderSeed::kWilderSum);
  bool update(double high, double low, double close);
  [[nodiscard]] bool di_ready() const { return tr_.ready(); }
  [[nodiscard]] bool ready() const { return adx_count_ >= period_; }
  [[nodiscard]] double plus_di() const { return plus_di_; }
  [[nodiscard]] double minus_di() const { return minus_di_; }
  [[nodiscard]] double dx() const { return dx_; }
  [[nodiscard]] double adx() const { return adx_; }
  void reset();

 private:
  int period_;
  TrueRange prev_;
  WilderSum tr_;
  WilderSum plus_dm_;
  WilderSum minus_dm_;
  double plus_di_ = 0;
  double minus_di_ = 0;
  double dx_ = 0;
  double adx_ = 0;
  int adx_count_ = 0;
};

}  // namespace zerodte::analytics
