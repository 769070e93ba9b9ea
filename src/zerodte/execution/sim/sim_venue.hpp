#pragma once
// The simulated venue used by paper trading and backtests. It implements the same
// ExecutionClient interface as the live adapters, enforces the capability profile of the broker
// it stands in for, and matches against the NBBO it sees on the bus (model::Quote and
// model::OptionQuote) with a pluggable FillModel. Multi-leg orders fill as a package (every leg or
// none) at a net price built from the legs' quotes.
//
// Latency: an order reaches the venue `order_entry_latency + market_data_latency` after submit()
// (the second term models the strategy seeing venue quotes late: by the time it reacts, the venue
// is that much further on; set it only when the replay's receive times equal the venue times).
// Reports (acks, fills, cancels) reach the kernel `report_latency` after the venue event, via
// Kernel::post_at. Rejects that a broker returns synchronously (invalid tick, capability,
// buying power, market closed, duplicate client_order_id) are returned by submit().
//
// Session: orders are accepted only while the calendar's regular session is open. At each
// session's open AM-settled options expiring that day settle at the opening settlement value
// (set_settlement_price); at each close (13:00 ET on early closes) PM-settled options settle:
// index options in cash, equity/ETF options by exercise/assignment into shares when in the money
// by at least $0.01. An optional broker-style liquidation closes, before expiry, positions the
// account cannot carry (see SimVenueConfig::liquidation_time).
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "zerodte/core/calendar.hpp"
#include "zerodte/engine/component.hpp"
#include "zerodte/engine/kernel.hpp"
#include "zerodte/execution/execution_client.hpp"
#include "zerodte/execution/sim/fee_schedule.hpp"
#include "zerodte/execution/sim/fill_model.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::execution::sim {

struct SimVenueConfig {
  std::string venue_name = "sim";
  BrokerCapabilities capabilities = BrokerCapabilities::alpaca();
  FillModel fill_model = FillModel::touch();
  FeeSchedule fees;
  core::Duration order_entry_latency{0};
  core::Duration market_data_latency{0};
  core::Duration report_latency{0};
  core::Price starting_cash = core::Price::from_units(100'000);
  bool enforce_market_hours = true;
  // Broker-style liquidation of expiring positions: at this exchange-local time on a full day,
  // the same distance before the close on an early close (15:15 -> 12:15). Positions whose
  // exercise/assignment the cash account cannot carry (not enough cash for the shares, or a
  // resulting short stock position) are closed at the touch; with liquidate_all_expiring, every
  // expiring option position is.
  std::optional<core::TimeOfDay> liquidation_time;
  bool liquidate_all_expiring = false;
};

struct SettlementRecord {
  core::InstrumentId option;
  core::Date expiry;
  std::int64_t contracts = 0;    // signed position that settled
  core::Price settlement_price;  // underlying value used
  core::Price intrinsic;         // per share
  core::Price cash_flow;         // to the account (+ received)
  std::int64_t shares = 0;       // delivered (+ received, - delivered)
  bool exercised = false;        // exercised/assigned (physical) or paid (cash)
};

struct SimPosition {
  std::int64_t quantity = 0;
  core::Price avg_price;
};

class SimVenue final : public ExecutionClient, public engine::Component {
 public:
  SimVenue(const model::InstrumentRegistry& instruments, const core::TradingCalendar& calendar,
           SimVenueConfig cfg = {});

  // Component
  [[nodiscard]] std::string_view name() const override { return "sim_venue"; }
  void start(engine::Kernel& kernel) override;
  void stop() override;

  // ExecutionClient
  [[nodiscard]] std::string_view venue_name() const override { return cfg_.venue_name; }
  [[nodiscard]] const BrokerCapabilities& capabilities() const override {
    return cfg_.capabilities;
  }
  core::Result<SubmitAck> submit(const model::OrderIntent& order) override;
  core::Result<SubmitAck> modify(const ModifyRequest& request) override;
  core::Status cancel(const core::ClientOrderId& id, const core::VenueOrderId& venue_id) override;
  core::Result<std::vector<VenueOrderState>> open_orders() override;
  core::Result<VenueOrderState> query_order(const core::ClientOrderId& id) override;
  core::Result<std::vector<model::Fill>> fills_since(core::Timestamp since) override;
  core::Result<std::vector<PositionSnapshot>> positions() override;
  core::Result<AccountSnapshot> account() override;

  // Market data (also fed from the bus once started).
  void on_quote(core::InstrumentId id, const LegBook& book);
  void on_last_price(core::InstrumentId id, core::Price last);
  // Settlement value of `underlying` for `expiry`: the closing price (PM) or the special opening
  // quotation (AM). PM settlement falls back to the last price seen when none is set.
  void set_settlement_price(core::InstrumentId underlying, core::Date expiry,
                            model::SettlementTime when, core::Price value);
  // Settles the positions expiring on `d` with the given settlement time now (the session timers
  // call this; public for tools and tests).
  void settle_expiring(core::Date d, model::SettlementTime when);
  void liquidate_expiring(core::Date d);
  // At the close: DAY orders, and GTC orders on options expiring that day, expire.
  void expire_orders_at_close(core::Date d);

  // Test and paper-trading hooks ------------------------------------------------------------
  // An order placed outside zerodte (the broker's web page): working at once, no reports sent.
  core::Result<core::VenueOrderId> place_external(model::OrderIntent order);
  // The next `n` submits fail with kTransport; when `after_accept`, the venue has the order
  // (the response was lost), otherwise it never arrived.
  void fail_next_submits(std::size_t n, bool after_accept);
  // While true, reports are lost (a disconnected stream); venue state still changes.
  void set_reports_dropped(bool dropped) { drop_reports_ = dropped; }
  // Overwrite a position (a transfer, a manual trade elsewhere) without reports.
  void set_position(core::InstrumentId id, std::int64_t quantity, core::Price avg_price);
  void set_cash(core::Price cash) { cash_ = cash; }

  [[nodiscard]] core::Price cash() const { return cash_; }
  [[nodiscard]] std::int64_t position(core::InstrumentId id) const;
  [[nodiscard]] const std::vector<SettlementRecord>& settlements() const { return settlements_; }
  [[nodiscard]] const std::vector<model::Fill>& fill_log() const { return fills_; }
  [[nodiscard]] std::size_t orders_received() const { return orders_.size(); }
  [[nodiscard]] const SimVenueConfig& config() const { return cfg_; }

 private:
  struct SimOrder {
    model::OrderIntent o;
    core::VenueOrderId venue_id;
    model::OrderStatus status = model::OrderStatus::kPendingNew;
    std::int64_t filled_units = 0;
    __int128 notional_raw = 0;
    bool arrived = false;
    bool resting = false;    // not marketable on arrival: fills at its limit later
    bool triggered = false;  // stop orders
    bool external = false;
    core::Timestamp ts_updated;
    core::FixedString<96> reason;
  };

  core::Timestamp now() const;
  core::Status check_tradable(const model::OrderIntent& o) const;
  core::Status check_buying_power(const model::OrderIntent& o) const;
  const model::TickRule* tick_rule(core::InstrumentId id) const;
  SimOrder* find(const core::ClientOrderId& id);
  SimOrder& accept(const model::OrderIntent& o, bool external);
  void arrive(const core::ClientOrderId& id);
  void try_match(SimOrder& so, bool on_arrival);
  void execute(SimOrder& so, std::int64_t units, const std::array<core::Price, model::kMaxLegs>& px,
               model::Liquidity liq);
  void book_fill(core::InstrumentId id, model::Side side, std::int64_t qty, core::Price price,
                 core::Price fee, std::int64_t multiplier);
  void finish(SimOrder& so, model::OrderStatus status, std::string_view reason);
  void report_update(const SimOrder& so);
  void report_fill(const model::Fill& f);
  VenueOrderState state_of(const SimOrder& so) const;
  std::optional<core::Price> settlement_value(core::InstrumentId underlying, core::Date d,
                                              model::SettlementTime when) const;

  const model::InstrumentRegistry& instruments_;
  const core::TradingCalendar& calendar_;
  SimVenueConfig cfg_;
  engine::Kernel* kernel_ = nullptr;
  std::vector<engine::SubscriptionId> subs_;
  std::vector<engine::TimerId> timers_;

  std::deque<SimOrder> orders_;
  std::unordered_map<core::ClientOrderId, std::size_t> index_;
  std::unordered_map<std::uint32_t, LegBook> books_;
  std::unordered_map<std::uint32_t, core::Price> last_price_;
  std::map<std::tuple<std::uint32_t, std::int64_t, int>, core::Price> settlement_prices_;
  std::map<core::InstrumentId, SimPosition> positions_;
  core::Price cash_;
  std::vector<model::Fill> fills_;
  std::vector<SettlementRecord> settlements_;
  std::uint64_t order_seq_ = 0;
  std::uint64_t exec_seq_ = 0;
  std::size_t fail_submits_ = 0;
  bool fail_after_accept_ = false;
  bool drop_reports_ = false;
};

}  // namespace zerodte::execution::sim
