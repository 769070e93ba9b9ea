#pragma once
// zerodte instruments <-> TWS contracts. US options: secType OPT, symbol = underlying ("SPX" for
// SPXW), lastTradeDateOrContractMonth = YYYYMMDD, strike, right C/P, multiplier 100, exchange
// SMART, currency USD, tradingClass = the OCC root ("SPXW"); TWS's localSymbol for them is the
// padded OCC symbol. Stocks/ETFs: STK; indices: IND (CBOE). Multi-leg orders are BAG contracts
// whose combo legs name each leg by conId (resolved with reqContractDetails).
#include "zerodte/adapters/ibkr/tws_messages.hpp"
#include "zerodte/core/error.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace zerodte::adapters::ibkr {

core::Result<Contract> contract_for(const model::Instrument& inst);
// Interns the instrument a TWS contract names (OPT, STK, IND); BAG and others are kUnsupported.
core::Result<core::InstrumentId> instrument_for(const Contract& c, model::InstrumentRegistry& reg);

}  // namespace zerodte::adapters::ibkr
