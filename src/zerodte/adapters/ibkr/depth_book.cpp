#include "zerodte/adapters/ibkr/depth_book.hpp"

#include <algorithm>

namespace zerodte::adapters::ibkr {

DepthBook::DepthBook(int rows) : rows_(std::clamp(rows, 1, kMaxRows)) {}

void DepthBook::clear() {
  side_ = {};
  n_ = {0, 0};
}

core::Status DepthBook::apply(const DepthMsg& m) {
  auto& rows = side_[static_cast<std::size_t>(m.side)];
  int& n = n_[static_cast<std::size_t>(m.side)];
  const int pos = m.position;
  const char* side_name = m.side == 1 ? "bid" : "ask";
  if (pos < 0 || pos >= rows_) {
    return core::fail(core::ErrorCode::kOutOfRange,
                      "ibkr depth ticker {}: {} row {} beyond the {} subscribed rows", m.ticker_id,
                      side_name, pos, rows_);
  }
  switch (m.operation) {
    case 0: {  // insert
      if (pos > n) {
        return core::fail(core::ErrorCode::kInvalid,
                          "ibkr depth ticker {}: insert at {} row {} leaves a gap ({} rows)",
                          m.ticker_id, side_name, pos, n);
      }
      const int last = std::min(n, rows_ - 1);
      for (int i = last; i > pos; --i)
        rows[static_cast<std::size_t>(i)] = rows[static_cast<std::size_t>(i - 1)];
      rows[static_cast<std::size_t>(pos)] = Row{m.price, m.size};
      n = std::min(n + 1, rows_);
      return core::ok();
    }
    case 1:  // update
      if (pos >= n) {
        // TWS may "update" the next empty row; treat it as an append when contiguous.
        if (pos == n) {
          rows[static_cast<std::size_t>(pos)] = Row{m.price, m.size};
          ++n;
          return core::ok();
        }
        return core::fail(core::ErrorCode::kInvalid,
                          "ibkr depth ticker {}: update of missing {} row {} ({} rows)",
                          m.ticker_id, side_name, pos, n);
      }
      rows[static_cast<std::size_t>(pos)] = Row{m.price, m.size};
      return core::ok();
    case 2:  // delete
      if (pos >= n) {
        return core::fail(core::ErrorCode::kInvalid,
                          "ibkr depth ticker {}: delete of missing {} row {} ({} rows)",
                          m.ticker_id, side_name, pos, n);
      }
      for (int i = pos; i + 1 < n; ++i)
        rows[static_cast<std::size_t>(i)] = rows[static_cast<std::size_t>(i + 1)];
      --n;
      rows[static_cast<std::size_t>(n)] = Row{};
      return core::ok();
    default:
      return core::fail(core::ErrorCode::kInvalid, "ibkr depth ticker {}: operation {} unknown",
                        m.ticker_id, m.operation);
  }
}

model::BookDepth DepthBook::snapshot(core::InstrumentId id, core::Timestamp ts_event,
                                     core::Timestamp ts_recv) const {
  model::BookDepth b;
  b.hdr.instrument = id;
  b.hdr.ts_event = ts_event;
  b.hdr.ts_recv = ts_recv;
  const int depth = std::max(n_[0], n_[1]);
  b.depth = static_cast<std::uint8_t>(depth);
  for (int i = 0; i < depth; ++i) {
    auto& lvl = b.levels[static_cast<std::size_t>(i)];
    if (i < n_[1]) {
      lvl.bid_px = side_[1][static_cast<std::size_t>(i)].price;
      lvl.bid_size = side_[1][static_cast<std::size_t>(i)].size;
    }
    if (i < n_[0]) {
      lvl.ask_px = side_[0][static_cast<std::size_t>(i)].price;
      lvl.ask_size = side_[0][static_cast<std::size_t>(i)].size;
    }
  }
  return b;
}

}  // namespace zerodte::adapters::ibkr
