// Overseer monitors: what each inbound event tells about data, analytics, execution, feeds,
// strategies and the regime, and the periodic freshness check.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/overseer/overseer.hpp"

namespace zerodte::overseer {
namespace {
constexpr std::size_t kMaxPending = 10'000;  // intents/verdicts waiting for their other half

double seconds(core::Duration d) {
  return static_cast<double>(d.count()) / 1e9;
}
}  // namespace

void Overseer::on_market(core::InstrumentId id, core::Timestamp ts_event, core::Timestamp ts_recv) {
  // Per event: one hash lookup and arithmetic; names are formatted only when a condition changes.
  const core::Timestamp t = ts_recv.is_set() ? ts_recv : ts_event;
  last_activity_ = t;
  auto& c = last_seen_[id.value];
  if (c.last.is_set() && t > c.last) {
    const double gap = seconds(t - c.last);
    c.gap_ema_s = c.samples == 0 ? gap : 0.9 * c.gap_ema_s + 0.1 * gap;
    ++c.samples;
  }
  if (t > c.last) c.last = t;
  if (c.stale) {
    c.stale = false;
    clear("stale_data", instrument_name(id));
  }
  if (ts_event.is_set() && ts_recv.is_set()) {
    const core::Duration lat = ts_recv - ts_event;
    if (lat > cfg_.latency_warn && !c.latency) {
      c.latency = true;
      const std::string name = instrument_name(id);
      raise(MonitorKind::kFeed, Level::kWarn, "feed_latency", name, seconds(lat),
            seconds(cfg_.latency_warn),
            fmt::format("{} data arrives {:.1f}s after the venue stamped it (limit {:.1f}s)", name,
                        seconds(lat), seconds(cfg_.latency_warn)));
    } else if (c.latency && lat < cfg_.latency_warn / 2) {  // hysteresis
      c.latency = false;
      clear("feed_latency", instrument_name(id));
    }
  }
}

void Overseer::on_book(const model::BookDepth& b) {
  on_market(b.hdr.instrument, b.hdr.ts_event, b.hdr.ts_recv);
  auto& [ts, raised] = last_book_[b.hdr.instrument.value];
  ts = b.hdr.ts_recv.is_set() ? b.hdr.ts_recv : b.hdr.ts_event;
  if (raised) {
    raised = false;
    clear("stale_book", instrument_name(b.hdr.instrument));
  }
}

void Overseer::on_option_quote(const model::OptionQuote& q) {
  on_market(q.hdr.instrument, q.hdr.ts_event, q.hdr.ts_recv);
  if (!q.has_greeks) return;
  GreeksReading g;
  g.instrument = q.hdr.instrument;
  g.ok = true;
  g.iv = q.greeks.iv;
  g.delta = q.greeks.delta;
  g.gamma = q.greeks.gamma;
  g.ts = q.hdr.ts_recv;
  on_greeks(g);
}

void Overseer::on_greeks(const GreeksReading& g) {
  auto& c = last_seen_[g.instrument.value];
  if (!g.ok) {
    const int n = ++c.greeks_failures;
    if (n >= cfg_.greeks_failures_to_halt && !c.greeks_failed) {
      c.greeks_failed = true;
      const std::string name = instrument_name(g.instrument);
      raise(MonitorKind::kAnalytics, Level::kHalt, "greeks_failed", name, n,
            cfg_.greeks_failures_to_halt,
            fmt::format("Greeks calculation failed {}x - halting {} signals", n, name));
    }
    return;
  }
  c.greeks_failures = 0;
  if (c.greeks_failed) {
    c.greeks_failed = false;
    clear("greeks_failed", instrument_name(g.instrument));
  }
  const bool gamma_bad = !std::isfinite(g.gamma) || g.gamma < 0 || g.gamma > cfg_.gamma_max;
  const bool iv_bad = !std::isfinite(g.iv) || g.iv < cfg_.iv_min || g.iv > cfg_.iv_max;
  const bool delta_bad = !std::isfinite(g.delta) || std::abs(g.delta) > 1.0 + 1e-9;
  if (!gamma_bad && !iv_bad && !delta_bad) {
    if (c.impossible) {
      c.impossible = false;
      clear("impossible_greeks", instrument_name(g.instrument));
    }
    return;
  }
  if (c.impossible) return;  // raised already; the halt stays until an admin reverses it
  c.impossible = true;
  const std::string name = instrument_name(g.instrument);
  if (gamma_bad) {
    raise(MonitorKind::kAnalytics, Level::kHalt, "impossible_greeks", name, g.gamma,
          g.gamma < 0 ? 0 : cfg_.gamma_max,
          fmt::format("Impossible Greeks on {}: gamma {} outside [0, {}] - halting {} signals",
                      name, g.gamma, cfg_.gamma_max, name));
  } else if (iv_bad) {
    raise(MonitorKind::kAnalytics, Level::kHalt, "impossible_greeks", name, g.iv,
          g.iv < cfg_.iv_min ? cfg_.iv_min : cfg_.iv_max,
          fmt::format("Impossible Greeks on {}: IV {} outside [{}, {}] - halting {} signals", name,
                      g.iv, cfg_.iv_min, cfg_.iv_max, name));
  } else {
    raise(MonitorKind::kAnalytics, Level::kHalt, "impossible_greeks", name, g.delta, 1,
          fmt::format("Impossible Greeks on {}: |delta| {} > 1 - halting {} signals", name, g.delta,
                      name));
  }
}

void Overseer::on_analytics(const AnalyticsReading& a) {
  const std::string name = instrument_name(a.instrument);
  const std::string what{a.name.view()};
  if (!std::isfinite(a.value)) {
    raise(MonitorKind::kAnalytics, Level::kHalt, "analytics_nan", what + ":" + name, 0, 0,
          fmt::format("{} for {} is not a number - halting {} signals", what, name, name));
    return;
  }
  if (what == "vpin" && a.value >= 0.8) {
    raise(MonitorKind::kAnalytics, Level::kWarn, "vpin_spike", name, a.value, 0.8,
          fmt::format("VPIN spike to {:.2f} - toxic flow detected on {}", a.value, name));
  } else if (what == "vpin") {
    clear("vpin_spike", name);
  }
  auto [it, fresh] = analytics_.try_emplace(what + ":" + name, cfg_.baseline_window,
                                            cfg_.baseline_min_samples, cfg_.volume_z);
  const double z = it->second.add(a.value);
  if (it->second.is_outlier(z)) {
    raise(MonitorKind::kAnalytics, Level::kReview, "analytics_outlier", what + ":" + name, a.value,
          it->second.mean(),
          fmt::format("{} on {} = {:.4g} is {:.1f} sigma from its rolling baseline {:.4g}", what,
                      name, a.value, std::min(z, 999.0), it->second.mean()));
  } else {
    clear("analytics_outlier", what + ":" + name);
  }
}

void Overseer::on_bar(const model::Bar& b) {
  // A bar is stamped with its open time and received after it closes: latency from the close.
  on_market(b.hdr.instrument, b.close_time(), b.hdr.ts_recv);
  auto [it, fresh] = volume_.try_emplace(b.hdr.instrument.value, cfg_.baseline_window,
                                         cfg_.baseline_min_samples, cfg_.volume_z);
  const double v = static_cast<double>(b.volume);
  const double z = it->second.add(v);
  const std::string name = instrument_name(b.hdr.instrument);
  if (z > cfg_.volume_z) {
    raise(MonitorKind::kRegime, Level::kWarn, "unusual_volume", name, v, it->second.mean(),
          fmt::format("Unusual volume on {}: {} in one bar, {:.1f} sigma above the rolling mean "
                      "{:.0f}",
                      name, b.volume, std::min(z, 999.0), it->second.mean()));
  } else {
    clear("unusual_volume", name);
  }
}

void Overseer::on_feed(const model::FeedStatus& s) {
  last_activity_ = s.ts_recv;
  const std::string feed{s.feed.view()};
  const bool down =
      s.state == model::FeedState::kDisconnected || s.state == model::FeedState::kStale;
  if (!down) {
    clear("feed_down", feed);
    return;
  }
  const bool critical =
      std::find(cfg_.halt_feeds.begin(), cfg_.halt_feeds.end(), feed) != cfg_.halt_feeds.end();
  raise(MonitorKind::kFeed, critical ? Level::kHalt : Level::kWarn, "feed_down", feed, 1, 0,
        fmt::format("Feed {} is {}{}{}", feed,
                    s.state == model::FeedState::kStale ? "stale" : "disconnected",
                    s.detail.view().empty() ? "" : ": ", s.detail.view()));
}

void Overseer::on_decode_error(const FeedDecodeError& e) {
  const std::string feed{e.feed.view()};
  auto& q = decode_errors_[feed];
  q.push_back(e.ts);
  while (!q.empty() && e.ts - q.front() > cfg_.feed_window)
    q.pop_front();
  const int n = static_cast<int>(q.size());
  const bool halt = n >= cfg_.decode_errors_to_halt;
  raise(MonitorKind::kFeed, halt ? Level::kHalt : Level::kWarn, "decode_errors", feed, n,
        cfg_.decode_errors_to_halt,
        fmt::format("Feed {}: {} message(s) failed to decode within {:.0f}s (schema change?): {}",
                    feed, n, seconds(cfg_.feed_window), e.detail.view()));
}

void Overseer::on_intent(const model::OrderIntent& in) {
  const IntentKey k{in.strategy.value, in.signal_id, in.intent_seq};
  Expected x{in.limit_price.is_defined() ? in.limit_price.to_double() : 0, in.legs[0].side,
             in.strategy};
  if (auto it = verdict_ids_.find(k); it != verdict_ids_.end()) {
    if (x.price != 0) expected_[it->second] = x;
    verdict_ids_.erase(it);
  } else {
    if (intents_.size() >= kMaxPending) intents_.erase(intents_.begin());  // never joined
    intents_[k] = x;
  }
}

void Overseer::on_verdict(const risk::RiskVerdict& v) {
  roll_day(v.ts.is_set() ? v.ts : now());
  if (!v.approved()) {
    count_reject(v.ts, std::string(risk::to_string(v.reason)));
    if (explanations_ != nullptr) {
      ExplanationRecord r;
      r.id = fmt::format("REJ-{}-{}-{}", v.strategy.value, v.signal_id, v.intent_seq);
      r.kind = ExplanationKind::kReject;
      r.ts = v.ts;
      r.strategy_id = v.strategy.value;
      r.strategy = strategy_name(v.strategy);
      r.signal_id = v.signal_id;
      r.rejected_because = std::string(risk::to_string(v.reason));
      r.details = std::string(v.details.view());
      r.analytics = {{"value", v.value}, {"threshold", v.threshold}};
      (void)explanations_->add(std::move(r));  // a repeated verdict keeps the first record
    }
    return;
  }
  ++validated_today_;
  if (v.client_order_id.view().empty()) return;
  const IntentKey k{v.strategy.value, v.signal_id, v.intent_seq};
  if (auto it = intents_.find(k); it != intents_.end()) {
    if (it->second.price != 0) expected_[v.client_order_id] = it->second;
    intents_.erase(it);
  } else {
    if (verdict_ids_.size() >= kMaxPending) verdict_ids_.erase(verdict_ids_.begin());
    verdict_ids_[k] = v.client_order_id;
  }
}

void Overseer::expect_fill(const core::ClientOrderId& id, core::Price expected, model::Side side,
                           core::StrategyId strategy) {
  if (expected.is_defined()) expected_[id] = Expected{expected.to_double(), side, strategy};
}

void Overseer::count_reject(core::Timestamp ts, std::string reason) {
  if (!ts.is_set()) ts = now();
  rejects_.push_back(ts);
  ++reject_reasons_[reason];
  while (!rejects_.empty() && ts - rejects_.front() > cfg_.reject_window)
    rejects_.pop_front();
  const int n = static_cast<int>(rejects_.size());
  if (n >= cfg_.reject_storm_count) {
    std::vector<std::pair<int, std::string>> top;
    for (const auto& [r, c] : reject_reasons_)
      top.emplace_back(-c, r);
    std::sort(top.begin(), top.end());
    std::string reasons;
    for (std::size_t i = 0; i < top.size() && i < 3; ++i)
      reasons += fmt::format("{}{} x{}", i ? ", " : "", top[i].second, -top[i].first);
    raise(MonitorKind::kExecution, Level::kWarn, "reject_storm", "account", n,
          cfg_.reject_storm_count,
          fmt::format("Reject storm: {} rejects within {:.0f}s (limit {}); top reasons: {}", n,
                      seconds(cfg_.reject_window), cfg_.reject_storm_count, reasons));
  }
}

void Overseer::on_execution_alert(const execution::ExecutionAlert& a) {
  if (a.kind == execution::AlertKind::kPositionMismatch) {
    raise(MonitorKind::kExecution, Level::kHalt, "position_mismatch", "account", 1, 0,
          fmt::format("Position mismatch with the venue: {}", a.detail.view()));
  } else if (a.kind == execution::AlertKind::kJournalFailure) {
    raise(MonitorKind::kExecution, Level::kHalt, "journal_failure", "account", 1, 0,
          fmt::format("The order journal failed: {}", a.detail.view()));
  }
}

void Overseer::finish_order(bool filled) {
  finished_.push_back(filled);
  while (finished_.size() > 50)
    finished_.pop_front();
  if (static_cast<int>(finished_.size()) < cfg_.fill_rate_min_orders) return;
  const double rate = static_cast<double>(std::count(finished_.begin(), finished_.end(), true)) /
                      static_cast<double>(finished_.size());
  if (rate < cfg_.fill_rate_min) {
    raise(MonitorKind::kExecution, Level::kReview, "low_fill_rate", "account", rate,
          cfg_.fill_rate_min,
          fmt::format("Fill rate {:.0f}% over the last {} orders (minimum {:.0f}%) - review "
                      "execution quality",
                      rate * 100, finished_.size(), cfg_.fill_rate_min * 100));
  } else {
    clear("low_fill_rate", "account");
  }
}

void Overseer::on_order_update(const model::OrderUpdate& u) {
  last_activity_ = u.ts_recv;
  if (u.status == model::OrderStatus::kRejected) {
    count_reject(u.ts_recv, u.reason.view().empty() ? "venue" : std::string(u.reason.view()));
  }
  if (model::is_terminal(u.status) && u.status != model::OrderStatus::kReplaced) {
    finish_order(u.status == model::OrderStatus::kFilled || u.filled_qty.value > 0);
    expected_.erase(u.client_order_id);
  }
}

void Overseer::on_fill(const model::Fill& f) {
  last_activity_ = f.ts_recv;
  auto it = expected_.find(f.client_order_id);
  if (it == expected_.end() || it->second.price <= 0) return;
  const double exp = it->second.price;
  const double px = f.price.to_double();
  const double slip = (f.side == model::Side::kBuy ? px - exp : exp - px) / exp;
  const std::string subject = strategy_name(it->second.strategy);
  if (slip > cfg_.slippage_warn) {
    raise(MonitorKind::kExecution, Level::kWarn, "high_slippage", subject, slip, cfg_.slippage_warn,
          fmt::format("Slippage {:.1f}% exceeds threshold {:.1f}% ({} filled {} at {} vs expected "
                      "{})",
                      slip * 100, cfg_.slippage_warn * 100, f.client_order_id.view(),
                      model::to_string(f.side), f.price, exp),
          it->second.strategy);
  } else {
    clear("high_slippage", subject);
  }
}

void Overseer::on_outcome(const TradeOutcome& o) {
  last_activity_ = o.ts;
  auto& q = outcomes_[o.strategy.value];
  q.emplace_back(o.expected_pnl, o.realized_pnl);
  while (q.size() > cfg_.decay_window)
    q.pop_front();
  if (q.size() < cfg_.decay_min_trades) return;
  double exp = 0, real = 0;
  for (const auto& [e, r] : q) {
    exp += e;
    real += r;
  }
  const std::string name = strategy_name(o.strategy);
  if (exp > 0 && real < cfg_.decay_ratio * exp) {
    const int streak = ++decay_streak_[o.strategy.value];
    // Re-raised (as a new anomaly) whenever the streak reaches the disable point.
    if (streak == cfg_.disable_after) clear("strategy_decay", name);
    raise(MonitorKind::kStrategy, Level::kReview, "strategy_decay", name, real, exp,
          fmt::format("{} underperforms: realised P&L {:.2f} vs expected {:.2f} over the last {} "
                      "trades ({} consecutive checks below {:.0f}%)",
                      name, real, exp, q.size(), streak, cfg_.decay_ratio * 100),
          o.strategy);
  } else {
    decay_streak_[o.strategy.value] = 0;
    clear("strategy_decay", name);
  }
}

void Overseer::on_regime(const RegimeReading& r) {
  last_activity_ = r.ts;
  const std::string name = instrument_name(r.instrument);
  if (r.uncertainty > cfg_.regime_uncertainty_warn) {
    raise(MonitorKind::kRegime, Level::kWarn, "regime_uncertainty", name, r.uncertainty,
          cfg_.regime_uncertainty_warn,
          fmt::format("Regime uncertainty on {} at {:.0f}% (> {:.0f}%)", name, r.uncertainty * 100,
                      cfg_.regime_uncertainty_warn * 100));
  } else {
    clear("regime_uncertainty", name);
  }
}

bool Overseer::auto_watched(const Cadence& c) const {
  return c.samples >= 20 && c.gap_ema_s < seconds(cfg_.stale_after) / 4;
}

void Overseer::check(core::Timestamp t) {
  roll_day(t);
  if (cfg_.only_in_session && !calendar_.is_open(t)) return;
  const auto session = calendar_.session(calendar_.local_date(t));
  // Nothing is expected before the session opened or the overseer started.
  core::Timestamp origin = started_at_;
  if (session && session->open > origin) origin = session->open;
  auto check_one = [&](std::uint32_t id) {
    auto it = last_seen_.find(id);
    const core::Timestamp last =
        it == last_seen_.end() ? origin : std::max(it->second.last, origin);
    const core::Duration age = t - last;
    if (age > cfg_.stale_after) {
      auto& c = last_seen_[id];
      if (c.stale) return;
      c.stale = true;
      const std::string name = instrument_name(core::InstrumentId{id});
      raise(MonitorKind::kData, Level::kHalt, "stale_data", name, seconds(age),
            seconds(cfg_.stale_after),
            fmt::format("Feed for {} is {:.0f}s old (limit {:.0f}s) - halting", name, seconds(age),
                        seconds(cfg_.stale_after)));
    }
  };
  if (cfg_.watch.empty()) {
    for (const auto& [id, c] : last_seen_) {
      if (auto_watched(c)) check_one(id);
    }
  } else {
    for (auto id : cfg_.watch)
      check_one(id.value);
  }
  for (auto& [id, book] : last_book_) {
    const core::Duration age = t - std::max(book.first, origin);
    if (age > cfg_.book_stale_after && !book.second) {
      book.second = true;
      const std::string name = instrument_name(core::InstrumentId{id});
      raise(MonitorKind::kAnalytics, Level::kWarn, "stale_book", name, seconds(age),
            seconds(cfg_.book_stale_after),
            fmt::format("Order book of {} not refreshed for {:.0f}s", name, seconds(age)));
    }
  }
}

}  // namespace zerodte::overseer
