#pragma once
// A kernel component that watches one underlying and its option chains through the day and keeps
// what a report needs: the last quote and Greeks of every option of the nearest live expiry
// (0DTE until its close, then the next expiry: heatmap, GEX profile, liquidity by strike), the
// underlying's open/high/low/last, every approved or rejected intent (risk verdicts) and every fill
// with its signal, and the P&L of each signal (fills marked to the latest mid, contract multiplier
// applied) summed per strategy. snapshot() builds ReportData.
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/engine/component.hpp"
#include "zerodte/engine/message_bus.hpp"
#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/orders.hpp"
#include "zerodte/overseer/overseer_types.hpp"
#include "zerodte/overseer/report_data.hpp"
#include "zerodte/risk/risk_types.hpp"

namespace zerodte::overseer {

class ExplanationStore;

struct ReportCollectorConfig {
  core::InstrumentId underlying;
  core::Market market = core::Market::kNyse;
  std::map<std::uint16_t, std::string> strategy_names;
  std::size_t max_strikes = 25;  // around the spot, for the charts
};

class ReportCollector final : public engine::Component {
 public:
  ReportCollector(const model::InstrumentRegistry& registry, ReportCollectorConfig cfg,
                  const ExplanationStore* explanations = nullptr);
  [[nodiscard]] std::string_view name() const override { return "report_collector"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;

  void on_quote(const model::Quote& q);
  void on_trade(const model::Trade& t);
  void on_option_quote(const model::OptionQuote& q);
  void on_verdict(const risk::RiskVerdict& v);
  void on_fill(const model::Fill& f);
  void on_regime(const RegimeReading& r);
  void on_anomaly(const Anomaly& a);

  [[nodiscard]] ReportData snapshot(ReportType type, core::Timestamp now) const;

 private:
  struct OptionState {
    core::Date expiry;
    double strike = 0;
    bool call = true;
    model::OptionQuote quote;
  };
  struct SignalBook {
    std::uint16_t strategy = 0;
    std::uint64_t signal = 0;
    double cash = 0;                            // signed cash flow incl. fees
    std::map<std::uint32_t, std::int64_t> qty;  // open contracts per instrument
    std::string detail;
  };
  void mark(core::InstrumentId id, double mid) { marks_[id.value] = mid; }
  void underlying_price(double px, core::Timestamp ts);
  [[nodiscard]] std::string strategy_name(std::uint16_t s) const;

  const model::InstrumentRegistry& registry_;
  ReportCollectorConfig cfg_;
  const ExplanationStore* explanations_;
  const core::TradingCalendar& calendar_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  std::optional<core::Date> day_;
  double spot_ = 0, open_ = 0, high_ = 0, low_ = 0;
  std::unordered_map<std::uint32_t, OptionState> options_;  // options of the underlying
  std::unordered_map<std::uint32_t, double> marks_;
  std::unordered_map<core::ClientOrderId, std::pair<std::uint16_t, std::uint64_t>> orders_;
  std::map<std::pair<std::uint16_t, std::uint64_t>, SignalBook> books_;
  std::size_t signals_ = 0, fills_ = 0, rejects_ = 0;
  std::string regime_;
  double regime_uncertainty_ = -1;
  std::vector<std::string> anomalies_;
};

}  // namespace zerodte::overseer
