// `zerodte run`: a paper session built by session::TradingSession (kernel, simulated market data,
// paper venue, order manager, portfolio, risk engine with persistent trading state, analytics,
// journal), run until the simulated session ends, the --until time, or SIGINT/SIGTERM. The
// simulated day is paced against the wall clock ([data] speed: 1 = real time), so a person
// watches a session unfold; `zerodte backtest` runs the same session with speed 0.
#include "run_session.hpp"

#include "run_dashboard.hpp"
#include "run_file_opener.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <thread>

#include <spdlog/spdlog.h>
#include "zerodte/core/calendar.hpp"
#include "zerodte/core/clock.hpp"
#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/foundation_schema.hpp"
#include "zerodte/core/config/schema_registry.hpp"

#include "zerodte/core/log/log.hpp"
#include "zerodte/overseer/action_port.hpp"
#include "zerodte/overseer/explanation.hpp"
#include "zerodte/overseer/explanation_recorder.hpp"
#include "zerodte/overseer/overseer.hpp"
#include "zerodte/session/trading_session.hpp"
#include "zerodte/store/journal.hpp"

namespace zerodte::app {
namespace {

namespace cfgns = core::config;

void register_run_keys(cfgns::ConfigSchema& schema) {
  auto& d = schema.table("data");
  d.add_string("sim_date", "",
               "Simulated trading day (YYYY-MM-DD); empty = the latest trading day.");
  d.add_int("sim_seed", 1, "Seed of the simulated market (same seed, same day).").range(0, 1e15);
  d.add_double("speed", 1.0,
               "Pace of simulated or replayed time: 0 = as fast as possible, "
               "1 = real time, N = N x real time.")
      .range(0, 10000);
  auto& b = schema.table("broker");
  b.add_price("starting_cash", "100000", "Cash of the simulated (paper) account.");
}

const cfgns::SchemaRegistrar kRunSchema{"run", 90, &register_run_keys};
const cfgns::SchemaRegistrar kSessionSchema{"session", 91, &session::register_session_keys};

// SIGINT/SIGTERM are blocked in every thread (block_stop_signals() runs before any thread is
// created, and threads inherit the mask) and taken by a waiter thread that asks the kernel to
// stop (request_stop is not async-signal-safe, so no handler calls it).
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);  // used to wake the waiter at shutdown
  return set;
}

void block_stop_signals() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

class SignalStopper {
 public:
  explicit SignalStopper(engine::Kernel& kernel) : kernel_(kernel), set_(stop_signals()) {
    waiter_ = std::thread([this] {
      int sig = 0;
      sigwait(&set_, &sig);
      if (sig != SIGUSR1) {
        signalled_ = sig;
        kernel_.request_stop();
      }
    });
  }
  ~SignalStopper() {
    pthread_kill(waiter_.native_handle(), SIGUSR1);
    waiter_.join();
  }
  [[nodiscard]] int signalled() const { return signalled_; }

 private:
  engine::Kernel& kernel_;
  sigset_t set_{};
  std::thread waiter_;
  std::atomic<int> signalled_{0};
};

core::Date latest_trading_day(const core::TradingCalendar& cal) {
  const core::Date today = cal.local_date(core::wall_clock_now());
  return cal.is_trading_day(today) ? today : cal.previous_trading_day(today);
}

}  // namespace

int run_session(const RunOptions& options) {
  block_stop_signals();
  const cfgns::ConfigSchema schema = cfgns::build_schema();
  auto loaded = cfgns::load_config_file(options.config_path, schema);
  if (!loaded) {
    fmt::print(stderr, "{}", cfgns::format_issues(loaded.error()));
    return 2;
  }
  const cfgns::Config& cfg = *loaded;
  if (auto st = core::log::init(cfgns::log_options(cfg)); !st) {
    fmt::print(stderr, "zerodte run: logging: {}\n", st.error().to_string());
    return 2;
  }
  const auto mode = cfg.get<std::string>("system.trading_mode");
  const auto broker = cfg.get<std::string>("broker.name");
  if (mode == "live" || broker != "sim") {
    if (mode == "live" && !options.confirm_live) {
      fmt::print(stderr,
                 "zerodte run: {}: trading_mode = \"live\" sends real orders; run again with "
                 "--confirm-live to trade account '{}' at broker '{}'\n",
                 options.config_path, cfg.get<std::string>("broker.account_id"), broker);
      return 2;
    }
    fmt::print(stderr,
               "zerodte run: {}: broker '{}' is not wired into `zerodte run` in this build (only "
               "the simulated paper venue is); see docs/status/\n",
               options.config_path, broker);
    return 2;
  }
  const auto source = cfg.get<std::string>("data.source");
  if (source == "live") {
    fmt::print(stderr,
               "zerodte run: {}: data.source = \"live\" (vendor feeds) is not wired into "
               "`zerodte run` yet; use \"sim\" or \"replay\"\n",
               options.config_path);
    return 2;
  }
  const bool replay = source == "replay";

  const core::TradingCalendar& cal = core::TradingCalendar::nyse();
  core::Date day = latest_trading_day(cal);
  const bool date_given =
      options.sim_date.has_value() || !cfg.get<std::string>("data.sim_date").empty();
  const std::string date_text = options.sim_date.value_or(cfg.get<std::string>("data.sim_date"));
  if (!date_text.empty()) {
    auto d = core::Date::parse(date_text);
    if (!d) {
      fmt::print(stderr, "zerodte run: sim date: {}\n", d.error().message);
      return 2;
    }
    day = *d;
  }
  if (!cal.is_trading_day(day)) {
    fmt::print(stderr, "zerodte run: {} is not an NYSE trading day\n", day.to_string());
    return 2;
  }
  const double speed = options.speed.value_or(cfg.get<double>("data.speed"));

  auto spec = session::spec_from_config(cfg, /*persistent_state=*/true);
  if (!spec) {
    fmt::print(stderr, "zerodte run: {}\n", spec.error().message);
    return 2;
  }
  if (!replay || date_given) {  // replay: every day in the files unless --date picks one
    spec->data.from = day;
    spec->data.to = day;
  }
  spec->data.speed = speed;
  core::LiveClock wall;
  session::SessionHooks hooks;
  hooks.pacing_clock = &wall;
  hooks.open_file = &open_run_data_file;
  auto built = session::TradingSession::create(std::move(*spec), std::move(hooks));
  if (!built) {
    fmt::print(stderr, "zerodte run: {}\n", built.error().to_string());
    return 1;
  }
  session::TradingSession& ts = **built;
  if (auto st = ts.add_strategies_from_config(cfg); !st) {
    fmt::print(stderr, "zerodte run: {}: {}\n", options.config_path, st.error().message);
    return 2;
  }
  if (replay && !date_given) day = cal.local_date(ts.start_time());
  const auto sess = cal.session(day);
  core::Timestamp end =
      replay && !date_given ? core::Timestamp::max() : sess->close + std::chrono::minutes(1);
  if (options.until) {
    auto t = core::TimeOfDay::parse(*options.until);
    if (!t) {
      fmt::print(stderr, "zerodte run: --until: {}\n", t.error().message);
      return 2;
    }
    end = cal.to_utc(day, *t);
  }

  // The overseer watches every event (freshness, Greeks sanity, execution quality, feed health)
  // and halts/tapers through the risk engine; its explanations are journaled.
  overseer::ExplanationStore explanations(ts.journal());
  overseer::RiskActionPort overseer_actions(ts.risk(), ts.clock());
  ts.add_component(std::make_shared<overseer::Overseer>(
      overseer::OverseerConfig{}, &overseer_actions, &explanations,
      [](overseer::Level level, std::string_view text, core::Timestamp) {
        if (level >= overseer::Level::kWarn) {
          spdlog::warn("overseer {}: {}", overseer::to_string(level), text);
        }
      }));
  ts.add_component(std::make_shared<overseer::ExplanationRecorder>(explanations));

  std::unique_ptr<RunDashboard> dashboard;
  if (options.dashboard) {
    DashboardOptions dopt;
    dopt.port = options.dashboard_port;
    dopt.mode = cfg.get<std::string>("system.trading_mode");
    if (ts.spec().journal_dir) dopt.credentials_dir = ts.spec().journal_dir->parent_path();
    auto d = attach_dashboard(cfg, ts, wall, dopt);
    if (!d) {
      fmt::print(stderr, "zerodte run: dashboard: {}\n", d.error().to_string());
      return 2;
    }
    dashboard = std::move(*d);
    if (dashboard) {
      fmt::print(
          stderr, "zerodte run: dashboard http://{}:{}/{}{}\n", cfg.get<std::string>("server.bind"),
          dashboard->port(), dashboard->credentials_file().empty() ? "" : " (login: ",
          dashboard->credentials_file().empty() ? std::string{}
                                                : dashboard->credentials_file().string() + ")");
    }
  }

  const bool tty = options.status_line && isatty(STDERR_FILENO) != 0;
  engine::Kernel& kernel = ts.kernel();
  kernel.timers().schedule_every(
      ts.clock().now(), std::chrono::seconds(1), "status", [&](const engine::TimerEvent&) {
        if (!tty) return;
        const auto s = ts.portfolio().snapshot();
        fmt::print(stderr,
                   "\r{} ET  events {}  positions {}  orders {}  "
                   "equity {}  day P&L {}   ",
                   cal.local_time(ts.clock().now()).to_string(), kernel.stats().events_dispatched,
                   ts.portfolio().open_position_count(), ts.orders().orders().size(),
                   s.equity.to_string(2), s.day_pnl.to_string(2));
      });

  fmt::print(stderr, "zerodte run: paper session {} ({}, speed {}x), journal {}; Ctrl-C stops\n",
             day.to_string(), ts.source_description(), speed,
             ts.spec().journal_dir ? ts.spec().journal_dir->string() : "(none)");
  int signalled = 0;
  core::Status status;
  {
    SignalStopper stopper(kernel);
    status = ts.run(end);
    signalled = stopper.signalled();
  }
  if (dashboard) dashboard->stop();
  if (!status) {
    fmt::print(stderr, "\nzerodte run: {}\n", status.error().to_string());
    return 1;
  }
  const auto s = ts.portfolio().snapshot();
  fmt::print(stderr,
             "\nzerodte run: stopped at {} ET ({}): {} events, {} orders, equity {}, journal "
             "seq {}\n",
             cal.local_time(ts.clock().now()).to_string(), signalled ? "signal" : "end of session",
             kernel.stats().events_dispatched, ts.orders().orders().size(), s.equity.to_string(2),
             ts.journal() ? ts.journal()->last_seq() : 0);
  return 0;
}

}  // namespace zerodte::app
