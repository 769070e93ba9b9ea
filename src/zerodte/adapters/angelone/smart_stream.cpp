#include "zerodte/adapters/angelone/smart_stream.hpp"

#include <boost/json.hpp>
#include <cstring>

#include <fmt/format.h>

namespace zerodte::adapters::angelone {

namespace {

template <typename T>
T le(std::span<const std::byte> p, std::size_t off) {
  T v;
  std::memcpy(&v, p.data() + off, sizeof(T));  // x86-64 and the wire are both little-endian
  return v;
}

core::Price money(std::int64_t raw, std::uint8_t exchange_type) {
  // paise -> 1e-9 units: x 1e7; currency derivatives carry 1e-7 -> x 100.
  return core::Price::from_raw(raw * (exchange_type == kCdeFo ? 100 : 10'000'000));
}

}  // namespace

core::Result<SmartTick> decode_smart_tick(std::span<const std::byte> p) {
  if (p.size() < 51) {
    return core::fail(core::ErrorCode::kParse, "SmartStream packet of {} bytes: at least 51 needed",
                      p.size());
  }
  SmartTick t;
  const auto mode = le<std::uint8_t>(p, 0);
  if (mode < 1 || mode > 3) {
    return core::fail(core::ErrorCode::kParse, "SmartStream packet: unknown mode {}", mode);
  }
  t.mode = static_cast<StreamMode>(mode);
  const std::size_t need = mode == 1 ? 51 : mode == 2 ? 123 : 379;
  if (p.size() < need) {
    return core::fail(core::ErrorCode::kParse, "SmartStream mode {} packet of {} bytes: {} needed",
                      mode, p.size(), need);
  }
  t.exchange_type = le<std::uint8_t>(p, 1);
  const char* tok = reinterpret_cast<const char*>(p.data() + 2);
  t.token.assign(tok, strnlen(tok, 25));
  t.sequence = le<std::int64_t>(p, 27);
  t.exchange_time = core::Timestamp{le<std::int64_t>(p, 35) * 1'000'000};
  const std::uint8_t ex = t.exchange_type;
  t.ltp = money(le<std::int64_t>(p, 43), ex);
  if (mode >= 2) {
    t.last_traded_qty = le<std::int64_t>(p, 51);
    t.avg_price = money(le<std::int64_t>(p, 59), ex);
    t.volume = le<std::int64_t>(p, 67);
    t.total_buy_qty = le<double>(p, 75);
    t.total_sell_qty = le<double>(p, 83);
    t.open = money(le<std::int64_t>(p, 91), ex);
    t.high = money(le<std::int64_t>(p, 99), ex);
    t.low = money(le<std::int64_t>(p, 107), ex);
    t.close = money(le<std::int64_t>(p, 115), ex);
  }
  if (mode == 3) {
    t.last_traded_time = core::Timestamp::from_seconds(le<std::int64_t>(p, 123));
    t.open_interest = le<std::int64_t>(p, 131);
    for (int i = 0; i < 10; ++i) {
      const std::size_t off = 147 + static_cast<std::size_t>(i) * 20;
      SmartDepthLevel l;
      const auto flag = le<std::uint16_t>(p, off);
      l.quantity = le<std::int64_t>(p, off + 2);
      l.price = money(le<std::int64_t>(p, off + 10), ex);
      l.orders = le<std::uint16_t>(p, off + 18);
      if (l.quantity == 0 && l.price.raw() == 0) continue;  // empty level
      (flag == 0 ? t.bids : t.asks).push_back(l);           // SDK: flag 0 = buy side
    }
    t.upper_circuit = money(le<std::int64_t>(p, 347), ex);
    t.lower_circuit = money(le<std::int64_t>(p, 355), ex);
  }
  return t;
}

std::string subscribe_message(std::string_view correlation_id, StreamMode mode,
                              std::uint8_t exchange_type, const std::vector<std::string>& tokens,
                              bool subscribe) {
  boost::json::array list;
  boost::json::array toks;
  for (const auto& t : tokens)
    toks.emplace_back(t);
  list.emplace_back(boost::json::object{{"exchangeType", exchange_type}, {"tokens", toks}});
  boost::json::object msg{
      {"correlationID", correlation_id},
      {"action", subscribe ? 1 : 0},
      {"params", boost::json::object{{"mode", static_cast<int>(mode)}, {"tokenList", list}}}};
  return boost::json::serialize(msg);
}

SmartEvents to_events(const SmartTick& t, core::InstrumentId id, bool is_option,
                      core::Timestamp ts_recv) {
  SmartEvents e;
  const model::EventHeader hdr{id, t.exchange_time, ts_recv};
  if (is_option) {
    e.has_option_quote = true;
    auto& q = e.option_quote;
    q.hdr = hdr;
    q.last = t.ltp;
    q.bid = t.bids.empty() ? core::Price::undefined() : t.bids.front().price;
    q.ask = t.asks.empty() ? core::Price::undefined() : t.asks.front().price;
    q.bid_size = t.bids.empty() ? 0 : t.bids.front().quantity;
    q.ask_size = t.asks.empty() ? 0 : t.asks.front().quantity;
    q.volume = t.volume;
    q.open_interest = t.open_interest;
    q.underlying_price = core::Price::undefined();
  } else if (t.mode != StreamMode::kLtp && t.last_traded_qty > 0) {
    e.has_trade = true;
    e.trade.hdr = hdr;
    e.trade.price = t.ltp;
    e.trade.size = t.last_traded_qty;
    e.trade.sequence = static_cast<std::uint32_t>(t.sequence);
  }
  if (t.mode == StreamMode::kSnapQuote) {
    e.has_depth = true;
    e.depth.hdr = hdr;
    const std::size_t n = std::max(t.bids.size(), t.asks.size());
    e.depth.depth =
        static_cast<std::uint8_t>(std::min<std::size_t>(n, model::BookDepth::kMaxLevels));
    for (std::size_t i = 0; i < e.depth.depth; ++i) {
      auto& l = e.depth.levels[i];
      if (i < t.bids.size()) {
        l.bid_px = t.bids[i].price;
        l.bid_size = t.bids[i].quantity;
        l.bid_count = static_cast<std::uint32_t>(t.bids[i].orders);
      }
      if (i < t.asks.size()) {
        l.ask_px = t.asks[i].price;
        l.ask_size = t.asks[i].quantity;
        l.ask_count = static_cast<std::uint32_t>(t.asks[i].orders);
      }
    }
  }
  return e;
}

}  // namespace zerodte::adapters::angelone
