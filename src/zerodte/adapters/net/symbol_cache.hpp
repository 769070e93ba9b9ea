#pragma once
// Symbol -> InstrumentId for feed decoders: interns vendor symbols (tickers, OCC options in any
// form, Polygon's "O:" / "I:" prefixes) in the InstrumentRegistry and caches them per decoder, so
// a warm decoder takes no lock and allocates nothing per message. Part of zerodte_adapters_feed.
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::net {

class SymbolCache {
 public:
  explicit SymbolCache(model::InstrumentRegistry& reg) : reg_(reg) {}
  core::Result<core::InstrumentId> get(std::string_view symbol) {
    if (auto it = map_.find(symbol); it != map_.end()) return it->second;
    auto id = reg_.intern_us_symbol(symbol);
    if (!id) return id;
    map_.emplace(std::string(symbol), *id);
    return id;
  }
  [[nodiscard]] model::InstrumentRegistry& registry() { return reg_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  model::InstrumentRegistry& reg_;
  std::unordered_map<std::string, core::InstrumentId, Hash, std::equal_to<>> map_;
};

}  // namespace zerodte::adapters::net
