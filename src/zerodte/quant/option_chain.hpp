#pragma once
// An option chain as a structure of arrays: one entry per contract (strike x {call, put} x
// expiry), so implied vols and Greeks for the whole chain are plain loops over contiguous
// arrays. Contracts come in pairs: index 2j is the call and 2j+1 the put of the same expiry and
// strike. Inputs are filled by a loader (e.g. cboe_quotedata.hpp); compute_chain() fills the
// outputs in one pass.
#include <cstdint>
#include <string>
#include <vector>

#include "zerodte/core/time.hpp"

namespace zerodte::quant {

struct ChainExpiry {
  core::Date date;
  std::string root;       // "SPXW", "SPX"
  double years = 0.0;     // time to settlement
  double forward = 0.0;   // from put-call parity (compute_chain), else spot * e^{(r-q)T}
  double discount = 1.0;  // e^{-rT}
};

struct OptionChain {
  double spot = 0.0;
  double rate = 0.05;     // continuously compounded, used for discounting
  double dividend = 0.0;  // used only when the forward cannot be implied from parity
  core::Timestamp as_of;
  std::vector<ChainExpiry> expiries;

  // Per contract (inputs).
  std::vector<std::uint32_t> expiry;  // index into expiries
  std::vector<double> strike;
  std::vector<double> sign;           // +1 call, -1 put
  std::vector<double> bid, ask, mid;  // mid <= 0: no usable quote
  std::vector<double> open_interest, volume;
  std::vector<double> vendor_iv, vendor_delta, vendor_gamma;  // as published (0 = none)
  std::vector<std::uint32_t> source_line;  // line in the input file (for messages)

  // Per contract (outputs of compute_chain).
  std::vector<double> iv;  // NaN where no implied vol exists (no quote, outside bounds)
  std::vector<double> price, delta, gamma, vega, theta, vanna, charm;
  std::vector<std::uint8_t> iv_filled;  // 1 when iv came from the smile fit, not the quote

  [[nodiscard]] std::size_t size() const { return strike.size(); }
  void reserve(std::size_t n);
  struct Quote {
    double bid = 0, ask = 0, open_interest = 0, volume = 0;
    double vendor_iv = 0, vendor_delta = 0, vendor_gamma = 0;
  };
  // Adds the call (index 2j) and the put (2j+1) of one strike.
  void add_strike(std::uint32_t expiry_index, double strike_value, const Quote& call,
                  const Quote& put, std::uint32_t line = 0);
};

struct ChainComputeOptions {
  bool imply_forward = true;    // forward per expiry from put-call parity near the money
  bool fill_missing_iv = true;  // SVI fit per expiry fills contracts without an IV
};

struct ChainComputeStats {
  std::size_t priced = 0;         // contracts with an IV from their own quote
  std::size_t no_quote = 0;       // no two-sided quote
  std::size_t out_of_bounds = 0;  // mid outside the no-arbitrage bounds
  std::size_t filled = 0;         // IV filled from the smile fit
};

// Implied forwards, IVs from mids (Black-76 on the forward) and Greeks with respect to spot
// (delta, gamma per 1.00 of spot; vega per 1.00 vol; theta per year; vanna; charm per year).
ChainComputeStats compute_chain(OptionChain& chain, const ChainComputeOptions& options = {});

// Greeks only (IVs already in chain.iv): the vectorisable inner loop, also used by benchmarks.
void compute_chain_greeks(OptionChain& chain);

}  // namespace zerodte::quant
