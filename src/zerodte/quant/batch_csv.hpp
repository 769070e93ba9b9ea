#pragma once
// The row-by-row CSV tools behind `zerodte quant greeks` and `zerodte quant iv`.
//   greeks: type,spot,strike,years,rate,dividend,vol[,style] -> + price,delta,gamma,vega,theta,rho
//   iv:     type,spot,strike,years,rate,dividend,price[,style] -> + iv,error
// Columns are found by header name (any order; extra columns are copied through). type is C/P
// (also call/put), style european (default) or american (Bjerksund-Stensland 2002). Units: vega
// per 1.00 vol, theta per year, rho per 1.00 rate. A bad row is reported as
// "<source>:<line>: column '<name>': <reason>" and the remaining rows are still computed
// (greeks rows with an error keep empty outputs; iv rows carry the message in `error`).
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "zerodte/core/error.hpp"

namespace zerodte::quant {

struct BatchResult {
  std::size_t rows = 0;
  std::vector<std::string> row_errors;  // one message per bad row
};

core::Result<BatchResult> run_greeks_csv(std::istream& in, std::ostream& out,
                                         std::string_view source);
core::Result<BatchResult> run_iv_csv(std::istream& in, std::ostream& out, std::string_view source);

}  // namespace zerodte::quant
