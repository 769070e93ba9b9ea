#pragma once
// AngelOne SmartStream (WebSocket v2, wss://smartapisocket.angelone.in/smart-stream) binary
// market data: little-endian packets
//   0 mode (1 LTP, 2 Quote, 3 SnapQuote) | 1 exchange type | 2..26 token (NUL-terminated) |
//   27 sequence int64 | 35 exchange time int64 (epoch ms) | 43 LTP int64 (paise)   = 51 bytes
//   Quote adds: 51 last traded qty | 59 average price | 67 volume | 75 total buy qty (double) |
//   83 total sell qty (double) | 91 open | 99 high | 107 low | 115 close           = 123 bytes
//   SnapQuote adds: 123 last traded time | 131 open interest | 139 OI change | 147..346 best
//   five: 10 x {flag int16 (0 buy), qty int64, price int64, orders int16} | 347 upper circuit |
//   355 lower circuit | 363 52-week high | 371 52-week low                          = 379 bytes
// Prices are in paise (1/100 rupee; currency derivatives, exchange type 13, in 1e-7).
// Subscriptions are JSON text: {"correlationID":..,"action":1,"params":{"mode":..,
// "tokenList":[{"exchangeType":2,"tokens":[..]}]}}; the client sends "ping" every 30 s.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/model/market_events.hpp"

namespace zerodte::adapters::angelone {

enum class StreamMode : std::uint8_t { kLtp = 1, kQuote = 2, kSnapQuote = 3 };
// SmartStream exchange types.
inline constexpr std::uint8_t kNseCm = 1, kNseFo = 2, kBseCm = 3, kBseFo = 4, kMcxFo = 5,
                              kNcxFo = 7, kCdeFo = 13;

struct SmartDepthLevel {
  std::int64_t quantity = 0;
  core::Price price = core::Price::undefined();
  std::int32_t orders = 0;
};

struct SmartTick {
  StreamMode mode = StreamMode::kLtp;
  std::uint8_t exchange_type = 0;
  std::string token;
  std::int64_t sequence = 0;
  core::Timestamp exchange_time;
  core::Price ltp;
  // Quote and SnapQuote
  std::int64_t last_traded_qty = 0;
  core::Price avg_price = core::Price::undefined();
  std::int64_t volume = 0;
  double total_buy_qty = 0, total_sell_qty = 0;
  core::Price open = core::Price::undefined(), high = core::Price::undefined(),
              low = core::Price::undefined(), close = core::Price::undefined();
  // SnapQuote
  core::Timestamp last_traded_time;
  std::int64_t open_interest = 0;
  std::vector<SmartDepthLevel> bids, asks;  // best first
  core::Price upper_circuit = core::Price::undefined(), lower_circuit = core::Price::undefined();
};

// kParse naming the mode and the size when the packet is shorter than its mode requires or the
// mode is unknown.
core::Result<SmartTick> decode_smart_tick(std::span<const std::byte> packet);

std::string subscribe_message(std::string_view correlation_id, StreamMode mode,
                              std::uint8_t exchange_type, const std::vector<std::string>& tokens,
                              bool subscribe = true);

// zerodte events for one tick of `instrument`: options get an OptionQuote (last, bid/ask from the
// best five when present, volume, open interest); other instruments a Trade for Quote/SnapQuote
// ticks with a traded quantity; SnapQuote ticks also a five-level BookDepth.

struct SmartEvents {
  bool has_option_quote = false;
  model::OptionQuote option_quote;
  bool has_trade = false;
  model::Trade trade;
  bool has_depth = false;
  model::BookDepth depth;
};
SmartEvents to_events(const SmartTick& t, core::InstrumentId instrument, bool is_option,
                      core::Timestamp ts_recv);

}  // namespace zerodte::adapters::angelone
