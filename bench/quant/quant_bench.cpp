// Option pricing benchmarks, ours next to QuantLib 1.29 on the same inputs:
//   price + Greeks      ours bsm_greeks        vs QuantLib BlackCalculator, AnalyticEuropeanEngine
//   implied vol         ours implied_vol (LBR) vs QuantLib blackFormulaImpliedStdDev
//   American            ours BS1993 / BS2002   vs QuantLib BjerksundStenslandApproximationEngine
//   chain refresh       10,000 contracts: IVs from mids + Greeks + GEX by strike
// Ratios (QuantLib time / ours) are printed after the run.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "zerodte/quant/american.hpp"
#include "zerodte/quant/bench_workload.hpp"
#include "zerodte/quant/black.hpp"
#include "zerodte/quant/implied_vol.hpp"

#if defined(ZERODTE_BENCH_QUANTLIB)
#include <ql/pricingengines/blackcalculator.hpp>
#include <ql/pricingengines/blackformula.hpp>
#if defined(ZERODTE_QL_ENGINES)
#include <ql/exercise.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/pricingengines/vanilla/analyticeuropeanengine.hpp>
#include <ql/pricingengines/vanilla/bjerksundstenslandengine.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/settings.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>
#endif
#endif

namespace {

namespace quant = zerodte::quant;

const std::vector<quant::EuropeanInputs>& inputs() {
  static const auto v = quant::make_bench_inputs(4096);
  return v;
}

const std::vector<double>& prices() {
  static const auto v = [] {
    std::vector<double> p;
    for (const auto& in : inputs())
      p.push_back(quant::bsm_price(in));
    return p;
  }();
  return v;
}

void BM_Ours_PriceGreeks(benchmark::State& st) {
  const auto& v = inputs();
  std::size_t i = 0;
  for (auto _ : st) {
    const auto g = quant::bsm_greeks(v[i++ & 4095]);
    benchmark::DoNotOptimize(g);
  }
}
BENCHMARK(BM_Ours_PriceGreeks);

void BM_Ours_ImpliedVol(benchmark::State& st) {
  const auto& v = inputs();
  const auto& p = prices();
  std::size_t i = 0, failures = 0;
  for (auto _ : st) {
    const std::size_t k = i++ & 4095;
    auto iv = quant::implied_vol(v[k], p[k]);
    if (!iv) ++failures;
    benchmark::DoNotOptimize(iv);
  }
  st.counters["failures"] = static_cast<double>(failures);
}
BENCHMARK(BM_Ours_ImpliedVol);

void BM_Ours_BjerksundStensland2002(benchmark::State& st) {
  const auto& v = inputs();
  std::size_t i = 0;
  for (auto _ : st)
    benchmark::DoNotOptimize(quant::bjerksund_stensland_2002(v[i++ & 4095]));
}
BENCHMARK(BM_Ours_BjerksundStensland2002);

void BM_Ours_BjerksundStensland1993(benchmark::State& st) {
  const auto& v = inputs();
  std::size_t i = 0;
  for (auto _ : st)
    benchmark::DoNotOptimize(quant::bjerksund_stensland_1993(v[i++ & 4095]));
}
BENCHMARK(BM_Ours_BjerksundStensland1993);

void BM_Ours_Chain10kRefresh(benchmark::State& st) {
  auto chain = quant::make_bench_chain(10'000);
  for (auto _ : st)
    benchmark::DoNotOptimize(quant::refresh_chain_gex(chain));
  st.counters["contracts"] = static_cast<double>(chain.size());
}
BENCHMARK(BM_Ours_Chain10kRefresh)->Unit(benchmark::kMillisecond);

void BM_Ours_ChainGreeksOnly10k(benchmark::State& st) {
  auto chain = quant::make_bench_chain(10'000);
  quant::refresh_chain_gex(chain);
  for (auto _ : st) {
    quant::compute_chain_greeks(chain);
    benchmark::DoNotOptimize(chain.gamma.data());
  }
  st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(chain.size()));
}
BENCHMARK(BM_Ours_ChainGreeksOnly10k)->Unit(benchmark::kMicrosecond);

#if defined(ZERODTE_BENCH_QUANTLIB)
namespace ql = QuantLib;

void BM_QuantLib_BlackCalculator(benchmark::State& st) {
  const auto& v = inputs();
  std::size_t i = 0;
  for (auto _ : st) {
    const auto& in = v[i++ & 4095];
    const double df = std::exp(-in.rate * in.years);
    const double fwd = in.spot * std::exp((in.rate - in.dividend) * in.years);
    const ql::BlackCalculator bc(
        in.type == quant::OptionType::kCall ? ql::Option::Call : ql::Option::Put, in.strike, fwd,
        in.vol * std::sqrt(in.years), df);
    double s = bc.value() + bc.delta(in.spot) + bc.gamma(in.spot) + bc.vega(in.years) +
               bc.theta(in.spot, in.years) + bc.rho(in.years);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_QuantLib_BlackCalculator);

void BM_QuantLib_ImpliedStdDev(benchmark::State& st) {
  const auto& v = inputs();
  const auto& p = prices();
  std::size_t i = 0, failures = 0;
  for (auto _ : st) {
    const std::size_t k = i++ & 4095;
    const auto& in = v[k];
    const double df = std::exp(-in.rate * in.years);
    const double fwd = in.spot * std::exp((in.rate - in.dividend) * in.years);
    try {
      benchmark::DoNotOptimize(ql::blackFormulaImpliedStdDev(
          in.type == quant::OptionType::kCall ? ql::Option::Call : ql::Option::Put, in.strike, fwd,
          p[k], df));
    } catch (const std::exception&) {
      ++failures;
    }
  }
  st.counters["failures"] = static_cast<double>(failures);
}
BENCHMARK(BM_QuantLib_ImpliedStdDev);

#if defined(ZERODTE_QL_ENGINES)
struct QlSetup {
  ql::Date today{9, ql::June, 2023};
  ql::DayCounter dc = ql::Actual365Fixed();
  QuantLib::ext::shared_ptr<ql::SimpleQuote> spot, rate, div, vol;
  QuantLib::ext::shared_ptr<ql::BlackScholesMertonProcess> process;
  QlSetup() {
    ql::Settings::instance().evaluationDate() = today;
    spot = QuantLib::ext::make_shared<ql::SimpleQuote>(100.0);
    rate = QuantLib::ext::make_shared<ql::SimpleQuote>(0.05);
    div = QuantLib::ext::make_shared<ql::SimpleQuote>(0.01);
    vol = QuantLib::ext::make_shared<ql::SimpleQuote>(0.2);
    ql::Handle<ql::YieldTermStructure> rts(
        QuantLib::ext::make_shared<ql::FlatForward>(today, ql::Handle<ql::Quote>(rate), dc));
    ql::Handle<ql::YieldTermStructure> qts(
        QuantLib::ext::make_shared<ql::FlatForward>(today, ql::Handle<ql::Quote>(div), dc));
    ql::Handle<ql::BlackVolTermStructure> vts(QuantLib::ext::make_shared<ql::BlackConstantVol>(
        today, ql::NullCalendar(), ql::Handle<ql::Quote>(vol), dc));
    process = QuantLib::ext::make_shared<ql::BlackScholesMertonProcess>(ql::Handle<ql::Quote>(spot),
                                                                        qts, rts, vts);
  }
};

// The engine path: one instrument per option (30 days, whole-day maturity), vol quote changed per
// iteration so every NPV recalculates; price + delta, gamma, vega, theta, rho.
void BM_QuantLib_AnalyticEuropeanEngine(benchmark::State& st) {
  static QlSetup s;
  const auto& v = inputs();
  std::vector<ql::VanillaOption> options;
  for (std::size_t k = 0; k < 64; ++k) {
    options.emplace_back(
        QuantLib::ext::make_shared<ql::PlainVanillaPayoff>(
            v[k].type == quant::OptionType::kCall ? ql::Option::Call : ql::Option::Put,
            v[k].strike),
        QuantLib::ext::make_shared<ql::EuropeanExercise>(s.today + 30));
    options.back().setPricingEngine(
        QuantLib::ext::make_shared<ql::AnalyticEuropeanEngine>(s.process));
  }
  std::size_t i = 0;
  for (auto _ : st) {
    const std::size_t k = i++ & 63;
    s.vol->setValue(v[k].vol);
    auto& o = options[k];
    double x = o.NPV() + o.delta() + o.gamma() + o.vega() + o.theta() + o.rho();
    benchmark::DoNotOptimize(x);
  }
}
BENCHMARK(BM_QuantLib_AnalyticEuropeanEngine);

void BM_QuantLib_BjerksundStenslandEngine(benchmark::State& st) {
  static QlSetup s;
  const auto& v = inputs();
  std::vector<ql::VanillaOption> options;
  for (std::size_t k = 0; k < 64; ++k) {
    options.emplace_back(
        QuantLib::ext::make_shared<ql::PlainVanillaPayoff>(
            v[k].type == quant::OptionType::kCall ? ql::Option::Call : ql::Option::Put,
            v[k].strike),
        QuantLib::ext::make_shared<ql::AmericanExercise>(s.today, s.today + 30));
    options.back().setPricingEngine(
        QuantLib::ext::make_shared<ql::BjerksundStenslandApproximationEngine>(s.process));
  }
  std::size_t i = 0;
  for (auto _ : st) {
    const std::size_t k = i++ & 63;
    s.vol->setValue(v[k].vol);
    benchmark::DoNotOptimize(options[k].NPV());
  }
}
BENCHMARK(BM_QuantLib_BjerksundStenslandEngine);

// Ours on the same 30-day inputs as the engines above, for a like-for-like ratio.
void BM_Ours_BjerksundStensland1993_30d(benchmark::State& st) {
  const auto& v = inputs();
  std::size_t i = 0;
  for (auto _ : st) {
    auto in = v[i++ & 63];
    in.years = 30.0 / 365.0;
    benchmark::DoNotOptimize(quant::bjerksund_stensland_1993(in));
  }
}
BENCHMARK(BM_Ours_BjerksundStensland1993_30d);
#endif
#endif

// Collects per-benchmark CPU times (the machine is shared: wall time would count other
// processes) to print the ratios at the end.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs)
      times_[r.benchmark_name()] = r.GetAdjustedCPUTime();
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    auto ratio = [&](const char* peer, const char* ours) {
      if (!times_.count(peer) || !times_.count(ours)) return;
      std::printf("ratio %-40s / %-34s = %6.1fx\n", peer, ours, times_[peer] / times_[ours]);
    };
    ratio("BM_QuantLib_BlackCalculator", "BM_Ours_PriceGreeks");
    ratio("BM_QuantLib_AnalyticEuropeanEngine", "BM_Ours_PriceGreeks");
    ratio("BM_QuantLib_ImpliedStdDev", "BM_Ours_ImpliedVol");
    ratio("BM_QuantLib_BjerksundStenslandEngine", "BM_Ours_BjerksundStensland1993_30d");
  }

 private:
  std::map<std::string, double> times_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
