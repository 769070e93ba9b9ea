#include "zerodte/backtest/backtest_driver.hpp"

#include <fmt/core.h>

#include <chrono>

namespace zerodte::backtest {

namespace {

// Progress on a terminal: events, simulated date, events/s. Wall time is read only for this
// display (steady clock), never by trading logic.
class Progress {
 public:
  Progress(session::TradingSession& s) : s_(s), t0_(std::chrono::steady_clock::now()) {}
  void tick(core::Timestamp now, bool final = false) {
    const auto wall = std::chrono::steady_clock::now();
    if (!final && wall - last_ < std::chrono::milliseconds(200)) return;
    last_ = wall;
    const double secs = std::chrono::duration<double>(wall - t0_).count();
    const auto events = s_.events();
    std::string bar;
    if (s_.end_hint() != core::Timestamp::max() && s_.end_hint() > s_.start_time()) {
      const double f =
          std::clamp(static_cast<double>((now - s_.start_time()).count()) /
                         static_cast<double>((s_.end_hint() - s_.start_time()).count()),
                     0.0, 1.0);
      const int fill = static_cast<int>(f * 30);
      bar = fmt::format("[{}{}] {:3.0f}% ", std::string(fill, '#'), std::string(30 - fill, '.'),
                        100 * f);
    }
    const auto& cal = s_.calendar();
    fmt::print(stderr, "\r{}{} {} ET  events {}  {:.2f}M ev/s   ", bar,
               cal.local_date(now).to_string(), cal.local_time(now).to_string().substr(0, 5),
               events, secs > 0 ? static_cast<double>(events) / secs / 1e6 : 0.0);
    if (final) fmt::print(stderr, "\n");
  }

 private:
  session::TradingSession& s_;
  std::chrono::steady_clock::time_point t0_, last_;
};

}  // namespace

core::Result<BacktestResult> run_backtest(BacktestOptions options) {
  options.spec.data.speed = 0;
  auto built = session::TradingSession::create(std::move(options.spec), std::move(options.hooks));
  if (!built) return std::unexpected(built.error());
  BacktestResult out;
  out.session = std::move(*built);
  session::TradingSession& s = *out.session;
  if (options.attach) {
    if (auto st = options.attach(s, options.recorder); !st) return std::unexpected(st.error());
  }
  out.recorder = std::make_shared<ResultsRecorder>(s, options.recorder);
  s.add_component(out.recorder);

  std::unique_ptr<Progress> progress;
  if (options.progress) {
    progress = std::make_unique<Progress>(s);
    s.kernel().timers().schedule_every(
        s.clock().now(), std::chrono::minutes(1), "backtest.progress",
        [&progress](const engine::TimerEvent& e) { progress->tick(e.scheduled); });
  }
  const auto t0 = std::chrono::steady_clock::now();
  const core::Status st = s.run(options.end);
  out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.events = s.events();
  if (progress) progress->tick(s.clock().now(), true);
  if (!st) return std::unexpected(st.error());
  out.recorder->finish();
  out.metrics = compute_metrics(*out.recorder, s.calendar());
  if (!options.report_dir.empty()) {
    auto info = options.report.info;
    info.emplace("data", s.source_description());
    ReportInfo report = options.report;
    report.info = std::move(info);
    if (report.title.empty()) report.title = "zerodte backtest";
    if (auto w =
            write_results(options.report_dir, *out.recorder, out.metrics, s.calendar(), report);
        !w) {
      return std::unexpected(w.error());
    }
  }
  return out;
}

}  // namespace zerodte::backtest
