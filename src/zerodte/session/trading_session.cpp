#include "zerodte/session/trading_session.hpp"

#include <fmt/core.h>

#include "zerodte/data/file_sources.hpp"
#include "zerodte/session/journal_decision_sink.hpp"
#include "zerodte/session/market_sources.hpp"
#include "zerodte/store/journal.hpp"
#include "zerodte/store/journal_intent_journal.hpp"
#include "zerodte/store/journal_observer.hpp"
#include "zerodte/store/risk_journal.hpp"

namespace zerodte::session {

namespace {

// Holds the first event of the feed so the clock can start at it.
class PeekedSource final : public engine::EventSource {
 public:
  explicit PeekedSource(std::unique_ptr<engine::EventSource> inner) : inner_(std::move(inner)) {
    head_ = inner_->next();
  }
  std::optional<engine::Event> next() override {
    if (head_) {
      auto e = std::move(head_);
      head_.reset();
      return e;
    }
    return inner_->next();
  }
  [[nodiscard]] const std::optional<engine::Event>& head() const { return head_; }

 private:
  std::unique_ptr<engine::EventSource> inner_;
  std::optional<engine::Event> head_;
};

// Bars carry the only price of an underlying in bar replays: the venue needs it to settle
// expiring options, and the portfolio to mark shares received on exercise.
class BarMarks final : public engine::Component {
 public:
  BarMarks(execution::sim::SimVenue& venue, portfolio::Portfolio& pf) : venue_(venue), pf_(pf) {}
  [[nodiscard]] std::string_view name() const override { return "bar_marks"; }
  void start(engine::Kernel& kernel) override {
    kernel.bus().subscribe_all<model::Bar>([this](const model::Bar& b) {
      if (!b.close.is_defined()) return;
      venue_.on_last_price(b.hdr.instrument, b.close);
      pf_.set_mark(b.hdr.instrument, b.close);
    });
  }

 private:
  execution::sim::SimVenue& venue_;
  portfolio::Portfolio& pf_;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

TradingSession::TradingSession(SessionSpec spec)
    : spec_(std::move(spec)),
      calendar_(core::TradingCalendar::nyse()),
      registry_(std::make_unique<model::InstrumentRegistry>()) {}

TradingSession::~TradingSession() {
  if (kernel_) kernel_->stop();
}

core::Result<std::unique_ptr<TradingSession>> TradingSession::create(SessionSpec spec,
                                                                     SessionHooks hooks) {
  auto s = std::unique_ptr<TradingSession>(new TradingSession(std::move(spec)));
  if (auto st = s->build(std::move(hooks)); !st) return std::unexpected(st.error());
  return s;
}

core::Status TradingSession::build_source(SessionHooks& hooks) {
  const DataSpec& d = spec_.data;
  std::vector<std::unique_ptr<engine::EventSource>> sources;
  if (d.source == SourceKind::kSim) {
    const auto& cal = calendar_;
    core::Date from = d.from.value_or(d.sim.date);
    core::Date to = d.to.value_or(from);
    data::SimConfig sim = d.sim;
    if (!d.symbols.empty()) {
      // Keep the simulator's underlyings that were asked for, in the order asked.
      std::vector<data::sim::UnderlyingSpec> keep;
      auto all = data::sim::default_underlyings(true, true);
      for (const auto& sym : d.symbols) {
        auto it = std::find_if(all.begin(), all.end(), [&](auto& u) { return u.symbol == sym; });
        if (it == all.end()) {
          return core::fail(core::ErrorCode::kInvalid,
                            "data.symbols: the simulated market has no '{}' (it has SPY, QQQ, "
                            "IWM, SPX, NVDA)",
                            sym);
        }
        keep.push_back(*it);
      }
      sim.underlyings = keep;
      sim.correlation.clear();
    }
    if (!cal.is_trading_day(from)) from = cal.next_trading_day(from);
    auto src = MultiDaySimSource::create(sim, from, to, *registry_);
    if (!src) return std::unexpected(src.error());
    auto* raw = src->get();
    source_errors_.push_back([raw] { return raw->error(); });
    source_text_ = fmt::format("simulated market {}..{} ({} trading days, seed {})",
                               raw->days().front().to_string(), raw->days().back().to_string(),
                               raw->days().size(), sim.seed);
    for (const auto& u : sim.underlyings) {
      if (auto id = registry_->find(u.symbol)) underlyings_.push_back(*id);
    }
    if (auto last = cal.session(raw->days().back())) end_hint_ = last->close;
    sources.push_back(std::move(*src));
  } else {
    if (d.paths.empty()) {
      return core::fail(core::ErrorCode::kInvalid, "data.paths: replay needs at least one file");
    }
    BarFileOptions bo;
    bo.from = d.from;
    bo.to = d.to;
    bo.chains = d.chains_from_bars;
    bo.chain = d.chains;
    std::size_t files = 0;
    core::Timestamp last{};
    bool known = true;
    for (const auto& path : d.paths) {
      if (hooks.open_file) {
        auto other = hooks.open_file(path, *registry_);
        if (!other) return std::unexpected(other.error());
        if (*other) {
          sources.push_back(std::move(*other));
          known = false;
          ++files;
          continue;
        }
      }
      if (!ends_with(path, ".csv")) {
        return core::fail(core::ErrorCode::kUnsupported,
                          "{}: unknown data file type (bar CSVs here; .dbn/.zrec need the app's "
                          "opener)",
                          path);
      }
      auto bars = open_bar_file(path, "", *registry_, bo);
      if (!bars) return std::unexpected(bars.error());
      if (auto id = registry_->find(bars->symbol)) underlyings_.push_back(*id);
      last = std::max(last, bars->last_visible);
      sources.push_back(std::move(bars->source));
      ++files;
    }
    if (known) end_hint_ = last;
    source_text_ = fmt::format("replay of {} file{}", files, files == 1 ? "" : "s");
  }
  data::ReplayOptions ro;
  ro.key = data::MergeKey::kVisibleTime;
  ro.speed = d.speed;
  if (d.source == SourceKind::kReplay) {
    if (d.from) ro.from = calendar_.to_utc(*d.from, core::TimeOfDay{0, 0, 0});
    if (d.to) ro.to = calendar_.to_utc(d.to->add_days(1), core::TimeOfDay{0, 0, 0});
  }
  if (d.speed > 0 && hooks.pacing_clock == nullptr) {
    return core::fail(core::ErrorCode::kInvalid, "session: speed {} needs a pacing clock", d.speed);
  }
  auto feed = std::make_unique<data::ReplayFeed>(std::move(sources), ro, hooks.pacing_clock,
                                                 std::move(hooks.sleeper));
  std::unique_ptr<engine::EventSource> src = std::move(feed);
  if (d.latency.count() > 0 && d.source == SourceKind::kReplay)
    src = std::make_unique<DelayedSource>(std::move(src), d.latency);
  auto peeked = std::make_unique<PeekedSource>(std::move(src));
  for (const auto& err : source_errors_) {
    if (auto e = err()) return std::unexpected(*e);
  }
  if (!peeked->head()) {
    return core::fail(core::ErrorCode::kInvalid, "{}: no events in the selected range",
                      source_text_);
  }
  start_ = engine::visible_time(*peeked->head());
  feed_ = std::move(peeked);
  return core::ok();
}

core::Status TradingSession::build(SessionHooks hooks) {
  // Data first: it interns the instruments the other components look up.
  if (auto st = build_source(hooks); !st) return st;
  clock_.set(start_);
  kernel_ = std::make_unique<engine::Kernel>(clock_);

  // Journal: every inbound event before dispatch; intents before they are sent.
  if (spec_.journal_dir) {
    store::JournalConfig jcfg;
    jcfg.dir = *spec_.journal_dir;
    jcfg.policy = spec_.journal_group_commit ? store::WritePolicy::kGroupCommit
                                             : store::WritePolicy::kFsyncPerOrder;
    std::error_code ec;
    std::filesystem::create_directories(jcfg.dir, ec);
    auto journal = store::Journal::open(jcfg);
    if (!journal) {
      return core::fail(journal.error().code, "journal {}: {}", jcfg.dir.string(),
                        journal.error().message);
    }
    journal_ = std::move(*journal);
    journal_observer_ = std::make_unique<store::JournalObserver>(*journal_);
    kernel_->add_observer(journal_observer_.get());
    intent_journal_ = std::make_unique<store::JournalIntentJournal>(*journal_);
  } else {
    intent_journal_ = std::make_unique<execution::InMemoryIntentJournal>();
  }

  // Paper venue and order manager.
  venue_ = std::make_shared<execution::sim::SimVenue>(*registry_, calendar_, spec_.venue);
  model::InstrumentRegistry* reg = registry_.get();
  orders_ = std::make_shared<execution::OrderManager>(
      *venue_, *intent_journal_,
      [reg](core::InstrumentId id) -> const model::TickRule* {
        const auto* i = reg->try_get(id);
        return i ? &i->tick_rule : nullptr;
      },
      spec_.orders);
  kernel_->add_component(venue_);
  kernel_->add_component(orders_);

  // Portfolio and risk (holds persist in a file for paper/live sessions).
  portfolio_ = std::make_unique<portfolio::Portfolio>(*registry_, spec_.venue.starting_cash);
  port_ = std::make_unique<risk::OrderManagerPort>(*orders_);
  if (spec_.trading_state_file) {
    std::error_code ec;
    if (spec_.trading_state_file->has_parent_path())
      std::filesystem::create_directories(spec_.trading_state_file->parent_path(), ec);
    state_store_ = std::make_unique<risk::FileTradingStateStore>(*spec_.trading_state_file);
  } else {
    state_store_ = std::make_unique<risk::InMemoryTradingStateStore>();
  }
  risk::RiskEngineConfig rcfg;
  rcfg.limits = spec_.risk.limits;
  rcfg.flatten_slippage_ticks = spec_.risk.flatten_slippage_ticks;
  rcfg.exits_enabled = spec_.risk_exits;
  if (!spec_.risk.kill_switch_file.empty()) rcfg.kill_switch_file = spec_.risk.kill_switch_file;
  if (auto vix = registry_->find("VIX")) rcfg.vix_instrument = *vix;
  risk_ = std::make_shared<risk::RiskEngine>(*registry_, calendar_, *portfolio_, *port_, rcfg,
                                             state_store_.get());
  if (auto st = risk_->state_machine().last_store_error(); st != nullptr) {
    return core::fail(st->code, "trading state {}: {}",
                      spec_.trading_state_file ? spec_.trading_state_file->string() : "memory",
                      st->message);
  }
  kernel_->add_component(risk_);
  if (journal_) {  // every verdict and risk event, with its reason, into the journal
    risk_journal_ = std::make_shared<store::RiskJournal>(*journal_);
    kernel_->add_component(risk_journal_);
  }

  analytics_ = std::make_shared<analytics::AnalyticsCache>();
  kernel_->add_component(analytics_);
  kernel_->add_component(std::make_shared<BarMarks>(*venue_, *portfolio_));
  return core::ok();
}

void TradingSession::add_component(std::shared_ptr<engine::Component> component) {
  ZDTE_ASSERT(!ran_, "add_component after run()");
  extra_.push_back(component);
  kernel_->add_component(std::move(component));
}

core::Status TradingSession::add_strategies(std::vector<strategy::StrategyInstance> instances) {
  ZDTE_ASSERT(!ran_ && !host_, "add_strategies once, before run()");
  gateway_ = std::make_unique<strategy::RiskGateway>(*risk_, *port_);
  strategy::StrategyHostConfig hc;
  if (journal_) {
    sink_ = std::make_unique<JournalDecisionSink>(*journal_);
    hc.sink = sink_.get();
  }
  hc.portfolio = portfolio_.get();
  hc.analytics = analytics_.get();
  host_ = std::make_shared<strategy::StrategyHost>(*registry_, *gateway_, hc);
  for (auto& inst : instances) {
    if (!inst.enabled) continue;
    if (auto st = host_->add(std::move(inst)); !st) return st;
  }
  add_component(host_);
  return core::ok();
}

core::Status TradingSession::add_strategies_from_config(const core::config::Config& cfg) {
  auto instances = strategy::make_strategies_from_config(cfg);
  if (!instances) return std::unexpected(instances.error());
  return add_strategies(std::move(*instances));
}

core::Status TradingSession::run(core::Timestamp end) {
  ZDTE_ASSERT(!ran_, "a session runs once");
  ran_ = true;
  kernel_->start();
  kernel_->run_simulation(*feed_, clock_, end);
  if (end == core::Timestamp::max() && !kernel_->stop_requested()) {
    // The data ended: run the timers to the close of its last day, so that day's expiries
    // settle and DAY orders expire as they would in a live session.
    const core::Date day = calendar_.local_date(clock_.now());
    if (auto s = calendar_.session(day); s && s->close + std::chrono::minutes(1) > clock_.now()) {
      engine::VectorEventSource none({});
      kernel_->run_simulation(none, clock_, s->close + std::chrono::minutes(1));
    }
  }
  kernel_->stop();
  for (const auto& err : source_errors_) {
    if (auto e = err()) return std::unexpected(*e);
  }
  if (journal_) {
    if (auto st = journal_->sync(); !st) return st;
    if (auto* obs = dynamic_cast<store::JournalObserver*>(journal_observer_.get());
        obs != nullptr && !obs->status()) {
      return obs->status();
    }
    if (auto* sink = dynamic_cast<JournalDecisionSink*>(sink_.get()); sink && !sink->status())
      return sink->status();
  }
  return core::ok();
}

}  // namespace zerodte::session
