#include "zerodte/adapters/ibkr/tws_contract.hpp"

#include <fmt/format.h>

namespace zerodte::adapters::ibkr {

core::Result<Contract> contract_for(const model::Instrument& inst) {
  Contract c;
  c.currency = inst.currency == model::Currency::kUsd ? "USD" : "INR";
  if (inst.currency != model::Currency::kUsd) {
    return core::fail(core::ErrorCode::kUnsupported,
                      "ibkr: {} is not a US instrument (only USD contracts are mapped)",
                      inst.symbol_view());
  }
  switch (inst.asset_class) {
    case model::AssetClass::kEquity:
    case model::AssetClass::kEtf:
      c.sec_type = "STK";
      c.symbol = inst.symbol.str();
      return c;
    case model::AssetClass::kIndex:
      c.sec_type = "IND";
      c.symbol = inst.symbol.str();
      c.exchange = "CBOE";
      return c;
    case model::AssetClass::kOption: {
      const model::OptionSpec& o = *inst.option;
      c.sec_type = "OPT";
      c.symbol = o.underlying.str();
      c.last_trade_date =
          fmt::format("{:04}{:02}{:02}", o.expiry.year, o.expiry.month, o.expiry.day);
      c.strike = o.strike;
      c.right = o.right == model::OptionRight::kCall ? "C" : "P";
      c.multiplier = std::to_string(inst.multiplier);
      c.trading_class = o.root.str();
      return c;
    }
    case model::AssetClass::kFuture:
      break;
  }
  return core::fail(core::ErrorCode::kUnsupported, "ibkr: no contract mapping for {}",
                    inst.symbol_view());
}

core::Result<core::InstrumentId> instrument_for(const Contract& c, model::InstrumentRegistry& reg) {
  if (c.sec_type == "OPT") {
    if (c.local_symbol.size() == model::OccSymbol::kPaddedLength) {
      if (auto id = reg.intern_option(c.local_symbol)) return *id;
    }
    const std::string_view d = c.last_trade_date;
    if (d.size() != 8) {
      return core::fail(core::ErrorCode::kParse,
                        "ibkr contract {} {}: lastTradeDate '{}' is not YYYYMMDD", c.con_id,
                        c.symbol, d);
    }
    auto digits = [&](std::size_t pos, std::size_t n) {
      int v = 0;
      for (std::size_t i = pos; i < pos + n; ++i) {
        if (d[i] < '0' || d[i] > '9') return -1;
        v = v * 10 + (d[i] - '0');
      }
      return v;
    };
    const core::Date expiry{digits(0, 4), digits(4, 2), digits(6, 2)};
    if (!expiry.valid() || (c.right != "C" && c.right != "P")) {
      return core::fail(core::ErrorCode::kParse,
                        "ibkr contract {} {}: expiry '{}' or right '{}' invalid", c.con_id,
                        c.symbol, d, c.right);
    }
    const std::string root = c.trading_class.empty() ? c.symbol : c.trading_class;
    auto occ = model::OccSymbol::make(
        root, expiry, c.right == "C" ? model::OptionRight::kCall : model::OptionRight::kPut,
        c.strike);
    if (!occ)
      return std::unexpected(occ.error().with_context(fmt::format("ibkr contract {}", c.con_id)));
    return reg.intern_option(*occ);
  }
  if (c.sec_type == "STK") return reg.intern_us_symbol(c.symbol);
  if (c.sec_type == "IND") return reg.intern_index(c.symbol);
  return core::fail(core::ErrorCode::kUnsupported, "ibkr contract {} {}: secType '{}' not mapped",
                    c.con_id, c.symbol, c.sec_type);
}

}  // namespace zerodte::adapters::ibkr
