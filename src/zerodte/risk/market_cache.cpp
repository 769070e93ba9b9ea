#include "zerodte/risk/market_cache.hpp"

namespace zerodte::risk {

InstrumentMarket& MarketCache::slot(core::InstrumentId id) {
  if (id.value >= items_.size()) items_.resize(static_cast<std::size_t>(id.value) + 1);
  return items_[id.value];
}

void MarketCache::on_quote(core::InstrumentId id, core::Price bid, core::Price ask,
                           core::Timestamp ts) {
  auto& m = slot(id);
  m.bid = bid;
  m.ask = ask;
  m.quote_ts = ts;
}

void MarketCache::on_last(core::InstrumentId id, core::Price last, core::Timestamp ts) {
  auto& m = slot(id);
  m.last = last;
  if (!m.quote_ts.is_set() || ts > m.quote_ts) m.quote_ts = ts;
}

void MarketCache::set_greeks(core::InstrumentId id, const portfolio::UnitGreeks& g) {
  auto& m = slot(id);
  m.greeks = g;
  m.has_greeks = true;
}

void MarketCache::set_open_interest(core::InstrumentId id, std::int64_t oi) {
  slot(id).open_interest = oi;
}

}  // namespace zerodte::risk
