#pragma once
// Reader for Cboe's delayed-quotes "quotedata.csv" chain export (format in
// ../shared/data/options/SOURCES.md): spot from line 2 ("Last: <spot>"), snapshot time from
// line 3 ("Date: 9 June 2023, 1:40 PM EDT" or "Date: September 14, 2023 at 4:31 PM EDT",
// New York time), then one row per expiry and strike holding the call and the put. Time to
// expiry runs from the snapshot to each contract's settlement (SPXW/ETF roots PM, SPX AM).
// Bad rows are reported (file, line, column) and skipped; the rest of the chain loads.
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"
#include "zerodte/quant/expiry_time.hpp"
#include "zerodte/quant/option_chain.hpp"

namespace zerodte::quant {

struct CboeChainLoad {
  OptionChain chain;
  std::vector<core::Error> row_errors;
  std::string underlying;  // "Standard & Poors 500 Index"
};

struct CboeLoadOptions {
  TimeBasis basis = TimeBasis::kCalendar;
  // Cboe's delayed-quotes page stamps the page time; its quotes are 15 minutes older. Time to
  // expiry is measured from (page time - quote_delay).
  core::Duration quote_delay{0};
};

core::Result<CboeChainLoad> read_cboe_quotedata(std::istream& in, std::string_view source_name,
                                                const CboeLoadOptions& options = {});
core::Result<CboeChainLoad> load_cboe_quotedata(const std::string& path,
                                                const CboeLoadOptions& options = {});

// "9 June 2023, 1:40 PM EDT" / "September 14, 2023 at 4:31 PM EDT" (New York time) -> UTC.
core::Result<core::Timestamp> parse_cboe_snapshot_time(std::string_view text);
// "Fri Jun 09 2023" -> date.
core::Result<core::Date> parse_cboe_expiry(std::string_view text);

}  // namespace zerodte::quant
