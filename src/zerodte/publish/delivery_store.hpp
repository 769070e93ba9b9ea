#pragma once
// Where distribution keeps its state (SQLite): every delivery (one message to one route) with its
// status (pending -> sending -> sent | failed), attempts, receipt, last error and due time, plus
// a log of every attempt (sent / retried / failed); the subscriber list with tier membership; and
// each published signal with the P&L later attributed to it. A delivery's key is unique, so a
// message enqueued twice (a replay, a restart) is delivered once.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/publish/channel.hpp"
#include "zerodte/publish/signal_alert.hpp"

namespace zerodte::store {
class SqlConnection;
}

namespace zerodte::publish {

struct DeliveryRow {
  std::string key;
  std::string route;   // "discord:premium"
  std::string status;  // "pending", "sending", "sent", "failed"
  int attempts = 0;
  std::string receipt;
  std::string last_error;
  core::Timestamp due;
  core::Timestamp updated;
  OutboundMessage message;
};

struct Subscriber {
  std::int64_t id = 0;
  std::string name;
  Tier tier = Tier::kFree;
  std::string channel;  // "email", "telegram", "discord", "webhook"
  std::string address;  // email address, chat id, webhook URL
  bool active = true;
};

struct SignalPnl {
  std::uint64_t signal_id = 0;
  std::string strategy;
  std::string symbol;
  std::string text;  // the premium text as published
  core::Timestamp published;
  double realized_pnl = 0;
};

class DeliveryStore {
 public:
  static core::Result<std::unique_ptr<DeliveryStore>> open(const std::filesystem::path& file);
  ~DeliveryStore();

  // Inserts a pending delivery; false (and nothing changes) when the key is already known.
  core::Result<bool> enqueue(const OutboundMessage& m, std::string_view route, core::Timestamp due);
  core::Result<std::optional<DeliveryRow>> get(std::string_view key);
  core::Status mark_sending(std::string_view key, core::Timestamp ts);
  core::Status mark_sent(std::string_view key, std::string_view receipt, core::Timestamp ts);
  core::Status mark_retry(std::string_view key, std::string_view error, core::Timestamp next_due,
                          core::Timestamp ts);
  core::Status mark_failed(std::string_view key, std::string_view error, core::Timestamp ts);
  // Pending and sending deliveries (a "sending" one was interrupted by a crash), by due time.
  core::Result<std::vector<DeliveryRow>> unfinished();
  core::Result<std::vector<DeliveryRow>> all();
  // (key, attempt, outcome, detail) of every attempt, in order.
  core::Result<std::vector<std::vector<std::string>>> attempts(std::string_view key);

  core::Result<std::int64_t> add_subscriber(const Subscriber& s);
  core::Status set_tier(std::int64_t id, Tier tier);
  core::Status set_active(std::int64_t id, bool active);
  core::Result<std::vector<Subscriber>> subscribers();
  core::Result<std::vector<std::string>> addresses(Tier tier, std::string_view channel);

  core::Status record_signal(const SignalAlert& s, std::string_view text, core::Timestamp ts);
  core::Status attribute_pnl(std::uint64_t signal_id, double realized_pnl, core::Timestamp ts);
  core::Result<std::vector<SignalPnl>> signal_pnl();

 private:
  explicit DeliveryStore(std::unique_ptr<store::SqlConnection> db);
  core::Status log(std::string_view key, int attempt, std::string_view outcome,
                   std::string_view detail, core::Timestamp ts);
  core::Result<std::vector<DeliveryRow>> rows(
      std::string_view where,
      std::span<const std::variant<std::monostate, std::int64_t, double, std::string>> params = {});
  std::unique_ptr<store::SqlConnection> db_;
};

}  // namespace zerodte::publish
