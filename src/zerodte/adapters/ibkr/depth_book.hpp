#pragma once
// The L2 book of one subscription, maintained from TWS updateMktDepth/updateMktDepthL2 messages
// (operation 0 insert at a row, shifting the rows below down; 1 update a row; 2 delete a row,
// shifting the rows below up; side 0 ask, 1 bid) and exported as a model::BookDepth of up to ten
// levels (seed 003: "top 10 price levels").
#include <array>
#include <cstdint>

#include "zerodte/adapters/ibkr/tws_messages.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::adapters::ibkr {

class DepthBook {
 public:
  static constexpr int kMaxRows = static_cast<int>(model::BookDepth::kMaxLevels);

  explicit DepthBook(int rows = kMaxRows);
  // Applies one update; an update/delete of a row that does not exist, or a row beyond the
  // subscribed depth, is an error naming the ticker and the row (the book is then unchanged).
  core::Status apply(const DepthMsg& m);
  void clear();
  [[nodiscard]] model::BookDepth snapshot(core::InstrumentId id, core::Timestamp ts_event,
                                          core::Timestamp ts_recv) const;
  [[nodiscard]] int bid_rows() const { return n_[1]; }
  [[nodiscard]] int ask_rows() const { return n_[0]; }

 private:
  struct Row {
    core::Price price = core::Price::undefined();
    std::int64_t size = 0;
  };
  int rows_;
  std::array<std::array<Row, kMaxRows>, 2> side_{};  // [0] asks, [1] bids
  std::array<int, 2> n_{0, 0};
};

}  // namespace zerodte::adapters::ibkr
