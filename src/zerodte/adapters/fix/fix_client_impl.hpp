#pragma once
// Internal state of FixExecutionClient, shared by fix_execution_client.cpp (calls from the
// kernel thread) and fix_inbound.cpp (messages from QuickFIX's thread). Not a public header.
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "zerodte/adapters/fix/fix_codec.hpp"
#include "zerodte/adapters/fix/fix_engine.hpp"
#include "zerodte/adapters/fix/fix_execution_client.hpp"

namespace zerodte::adapters::fix {

struct FixOrderEntry {
  model::OrderIntent intent;  // as sent, or as learned from a status report
  execution::VenueOrderState state;
  std::int64_t cum_offset = 0;  // executed by earlier orders of a cancel/replace chain
  std::string replaces;         // ClOrdID this order replaces (cancel/replace)
};

// A synchronous request (H, AF, AN) waiting for its answers.
struct FixPending {
  std::vector<FixMessage> messages;
  int expected = -1;  // answers announced (TotNumReports / TotalNumPosReports); -1 unknown
  bool done = false;
  core::Error error;  // set when the venue refused the request
  bool failed = false;
};

using FixOutEvent = std::variant<model::OrderUpdate, model::Fill, model::FeedStatus>;

struct FixExecutionClient::Impl {
  Impl(FixConfig c, const model::InstrumentRegistry& i, engine::Inbox& in, const core::Clock& cl,
       execution::BrokerCapabilities cp)
      : cfg(std::move(c)), instruments(i), inbox(in), clock(cl), caps(cp) {}

  FixConfig cfg;
  const model::InstrumentRegistry& instruments;
  engine::Inbox& inbox;
  const core::Clock& clock;
  execution::BrokerCapabilities caps;
  std::unique_ptr<FixEngine> engine;

  mutable std::mutex mu;
  mutable std::condition_variable cv;
  std::unordered_map<std::string, FixOrderEntry> orders;
  std::unordered_map<std::string, std::string> cancel_to_orig;
  std::unordered_set<std::string> exec_ids;
  std::vector<model::Fill> fills;
  std::map<std::string, FixPending> pending;
  std::uint64_t next_request = 1;
  std::uint64_t next_cancel = 1;
  FixClientStats stats;
  std::atomic<bool> up{false};
  bool ever_up = false;
  std::string logon_refused;  // Text of the venue's Logout answering our Logon (auth failure)

  // Inbound (QuickFIX thread).
  void on_logon();
  void on_logout(const std::string& reason);
  void on_app(const FixMessage& m);
  void on_execution_report(const FixMessage& m);
  void on_cancel_reject(const FixMessage& m);
  void on_business_reject(const FixMessage& m);
  void on_position_message(const FixMessage& m);
  // Posts outside the lock (kBlock may wait for the kernel, which may be waiting for `mu`).
  void post(const std::vector<FixOutEvent>& events);
  model::FeedStatus feed_status(model::FeedState state, std::string_view detail) const;

  // Helpers used under `mu`.
  FixOrderEntry& entry_for_report(const ExecReport& r);
  void apply_report(FixOrderEntry& e, const ExecReport& r, model::OrderStatus status);
  model::OrderUpdate update_of(const FixOrderEntry& e, core::Timestamp ts_event) const;
  std::vector<model::Fill> fills_of(const FixOrderEntry& e, const ExecReport& r,
                                    core::Timestamp ts_event) const;
  std::optional<core::InstrumentId> instrument_by_symbol(std::string_view symbol) const;
  execution::VenueOrderState state_from_report(const ExecReport& r);

  // Calls (kernel thread).
  core::Status require_session(std::string_view what) const;
  core::Result<std::vector<FixMessage>> request(FixMessage m, const std::string& id,
                                                std::string_view what);
  FixOrderContext context() const { return FixOrderContext{instruments, cfg.account, clock.now()}; }
};

}  // namespace zerodte::adapters::fix
