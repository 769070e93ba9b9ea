#pragma once
// Simulated Reg-T style margin, used when the broker does not report it (paper and backtests).
//
// Options are grouped by (underlying, expiry) across strategies, as a broker recognises spreads:
//  - if the group's value at expiry is bounded below (no net short calls), the requirement is
//    max(0, market value - minimum value at expiry): a long option or debit spread has no loan
//    value (requirement = its value), a credit spread or condor locks its maximum loss net of
//    the credit received;
//  - otherwise each short option is margined as naked: max(20% x S - OTM amount, 10% x S (calls)
//    or 10% x K (puts)) per unit on top of its (negative) market value already in equity;
//    longs at value.
// Equities: 50% of the absolute market value (long or short).
#include <span>

#include "zerodte/model/instrument.hpp"
#include "zerodte/portfolio/money.hpp"

namespace zerodte::portfolio {

struct MarginLeg {
  const model::Instrument* instrument = nullptr;
  std::int64_t quantity = 0;
  double mark = 0;  // per unit
};

// Requirement for one group of options on one underlying and expiry; spot = underlying price.
double option_group_requirement(std::span<const MarginLeg> legs, double spot);
double equity_requirement(double market_value);

}  // namespace zerodte::portfolio
