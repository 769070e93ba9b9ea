#pragma once
// A small test strategy speaking the kernel's language directly (bus in, OrderIntent out to risk):
// every `every_n_bars` 1-minute bars of `underlying` inside the entry window it buys one 0DTE
// call nearest the money at the ask when that contract's next quote arrives, and sells it at the
// bid `hold_bars` bars later (hold_bars = 0: holds it to expiry). It also records what it saw, for
// the no-look-ahead test: every event's visible time and bar close against the kernel clock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/engine/component.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::testing {

struct ProbeConfig {
  std::string underlying = "SPY";
  int every_n_bars = 30;
  int hold_bars = 10;
  int max_entries = 1000;
  core::TimeOfDay window_start{10, 0, 0};
  core::TimeOfDay window_end{14, 30, 0};
};

struct ProbeSignal {
  std::uint64_t signal_id = 0;
  core::Timestamp bar_close;  // close of the bar that triggered it
  core::Timestamp submitted;  // kernel time of the intent
};

class ProbeStrategy final : public engine::Component {
 public:
  ProbeStrategy(const model::InstrumentRegistry& reg, const core::TradingCalendar& cal,
                ProbeConfig cfg)
      : reg_(reg), cal_(cal), cfg_(std::move(cfg)) {}
  [[nodiscard]] std::string_view name() const override { return "probe"; }

  void start(engine::Kernel& k) override {
    k_ = &k;
    if (auto id = reg_.find(cfg_.underlying)) und_ = *id;
    auto& bus = k.bus();
    bus.subscribe_all<model::Bar>([this](const model::Bar& b) {
      see(b.hdr.ts_recv);
      if (b.close_time() > k_->now()) ++future_bars_;
      if (b.hdr.instrument != und_) return;
      ++bars_;
      last_close_ = b.close.to_double();
      last_bar_close_ = b.close_time();
      const auto t = cal_.local_time(k_->now());
      if (held_.valid() && cfg_.hold_bars > 0 && bars_ - entry_bar_ >= cfg_.hold_bars)
        want_exit_ = true;
      if (!held_.valid() && !want_entry_ && entries_ < cfg_.max_entries &&
          bars_ % cfg_.every_n_bars == 0 && t >= cfg_.window_start && t <= cfg_.window_end) {
        want_entry_ = true;
      }
    });
    bus.subscribe_all<model::Quote>([this](const model::Quote& q) { see(q.hdr.ts_recv); });
    bus.subscribe_all<model::Trade>([this](const model::Trade& q) { see(q.hdr.ts_recv); });
    bus.subscribe_all<model::OptionQuote>([this](const model::OptionQuote& q) {
      see(q.hdr.ts_recv);
      on_option(q);
    });
    bus.subscribe_all<model::Fill>([this](const model::Fill& f) {
      see(f.ts_recv);
      fills_.push_back(f);
    });
  }

  [[nodiscard]] const std::vector<ProbeSignal>& signals() const { return signals_; }
  [[nodiscard]] const std::vector<model::Fill>& fills() const { return fills_; }
  [[nodiscard]] std::uint64_t future_events() const { return future_events_; }
  [[nodiscard]] std::uint64_t future_bars() const { return future_bars_; }
  [[nodiscard]] std::uint64_t events_seen() const { return seen_; }
  [[nodiscard]] core::InstrumentId held() const { return held_; }

 private:
  void see(core::Timestamp visible) {
    ++seen_;
    if (visible > k_->now()) ++future_events_;
  }

  void on_option(const model::OptionQuote& q) {
    if (!(q.bid.is_defined() && q.ask.is_defined() && q.bid < q.ask && q.bid_size > 0)) return;
    if (want_exit_ && q.hdr.instrument == held_) {
      send(q.hdr.instrument, model::Side::kSell, q.bid, "probe exit");
      want_exit_ = false;
      held_ = {};
      return;
    }
    if (!want_entry_) return;
    const auto* inst = reg_.try_get(q.hdr.instrument);
    if (inst == nullptr || !inst->option || inst->underlying_id != und_ ||
        inst->option->right != model::OptionRight::kCall ||
        inst->option->expiry != cal_.local_date(k_->now()))
      return;
    const double strike = inst->option->strike.to_double();
    // Nearest listed strike at or above the last close.
    if (strike < last_close_ || strike >= last_close_ + 1.0) return;
    send(q.hdr.instrument, model::Side::kBuy, q.ask, "probe entry");
    want_entry_ = false;
    held_ = q.hdr.instrument;
    entry_bar_ = bars_;
    ++entries_;
  }

  void send(core::InstrumentId id, model::Side side, core::Price px, const char* tag) {
    model::OrderIntent o{};
    o.strategy = core::StrategyId{1};
    o.signal_id = ++signal_seq_;
    o.legs[0] = model::OrderLeg{id, side, 1,
                                side == model::Side::kBuy ? model::PositionIntent::kBuyToOpen
                                                          : model::PositionIntent::kSellToClose};
    o.leg_count = 1;
    o.quantity = core::Quantity{1};
    o.type = model::OrderType::kLimit;
    o.tif = model::TimeInForce::kDay;
    o.limit_price = px;
    o.reduce_only = side == model::Side::kSell;
    o.ts_created = k_->now();
    o.tag = core::FixedString<64>(tag);
    signals_.push_back({o.signal_id, last_bar_close_, k_->now()});
    k_->bus().publish(o);
  }

  const model::InstrumentRegistry& reg_;
  const core::TradingCalendar& cal_;
  ProbeConfig cfg_;
  engine::Kernel* k_ = nullptr;
  core::InstrumentId und_;
  core::InstrumentId held_;
  int bars_ = 0, entry_bar_ = 0, entries_ = 0;
  double last_close_ = 0;
  core::Timestamp last_bar_close_;
  bool want_entry_ = false, want_exit_ = false;
  std::uint64_t signal_seq_ = 0;
  std::vector<ProbeSignal> signals_;
  std::vector<model::Fill> fills_;
  std::uint64_t seen_ = 0, future_events_ = 0, future_bars_ = 0;
};

}  // namespace zerodte::testing
