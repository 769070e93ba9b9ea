#pragma once
// Turns trade_updates messages into the kernel's OrderUpdate and Fill events, and keeps the
// order-id book the REST side shares (venue id <-> our client_order_id, mleg leg ids).
//
// Out-of-order delivery: Alpaca does not promise ordering across reconnects and replays, so an
// update only goes through when it moves the order forward: more filled quantity, or the same
// quantity and a later stage (pending_new < new < partially_filled < pending_* < final); nothing
// after a final state except a cancel/replace refusal. Fills always go through (the order
// manager drops duplicate exec_ids), so a fill that arrives after its order's "filled" report is
// still counted. mleg fills are per leg: the growth of each leg's filled_qty, priced from the
// change in its average (exact VWAP arithmetic), exec_id "<execution_id>/<leg>".
// Thread-safe: the stream thread routes, the kernel thread (REST calls) registers ids.
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/adapters/alpaca/broker/alpaca_codec.hpp"
#include "zerodte/engine/event.hpp"

namespace zerodte::adapters::alpaca {

struct RoutedEvents {
  std::vector<model::OrderUpdate> updates;
  std::vector<model::Fill> fills;
  std::size_t stale_updates = 0;  // dropped as out of order
};

class AlpacaUpdateRouter {
 public:
  RoutedEvents route(const StreamMessage& m, core::Timestamp ts_recv);

  // The id book: learnt from submit/replace acks, listings and queries (REST); the order's
  // stage counts as seen, so an older stream event cannot move it back.
  void remember(const AlpacaOrder& o);
  [[nodiscard]] std::optional<std::string> venue_id_of(const core::ClientOrderId& id) const;
  // For fill activities: order id (or mleg leg id) -> our id and leg index.
  struct Owner {
    core::ClientOrderId client_order_id;
    std::uint8_t leg_index = 0;
  };
  [[nodiscard]] std::optional<Owner> owner_of(std::string_view venue_order_id) const;
  // Alpaca's own client_order_id for one of ours (differs for aliased foreign ids).
  [[nodiscard]] std::string alpaca_client_id(const core::ClientOrderId& id) const;
  [[nodiscard]] std::uint64_t stale_total() const;

 private:
  struct OrderTrack {
    int rank = -1;
    std::int64_t filled = -1;
    bool final = false;
    std::vector<std::int64_t> leg_filled;
    std::vector<core::Price> leg_avg;
  };
  void remember_locked(const AlpacaOrder& o);

  mutable std::mutex mu_;
  std::unordered_map<std::string, OrderTrack> tracks_;  // by venue order id
  std::unordered_map<core::ClientOrderId, std::string> venue_by_client_;
  std::unordered_map<std::string, Owner> owner_by_venue_;
  std::unordered_map<core::ClientOrderId, std::string> alpaca_client_by_local_;
  std::uint64_t stale_total_ = 0;
};

}  // namespace zerodte::adapters::alpaca
