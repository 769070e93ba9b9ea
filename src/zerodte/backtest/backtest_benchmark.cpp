#include "zerodte/backtest/backtest_benchmark.hpp"

#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "zerodte/backtest/backtest_driver.hpp"
#include "zerodte/data/replay_feed.hpp"
#include "zerodte/execution/sim/sim_venue.hpp"
#include "zerodte/strategy/registry.hpp"

namespace zerodte::backtest {

namespace {

double thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Timer {
  double cpu0 = thread_cpu();
  std::chrono::steady_clock::time_point wall0 = std::chrono::steady_clock::now();
  void stop(LoopBench& b) const {
    b.cpu_seconds = thread_cpu() - cpu0;
    b.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  }
};

class NoopStrategy final : public engine::Component {
 public:
  [[nodiscard]] std::string_view name() const override { return "noop"; }
  void start(engine::Kernel& k) override {
    k.bus().subscribe_all<model::Quote>([this](const model::Quote& q) { sum_ += q.bid_size; });
  }
  std::int64_t sum_ = 0;
};

// Quotes generated on the fly (a seeded random walk), so memory stays flat.
class QuoteStream final : public engine::EventSource {
 public:
  QuoteStream(core::InstrumentId id, core::Timestamp t0, std::size_t n) : id_(id), t_(t0), n_(n) {}
  std::optional<engine::Event> next() override {
    if (i_++ >= n_) return std::nullopt;
    t_ = t_ + std::chrono::microseconds(20);
    px_ += (rng_() & 1) ? 1 : -1;
    model::Quote q{};
    q.hdr = {id_, t_, t_};
    q.bid = core::Price::from_cents(px_);
    q.ask = core::Price::from_cents(px_ + 1);
    q.bid_size = 100;
    q.ask_size = 100;
    return engine::Event{q};
  }

 private:
  core::InstrumentId id_;
  core::Timestamp t_;
  std::size_t n_, i_ = 0;
  std::int64_t px_ = 56'000;
  std::minstd_rand rng_{42};
};

core::Status attach_strategy(session::TradingSession& s, const std::string& type,
                             const std::string& symbol, std::string& used) {
  const auto* info = strategy::global_registry().find(type);
  if (info == nullptr) return core::ok();  // none registered: the loop without a strategy
  // Point the strategy at the replayed US underlying when it has such parameters.
  core::config::ConfigTable overrides;
  if (auto spec = strategy::global_registry().parameters(type); spec) {
    for (const auto& k : spec->keys) {
      if (k.name == "symbol") overrides.set("symbol", core::config::Value{symbol});
      if (k.name == "symbols")
        overrides.set("symbols", core::config::Value{std::vector<std::string>{symbol}});
      if (k.name == "market") overrides.set("market", core::config::Value{std::string("nyse")});
      if (k.name == "vix_symbol") overrides.set("vix_symbol", core::config::Value{std::string()});
    }
  }
  auto made = strategy::global_registry().create(type, overrides);
  if (!made) made = strategy::global_registry().create(type);
  if (!made) return std::unexpected(made.error());
  std::vector<strategy::StrategyInstance> v;
  v.push_back({type, type, core::StrategyId{1}, true, std::move(*made)});
  used = type;
  return s.add_strategies(std::move(v));
}

core::Result<LoopBench> run_session_bench(std::string name, session::SessionSpec spec,
                                          const std::string& type, const std::string& symbol) {
  LoopBench b;
  b.name = std::move(name);
  BacktestOptions o;
  o.spec = std::move(spec);
  std::string* used = &b.strategy;
  o.attach = [type, symbol, used](session::TradingSession& s, RecorderConfig&) {
    return attach_strategy(s, type, symbol, *used);
  };
  Timer t;
  auto r = run_backtest(std::move(o));
  t.stop(b);
  if (!r) return std::unexpected(r.error());
  b.events = r->events;
  return b;
}

}  // namespace

LoopBench bench_noop_loop(std::size_t events) {
  model::InstrumentRegistry reg;
  const auto id = *reg.intern_us_symbol("SPY");
  const auto& cal = core::TradingCalendar::nyse();
  const core::Timestamp t0 = cal.to_utc(core::Date{2025, 3, 14}, core::TimeOfDay{9, 30, 0});
  core::SimClock clock(t0);
  engine::Kernel kernel(clock);
  execution::sim::SimVenueConfig vc;
  kernel.add_component(std::make_shared<execution::sim::SimVenue>(reg, cal, vc));
  auto noop = std::make_shared<NoopStrategy>();
  kernel.add_component(noop);
  std::vector<std::unique_ptr<engine::EventSource>> sources;
  sources.push_back(std::make_unique<QuoteStream>(id, t0, events));
  data::ReplayOptions ro;
  ro.key = data::MergeKey::kVisibleTime;
  data::ReplayFeed feed(std::move(sources), ro);
  LoopBench b;
  b.name = "noop";
  Timer t;
  kernel.start();
  kernel.run_simulation(feed, clock);
  kernel.stop();
  t.stop(b);
  b.events = kernel.stats().events_dispatched;
  return b;
}

core::Result<LoopBench> bench_realistic_loop(const std::string& bar_csv,
                                             const std::string& strategy_type) {
  session::SessionSpec spec;
  spec.data.source = session::SourceKind::kReplay;
  spec.data.paths = {bar_csv};
  return run_session_bench("realistic", std::move(spec), strategy_type, "SPY");
}

core::Result<LoopBench> bench_year_backtest(int days, const std::string& strategy_type) {
  // 252 trading days of GBM minute bars (20% vol) written to a temporary CSV, then replayed.
  const auto& cal = core::TradingCalendar::nyse();
  const auto path = std::filesystem::temp_directory_path() /
                    ("SPY_year_bench_" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream out(path);
    out << "timestamp,open,high,low,close,volume\n";
    std::mt19937_64 rng(7);
    std::normal_distribution<double> z(0, 0.2 / std::sqrt(252.0 * 390.0));
    double px = 500;
    core::Date d{2024, 1, 2};
    for (int n = 0; n < days; d = d.add_days(1)) {
      auto s = cal.session(d);
      if (!s) continue;
      ++n;
      for (auto t = s->open; t < s->close; t = t + std::chrono::minutes(1)) {
        const double o = px;
        px *= std::exp(z(rng));
        const auto tod = cal.local_time(t);
        out << d.to_string() << ' ' << tod.to_string() << ',' << o << ','
            << std::max(o, px) * 1.0002 << ',' << std::min(o, px) * 0.9998 << ',' << px
            << ",1000\n";
      }
    }
  }
  session::SessionSpec spec;
  spec.data.source = session::SourceKind::kReplay;
  spec.data.paths = {path.string()};
  spec.data.chains.dte = {0, 1, 2, 7};
  auto r = run_session_bench("year", std::move(spec), strategy_type, "SPY");
  std::error_code ec;
  std::filesystem::remove(path, ec);
  return r;
}

}  // namespace zerodte::backtest
