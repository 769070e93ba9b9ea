#pragma once
// Event sources over users' files: bar CSVs (through analytics' reader) and Cboe "quotedata"
// option-chain CSVs (through quant's reader; each contract becomes an OptionQuote with the
// vendor's IV/delta/gamma, volume and open interest, stamped at the snapshot time).
#include <memory>
#include <string>

#include "zerodte/engine/event_source.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::data {

// Bars of `symbol` (interned as a US symbol when `registry` is given; otherwise instrument id 0).
// `report` (optional) receives the reader's summary line.
core::Result<std::unique_ptr<engine::EventSource>> open_bar_csv(const std::string& path,
                                                                std::string_view symbol,
                                                                model::InstrumentRegistry* registry,
                                                                std::string* report = nullptr);

core::Result<std::unique_ptr<engine::EventSource>> open_cboe_quotedata(
    const std::string& path, model::InstrumentRegistry& registry,
    std::size_t* skipped_rows = nullptr);

// Guesses the symbol of a bar file from its name ("SPY_1min.csv" -> "SPY", "qqq.csv" -> "QQQ").
std::string symbol_from_filename(const std::string& path);

}  // namespace zerodte::data
