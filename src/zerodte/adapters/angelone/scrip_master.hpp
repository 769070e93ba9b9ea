#pragma once
// AngelOne's instrument master (OpenAPIScripMaster.json): an array of
//   {"token":"43612","symbol":"NIFTY28NOV2423500CE","name":"NIFTY","expiry":"28NOV2024",
//    "strike":"2350000.000000","lotsize":"25","instrumenttype":"OPTIDX","exch_seg":"NFO",
//    "tick_size":"5.000000"}
// (strike and tick_size in paise). Orders need the symbol token; the lot size here is the
// authoritative one for the contract (seed 004 "Lookup Token").
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "zerodte/core/error.hpp"
#include "zerodte/core/price.hpp"

namespace zerodte::adapters::angelone {

struct Scrip {
  std::string token, symbol, name, exchange, instrument_type;
  std::int64_t lot_size = 0;
  core::Price tick = core::Price::zero();    // rupees
  core::Price strike = core::Price::zero();  // rupees
};

class ScripMaster {
 public:
  // Rows with unparsable numbers are refused naming the row index and field.
  static core::Result<ScripMaster> from_json(std::string_view text);
  static core::Result<ScripMaster> load(const std::string& path);
  void add(Scrip s) { by_symbol_[s.exchange + ":" + s.symbol] = std::move(s); }
  [[nodiscard]] const Scrip* find(std::string_view exchange, std::string_view symbol) const;
  [[nodiscard]] std::size_t size() const { return by_symbol_.size(); }

 private:
  std::map<std::string, Scrip, std::less<>> by_symbol_;
};

}  // namespace zerodte::adapters::angelone
