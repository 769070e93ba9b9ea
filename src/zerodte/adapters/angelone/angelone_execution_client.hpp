#pragma once
// AngelOne SmartAPI execution client for NSE index options (docs/ADAPTERS.md, "AngelOne").
//
// Every batch of API calls starts with TokenManager::ensure_valid() (seed 004 §2.1): login with
// TOTP when there is no session, refresh when < 30 min of validity remain, trading paused (new
// orders refused with kAuth, FeedStatus "paused" posted) when the refresh fails. A call the venue
// refuses for its token (AG8001/AG8002) is retried once after a refresh.
//
// Orders: single-leg NSE options, checked against the NSE rules first (lot multiple, freeze
// quantity, Rs 0.05 tick, +/-20% of LTP; nse_order_rules.hpp); ordertag = client_order_id.
// SmartAPI has no duplicate-tag check, so after a lost answer the order manager's
// query_order() finds the order by its tag in the order book and adopts it instead of resending.
// Modify is in place (modifyOrder); the original is reported replaced and the replacement
// (new client id, same AngelOne orderid) accepted. Updates and fills come from poll_once()
// (order book + trade book diff), which the owner calls at most once a second (the venue's
// limit for both books); changes are posted to the kernel inbox (kBlock).
// Orders placed elsewhere carry no tag: they appear as "ao-<orderid>".
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "zerodte/adapters/angelone/nse_order_rules.hpp"
#include "zerodte/adapters/angelone/scrip_master.hpp"
#include "zerodte/adapters/angelone/smartapi_rest.hpp"
#include "zerodte/adapters/angelone/token_manager.hpp"
#include "zerodte/engine/inbox.hpp"
#include "zerodte/execution/execution_client.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::angelone {

struct AngelOneConfig {
  std::string venue_name = "angelone";
  SmartApiConfig rest;
  TokenManagerConfig tokens;
  NseRuleConfig rules;
  std::string product_type = "CARRYFORWARD";             // NRML; "INTRADAY" for MIS
  core::Duration ltp_max_age = std::chrono::seconds(5);  // older cached LTP: ask getLtpData
};

class AngelOneExecutionClient final : public execution::ExecutionClient {
 public:
  AngelOneExecutionClient(AngelOneConfig cfg, AngelOneCredentials creds,
                          const model::InstrumentRegistry& instruments, const ScripMaster& scrips,
                          engine::Inbox& inbox, const core::Clock& clock);
  ~AngelOneExecutionClient() override;

  // Order book + trade book: posts OrderUpdate for every status/fill-quantity change and a Fill
  // for every new trade (oldest first). Call at most once a second.
  core::Status poll_once();
  // Runs poll_once() every `interval` (wall clock) on a thread of its own until
  // stop_polling(); failures are logged and, after three in a row, posted as FeedStatus stale.
  void start_polling(core::Duration interval = std::chrono::seconds(1));
  void stop_polling();
  // Last traded price from the market-data stream, for the price band check.
  void set_ltp(core::InstrumentId id, core::Price ltp, core::Timestamp ts);

  TokenManager& tokens();
  SmartApiRest& rest();

  [[nodiscard]] std::string_view venue_name() const override;
  [[nodiscard]] const execution::BrokerCapabilities& capabilities() const override;
  core::Result<execution::SubmitAck> submit(const model::OrderIntent& order) override;
  core::Result<execution::SubmitAck> modify(const execution::ModifyRequest& request) override;
  core::Status cancel(const core::ClientOrderId& id, const core::VenueOrderId& venue_id) override;
  core::Result<std::vector<execution::VenueOrderState>> open_orders() override;
  core::Result<execution::VenueOrderState> query_order(const core::ClientOrderId& id) override;
  core::Result<std::vector<model::Fill>> fills_since(core::Timestamp since) override;
  core::Result<std::vector<execution::PositionSnapshot>> positions() override;
  core::Result<execution::AccountSnapshot> account() override;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// "HH:MM:SS" (IST, Asia/Kolkata = UTC+05:30, no DST) on the IST calendar day of `now`.
core::Result<core::Timestamp> ist_time_today(std::string_view hhmmss, core::Timestamp now);

}  // namespace zerodte::adapters::angelone
