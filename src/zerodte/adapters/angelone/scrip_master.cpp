#include "zerodte/adapters/angelone/scrip_master.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace zerodte::adapters::angelone {

namespace json = boost::json;

core::Result<ScripMaster> ScripMaster::from_json(std::string_view text) {
  boost::system::error_code ec;
  const json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) {
    return core::fail(core::ErrorCode::kParse, "scrip master: expected a JSON array");
  }
  ScripMaster m;
  std::size_t i = 0;
  for (const auto& row : v.as_array()) {
    if (!row.is_object()) {
      return core::fail(core::ErrorCode::kParse, "scrip master row {}: not an object", i);
    }
    const auto& o = row.as_object();
    auto s = [&](const char* k) {
      const json::value* x = o.if_contains(k);
      return x != nullptr && x->is_string() ? std::string(x->as_string()) : std::string();
    };
    Scrip sc;
    sc.token = s("token");
    sc.symbol = s("symbol");
    sc.name = s("name");
    sc.exchange = s("exch_seg");
    sc.instrument_type = s("instrumenttype");
    auto num = [&](const char* k) -> core::Result<core::Price> {
      const std::string t = s(k);
      if (t.empty()) return core::Price::zero();
      auto p = core::Price::parse(t);
      if (!p) {
        return core::fail(core::ErrorCode::kParse,
                          "scrip master row {} ({}): {} '{}' is not a number", i, sc.symbol, k, t);
      }
      return *p;
    };
    auto lot = num("lotsize");
    auto tick = num("tick_size");
    auto strike = num("strike");
    if (!lot) return std::unexpected(lot.error());
    if (!tick) return std::unexpected(tick.error());
    if (!strike) return std::unexpected(strike.error());
    sc.lot_size = lot->raw() / core::Price::kScale;
    sc.tick = core::Price::from_raw(tick->raw() / 100);      // paise -> rupees
    sc.strike = core::Price::from_raw(strike->raw() / 100);  // paise -> rupees
    if (sc.token.empty() || sc.symbol.empty() || sc.exchange.empty()) {
      return core::fail(core::ErrorCode::kParse,
                        "scrip master row {}: token, symbol and exch_seg are required", i);
    }
    m.add(std::move(sc));
    ++i;
  }
  return m;
}

core::Result<ScripMaster> ScripMaster::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::fail(core::ErrorCode::kIo, "scrip master {}: cannot be read", path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto m = from_json(ss.str());
  if (!m) return std::unexpected(m.error().with_context(path));
  return m;
}

const Scrip* ScripMaster::find(std::string_view exchange, std::string_view symbol) const {
  auto it = by_symbol_.find(fmt::format("{}:{}", exchange, symbol));
  return it == by_symbol_.end() ? nullptr : &it->second;
}

}  // namespace zerodte::adapters::angelone
