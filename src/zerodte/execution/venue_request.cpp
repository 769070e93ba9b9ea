#include "zerodte/execution/venue_request.hpp"

#include <array>
#include <cstring>

#include <fmt/format.h>

namespace zerodte::execution {
namespace {

class Writer {
 public:
  explicit Writer(std::span<char> out) : out_(out) {}
  void put(std::string_view s) {
    if (pos_ + s.size() > out_.size()) {
      overflow_ = true;
      return;
    }
    std::memcpy(out_.data() + pos_, s.data(), s.size());
    pos_ += s.size();
  }
  void price(core::Price p) {
    std::array<char, 32> buf{};
    put(std::string_view(buf.data(), format_price(p, buf)));
  }
  void integer(std::int64_t v) {
    std::array<char, 24> buf{};
    const auto r = fmt::format_to_n(buf.data(), buf.size(), "{}", v);
    put(std::string_view(buf.data(), r.size));
  }
  [[nodiscard]] std::size_t size() const { return pos_; }
  [[nodiscard]] bool overflow() const { return overflow_; }

 private:
  std::span<char> out_;
  std::size_t pos_ = 0;
  bool overflow_ = false;
};

std::string_view type_name(model::OrderType t) {
  switch (t) {
    case model::OrderType::kMarket:
      return "market";
    case model::OrderType::kLimit:
      return "limit";
    case model::OrderType::kStop:
      return "stop";
    case model::OrderType::kStopLimit:
      return "stop_limit";
  }
  return "limit";
}

std::string_view intent_name(model::PositionIntent p) {
  switch (p) {
    case model::PositionIntent::kBuyToOpen:
      return "buy_to_open";
    case model::PositionIntent::kBuyToClose:
      return "buy_to_close";
    case model::PositionIntent::kSellToOpen:
      return "sell_to_open";
    case model::PositionIntent::kSellToClose:
      return "sell_to_close";
    case model::PositionIntent::kAuto:
      return "";
  }
  return "";
}

}  // namespace

std::size_t format_price(core::Price p, std::span<char> out) {
  std::int64_t raw = p.raw();
  std::array<char, 32> buf{};
  std::size_t n = 0;
  const bool neg = raw < 0;
  // |INT64_MIN| is not representable; prices never get there (checked arithmetic upstream).
  std::uint64_t mag =
      neg ? static_cast<std::uint64_t>(-(raw + 1)) + 1 : static_cast<std::uint64_t>(raw);
  const std::uint64_t scale = static_cast<std::uint64_t>(core::Price::kScale);
  std::uint64_t units = mag / scale;
  std::uint64_t frac = mag % scale;
  if (neg) buf[n++] = '-';
  std::array<char, 20> digits{};
  std::size_t d = 0;
  do {
    digits[d++] = static_cast<char>('0' + units % 10);
    units /= 10;
  } while (units != 0);
  while (d > 0)
    buf[n++] = digits[--d];
  if (frac != 0) {
    buf[n++] = '.';
    int width = 9;
    while (frac % 10 == 0) {
      frac /= 10;
      --width;
    }
    for (int i = width - 1; i >= 0; --i) {
      std::uint64_t pow = 1;
      for (int k = 0; k < i; ++k)
        pow *= 10;
      buf[n++] = static_cast<char>('0' + (frac / pow) % 10);
    }
  }
  const std::size_t m = std::min(n, out.size());
  std::memcpy(out.data(), buf.data(), m);
  return m;
}

core::Result<std::size_t> write_order_json(const model::OrderIntent& o, const SymbolLookup& symbols,
                                           std::span<char> out) {
  Writer w(out);
  w.put("{\"client_order_id\":\"");
  w.put(o.client_order_id.view());
  w.put("\",\"qty\":\"");
  w.integer(o.quantity.value);
  w.put("\",\"type\":\"");
  w.put(type_name(o.type));
  w.put("\",\"time_in_force\":\"");
  w.put(model::to_string(o.tif));
  w.put("\"");
  if (o.type == model::OrderType::kLimit || o.type == model::OrderType::kStopLimit) {
    w.put(",\"limit_price\":\"");
    w.price(o.limit_price);
    w.put("\"");
  }
  if (o.type == model::OrderType::kStop || o.type == model::OrderType::kStopLimit) {
    w.put(",\"stop_price\":\"");
    w.price(o.stop_price);
    w.put("\"");
  }
  auto symbol_of = [&](std::size_t i) -> core::Result<std::string_view> {
    const std::string_view s = symbols ? symbols(o.legs[i].instrument) : std::string_view{};
    if (s.empty()) {
      return core::fail(core::ErrorCode::kNotFound, "order {}: no venue symbol for leg {} ({})",
                        o.client_order_id.view(), i, o.legs[i].instrument.value);
    }
    return s;
  };
  if (o.leg_count <= 1) {
    auto s = symbol_of(0);
    if (!s) return std::unexpected(s.error());
    w.put(",\"symbol\":\"");
    w.put(*s);
    w.put("\",\"side\":\"");
    w.put(model::to_string(o.legs[0].side));
    w.put("\"");
  } else {
    w.put(",\"order_class\":\"mleg\",\"legs\":[");
    for (std::size_t i = 0; i < o.leg_count; ++i) {
      auto s = symbol_of(i);
      if (!s) return std::unexpected(s.error());
      if (i > 0) w.put(",");
      w.put("{\"symbol\":\"");
      w.put(*s);
      w.put("\",\"side\":\"");
      w.put(model::to_string(o.legs[i].side));
      w.put("\",\"ratio_qty\":\"");
      w.integer(o.legs[i].ratio);
      w.put("\"");
      if (const auto pi = intent_name(o.legs[i].intent); !pi.empty()) {
        w.put(",\"position_intent\":\"");
        w.put(pi);
        w.put("\"");
      }
      w.put("}");
    }
    w.put("]");
  }
  w.put("}");
  if (w.overflow()) {
    return core::fail(core::ErrorCode::kOutOfRange, "order {}: request larger than {} bytes",
                      o.client_order_id.view(), out.size());
  }
  return w.size();
}

}  // namespace zerodte::execution
