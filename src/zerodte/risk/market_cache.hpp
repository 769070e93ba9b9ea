#pragma once
// What the pre-trade checks and breakers know of the market: the last NBBO, last trade, open
// interest and per-unit Greeks per instrument, the VIX, and the analytics heartbeat. Flat arrays
// indexed by InstrumentId (ids are dense), so a lookup on the order path is one load.
#include <cstdint>
#include <optional>
#include <vector>

#include "zerodte/core/ids.hpp"
#include "zerodte/core/price.hpp"
#include "zerodte/core/time.hpp"
#include "zerodte/portfolio/greeks_exposure.hpp"

namespace zerodte::risk {

struct InstrumentMarket {
  core::Price bid = core::Price::undefined();
  core::Price ask = core::Price::undefined();
  core::Price last = core::Price::undefined();
  core::Timestamp quote_ts;  // receive time of the last quote or trade
  portfolio::UnitGreeks greeks;
  bool has_greeks = false;
  std::int64_t open_interest = 0;

  [[nodiscard]] bool two_sided() const {
    return bid.is_defined() && ask.is_defined() && bid <= ask && ask.raw() > 0;
  }
  // Mid when two-sided, else last, else undefined.
  [[nodiscard]] core::Price reference() const {
    if (two_sided()) return core::Price::from_raw(bid.raw() + (ask.raw() - bid.raw()) / 2);
    return last;
  }
};

class MarketCache {
 public:
  void on_quote(core::InstrumentId id, core::Price bid, core::Price ask, core::Timestamp ts);
  void on_last(core::InstrumentId id, core::Price last, core::Timestamp ts);
  void set_greeks(core::InstrumentId id, const portfolio::UnitGreeks& g);
  void set_open_interest(core::InstrumentId id, std::int64_t oi);
  void set_vix(double vix, core::Timestamp ts) {
    vix_ = vix;
    vix_ts_ = ts;
  }
  void set_analytics_heartbeat(core::Timestamp ts) { analytics_heartbeat_ = ts; }

  [[nodiscard]] const InstrumentMarket* find(core::InstrumentId id) const {
    return id.value < items_.size() && items_[id.value].quote_ts.is_set() ? &items_[id.value]
                                                                          : nullptr;
  }
  [[nodiscard]] const InstrumentMarket* find_any(core::InstrumentId id) const {
    return id.value < items_.size() ? &items_[id.value] : nullptr;
  }
  [[nodiscard]] std::optional<double> vix() const { return vix_; }
  [[nodiscard]] core::Timestamp vix_ts() const { return vix_ts_; }
  [[nodiscard]] core::Timestamp analytics_heartbeat() const { return analytics_heartbeat_; }

 private:
  InstrumentMarket& slot(core::InstrumentId id);
  std::vector<InstrumentMarket> items_;
  std::optional<double> vix_;
  core::Timestamp vix_ts_;
  core::Timestamp analytics_heartbeat_;
};

}  // namespace zerodte::risk
