#pragma once
// What the Tradier adapter knows about orders, shared by the REST calls (kernel thread) and the
// account stream (its own thread): our client_order_id <-> Tradier order id (the tag is the
// client_order_id; after an in-place modify the same Tradier order carries the replacement's
// id), each order's legs, and how much of it we have reported as filled.
//
// Fills: Tradier has no per-execution ids on the account stream or the order list, so a fill
// is the growth of an order's (or leg's) cumulative executed quantity, priced from the change
// of its average price, exec_id "<order id>[/<leg>]-<cumulative qty>". Stream events and the
// reconciliation's fills_since() go through the same counters, so each execution is reported
// once whichever path sees it first. Listings and queries only learn ids and stages.
// Out-of-order events: an update goes through only when it moves the order forward (more
// executed, or the same and a later stage), never after a final state.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/adapters/tradier/tradier_codec.hpp"

namespace zerodte::adapters::tradier {

struct Produced {
  std::vector<model::OrderUpdate> updates;
  std::vector<model::Fill> fills;
  std::size_t stale = 0;
};

class TradierOrderBook {
 public:
  void on_submitted(const model::OrderIntent& order, const std::string& venue_id);
  // In-place modify: the Tradier order now belongs to `replacement` (whose fills start at the
  // executed quantity it has now).
  void on_modified(const std::string& venue_id, const model::OrderIntent& replacement);
  // A listing or query: ids, legs and stage only.
  void learn(const TradierOrder& o);

  // A stream event for a known single-leg order.
  Produced on_event(const OrderEvent& e, core::Timestamp ts_recv);
  // A full order (fetched for a stream event, or from the list in fills_since): fills for the
  // growth; an update too when `with_update`.
  Produced on_order(const TradierOrder& o, core::Timestamp ts_recv, bool with_update);

  [[nodiscard]] bool knows_simple(const std::string& venue_id) const;
  [[nodiscard]] bool knows(const std::string& venue_id) const;
  [[nodiscard]] bool has_client_id(const core::ClientOrderId& id) const;
  [[nodiscard]] std::optional<std::string> venue_id_of(const core::ClientOrderId& id) const;
  [[nodiscard]] std::optional<core::ClientOrderId> owner_of(const std::string& venue_id) const;
  [[nodiscard]] std::optional<model::OrderIntent> intent_of(const core::ClientOrderId& id) const;
  [[nodiscard]] std::int64_t filled_of(
      const std::string& venue_id) const;  // since the owner took over
  [[nodiscard]] std::uint64_t stale_total() const;

 private:
  struct Track {
    core::ClientOrderId owner;
    model::OrderIntent intent;
    bool known_legs = false;
    int rank = -1;
    std::int64_t exec = -1;      // order-level cumulative executed quantity seen
    std::int64_t exec_base = 0;  // executed before the current owner (in-place modify)
    bool final = false;
    std::vector<std::int64_t> leg_exec;  // cumulative per leg, as reported as fills
    std::vector<core::Price> leg_avg;
  };
  Track& track_locked(const std::string& venue_id);
  void learn_locked(const TradierOrder& o);
  bool forward_locked(Track& t, model::OrderStatus status, std::int64_t exec);
  void fill_growth_locked(Track& t, const std::string& venue_id, std::size_t leg, std::int64_t cum,
                          core::Price avg, core::Price last_price, core::Timestamp ts,
                          core::Timestamp ts_recv, Produced& out);
  model::OrderUpdate update_locked(const Track& t, const std::string& venue_id,
                                   model::OrderStatus status, std::int64_t exec,
                                   std::int64_t leaves, core::Price avg, core::Timestamp ts,
                                   core::Timestamp ts_recv) const;

  mutable std::mutex mu_;
  std::unordered_map<std::string, Track> tracks_;
  std::unordered_map<core::ClientOrderId, std::string> venue_by_client_;
  std::uint64_t stale_total_ = 0;
};

}  // namespace zerodte::adapters::tradier
