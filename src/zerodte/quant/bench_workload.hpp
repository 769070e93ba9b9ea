#pragma once
// Deterministic workloads shared by the Google Benchmark binary (bench/quant) and
// `zerodte bench quant`, so both measure the same inputs.
#include <cstdint>
#include <vector>

#include "zerodte/quant/black.hpp"
#include "zerodte/quant/option_chain.hpp"

namespace zerodte::quant {

// Random European inputs: spot 100, K/S log-uniform 0.5..2, T 1 minute..1 year, vol 5%..150%.
std::vector<EuropeanInputs> make_bench_inputs(std::size_t n, std::uint64_t seed = 1);

// A synthetic SPX-like chain with `contracts` contracts (pairs of call/put; 5 expiries from
// 2 hours to 30 days, strikes every 5 points around 4300), quotes from a smile so every mid
// has an implied vol; open interest on every contract.
OptionChain make_bench_chain(std::size_t contracts, std::uint64_t seed = 1);

// One refresh as the system does it every few seconds: IVs from mids + Greeks + GEX by strike.
double refresh_chain_gex(OptionChain& chain);

}  // namespace zerodte::quant
