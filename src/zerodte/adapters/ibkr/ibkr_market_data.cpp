// IbkrClient market data: reqMktData ticks -> Quote / OptionQuote (with TWS's model Greeks from
// tickOptionComputation), reqMktDepth -> BookDepth (top 10 levels).
#include <boost/asio/post.hpp>

#include <spdlog/spdlog.h>

#include "zerodte/adapters/ibkr/ibkr_client_impl.hpp"
#include "zerodte/adapters/ibkr/tws_contract.hpp"
#include "zerodte/adapters/ibkr/tws_protocol.hpp"
#include "zerodte/core/clock.hpp"

namespace zerodte::adapters::ibkr {
namespace {

void emit(IbkrClient::Impl& im, TickerState& t) {
  const core::Timestamp now = core::wall_clock_now();
  if (t.option) {
    t.q.hdr.instrument = t.instrument;
    t.q.hdr.ts_event = t.q.hdr.ts_recv = now;
    im.market_events.emplace_back(t.q);
    return;
  }
  model::Quote q;
  q.hdr.instrument = t.instrument;
  q.hdr.ts_event = q.hdr.ts_recv = now;
  q.bid = t.q.bid;
  q.ask = t.q.ask;
  q.bid_size = t.q.bid_size;
  q.ask_size = t.q.ask_size;
  im.market_events.emplace_back(q);
}

}  // namespace

void IbkrClient::Impl::on_tick_price(const TickPriceMsg& m) {
  auto it = tickers.find(m.ticker_id);
  if (it == tickers.end()) return;
  TickerState& t = it->second;
  // -1 means "no price" (e.g. no bid); keep it undefined.
  const core::Price p =
      m.price.is_defined() && m.price.raw() >= 0 ? m.price : core::Price::undefined();
  switch (m.tick_type) {
    case tick::kBid:
      t.q.bid = p;
      t.q.bid_size = m.size;
      break;
    case tick::kAsk:
      t.q.ask = p;
      t.q.ask_size = m.size;
      break;
    case tick::kLast:
      t.q.last = p;
      break;
    default:
      return;
  }
  emit(*this, t);
}

void IbkrClient::Impl::on_tick_size(const TickSizeMsg& m) {
  auto it = tickers.find(m.ticker_id);
  if (it == tickers.end()) return;
  TickerState& t = it->second;
  switch (m.tick_type) {
    case tick::kBidSize:
      t.q.bid_size = m.size;
      break;
    case tick::kAskSize:
      t.q.ask_size = m.size;
      break;
    case tick::kVolume:
      t.q.volume = m.size;
      return;
    case tick::kOptionCallOpenInterest:
    case tick::kOptionPutOpenInterest:
      t.q.open_interest = m.size;
      return;
    default:
      return;
  }
  emit(*this, t);
}

void IbkrClient::Impl::on_tick_option(const TickOptionMsg& m) {
  auto it = tickers.find(m.ticker_id);
  if (it == tickers.end() || !it->second.option) return;
  if (m.tick_type != tick::kModelOptionComputation) return;  // bid/ask/last IVs not used
  TickerState& t = it->second;
  // TWS sends -1 (IV, prices) / -2 (Greeks) when it could not compute a value.
  if (m.implied_vol < 0 || m.delta < -1.0 || m.delta > 1.0) return;
  t.q.greeks.iv = m.implied_vol;
  t.q.greeks.delta = m.delta;
  t.q.greeks.gamma = m.gamma > -2 ? m.gamma : 0;
  t.q.greeks.vega = m.vega > -2 ? m.vega : 0;
  t.q.greeks.theta = m.theta > -2 ? m.theta : 0;
  t.q.has_greeks = true;
  if (m.und_price > 0) {
    if (auto p = core::Price::from_double(m.und_price)) t.q.underlying_price = *p;
  }
  emit(*this, t);
}

void IbkrClient::Impl::on_depth(const DepthMsg& m) {
  auto it = tickers.find(m.ticker_id);
  if (it == tickers.end() || !it->second.depth) return;
  TickerState& t = it->second;
  if (auto s = t.book.apply(m); !s) {
    ++h.decode_errors;
    h.last_error = s.error().message;
    return;
  }
  const core::Timestamp now = core::wall_clock_now();
  market_events.emplace_back(t.book.snapshot(t.instrument, now, now));
}

void IbkrClient::Impl::resubscribe_market_data() {
  std::vector<std::string> out;
  {
    std::lock_guard lk(mu);
    for (auto& [tid, t] : tickers) {
      const auto* inst = reg.try_get(t.instrument);
      if (inst == nullptr) continue;
      auto c = ibkr::contract_for(*inst);
      if (!c) continue;
      if (auto k = con_ids.find(t.instrument); k != con_ids.end()) c->con_id = k->second;
      if (t.depth) {
        t.book.clear();
        out.push_back(encode_req_mkt_depth(tid, *c, cfg.depth_rows));
      } else {
        out.push_back(encode_req_mkt_data(tid, *c, ""));
      }
    }
  }
  for (auto& m : out)
    send(std::move(m));
}

namespace {

core::Status subscribe(IbkrClient::Impl& im, core::InstrumentId id, bool depth) {
  const auto* inst = im.reg.try_get(id);
  if (inst == nullptr) {
    return core::fail(core::ErrorCode::kNotFound, "ibkr subscribe: unknown instrument {}",
                      id.value);
  }
  auto c = contract_for(*inst);
  if (!c) return std::unexpected(c.error());
  std::int64_t tid = 0;
  bool ready = false;
  {
    std::lock_guard lk(im.mu);
    tid = im.next_ticker_id++;
    TickerState t;
    t.instrument = id;
    t.option = inst->is_option();
    t.depth = depth;
    t.book = DepthBook(im.cfg.depth_rows);
    im.tickers[tid] = t;
    ready = im.phase == Phase::kReady;
    if (auto k = im.con_ids.find(id); k != im.con_ids.end()) c->con_id = k->second;
  }
  if (ready) {  // otherwise the resync's resubscribe sends it
    std::string msg =
        depth ? encode_req_mkt_depth(tid, *c, im.cfg.depth_rows) : encode_req_mkt_data(tid, *c, "");
    boost::asio::post(im.ioc, [&im, msg = std::move(msg)]() mutable { im.send(std::move(msg)); });
  }
  return core::ok();
}

}  // namespace

core::Status IbkrClient::subscribe_quotes(core::InstrumentId id) {
  return subscribe(*impl_, id, false);
}

core::Status IbkrClient::subscribe_depth(core::InstrumentId id) {
  return subscribe(*impl_, id, true);
}

}  // namespace zerodte::adapters::ibkr
