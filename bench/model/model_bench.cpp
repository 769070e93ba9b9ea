// Instrument model hot spots: OCC parsing/formatting (peer: a sscanf-based parser of the compact
// form, the usual quick implementation), registry lookups (peer: a plain std::unordered_map from
// symbol to id, without the lock and OCC normalisation) and lock-free get().
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "zerodte/model/instrument_registry.hpp"
#include "zerodte/model/occ_symbol.hpp"
#include "zerodte/model/tick_rules.hpp"

namespace {

using zerodte::core::Date;
using zerodte::core::InstrumentId;
using zerodte::core::Price;
using zerodte::model::InstrumentRegistry;
using zerodte::model::OccSymbol;
using zerodte::model::OptionRight;

std::vector<std::string> chain_symbols() {
  std::vector<std::string> out;
  for (int k = 0; k < 500; ++k) {
    for (auto r : {OptionRight::kCall, OptionRight::kPut}) {
      out.push_back(OccSymbol::make("SPXW", Date{2024, 6, 14}, r, Price::from_units(4000 + 5 * k))
                        .value()
                        .compact());
    }
  }
  return out;
}

void BM_OccParse(benchmark::State& state) {
  const auto syms = chain_symbols();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(OccSymbol::parse(syms[i]));
    i = (i + 1) % syms.size();
  }
}
BENCHMARK(BM_OccParse);

// Peer: sscanf of the compact form (no validation of the date, root characters or padding).
void BM_OccParsePeerSscanf(benchmark::State& state) {
  const auto syms = chain_symbols();
  std::size_t i = 0;
  for (auto _ : state) {
    char root[8];
    int yy = 0, mm = 0, dd = 0;
    char cp = 0;
    long strike = 0;
    const int n =
        std::sscanf(syms[i].c_str(), "%6[A-Z]%2d%2d%2d%c%8ld", root, &yy, &mm, &dd, &cp, &strike);
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(strike);
    i = (i + 1) % syms.size();
  }
}
BENCHMARK(BM_OccParsePeerSscanf);

void BM_OccFormatPadded(benchmark::State& state) {
  const auto s = OccSymbol::parse("SPXW240614C05400000").value();
  for (auto _ : state)
    benchmark::DoNotOptimize(s.padded());
}
BENCHMARK(BM_OccFormatPadded);

void BM_RegistryFindCompact(benchmark::State& state) {
  InstrumentRegistry reg;
  const auto syms = chain_symbols();
  for (const auto& s : syms)
    (void)reg.intern_option(s);
  std::vector<std::string> padded;
  for (const auto& s : syms)
    padded.push_back(OccSymbol::parse(s)->padded());
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reg.find(padded[i]));
    i = (i + 1) % padded.size();
  }
}
BENCHMARK(BM_RegistryFindCompact);

void BM_RegistryFindPeerUnorderedMap(benchmark::State& state) {
  std::unordered_map<std::string, InstrumentId> map;
  const auto syms = chain_symbols();
  std::vector<std::string> padded;
  for (std::uint32_t k = 0; k < syms.size(); ++k) {
    padded.push_back(OccSymbol::parse(syms[k])->padded());
    map.emplace(padded.back(), InstrumentId{k + 1});
  }
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(map.find(padded[i]));
    i = (i + 1) % padded.size();
  }
}
BENCHMARK(BM_RegistryFindPeerUnorderedMap);

void BM_RegistryFindVendorForm(benchmark::State& state) {  // compact: parse + second lookup
  InstrumentRegistry reg;
  const auto syms = chain_symbols();
  for (const auto& s : syms)
    (void)reg.intern_option(s);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reg.find(syms[i]));
    i = (i + 1) % syms.size();
  }
}
BENCHMARK(BM_RegistryFindVendorForm);

void BM_RegistryGet(benchmark::State& state) {
  InstrumentRegistry reg;
  const auto syms = chain_symbols();
  for (const auto& s : syms)
    (void)reg.intern_option(s);
  const auto n = static_cast<std::uint32_t>(reg.size());
  std::uint32_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reg.get(InstrumentId{i + 1}).multiplier);
    i = i + 1 == n ? 0 : i + 1;
  }
}
BENCHMARK(BM_RegistryGet);

void BM_RoundToValid(benchmark::State& state) {
  const auto rule = zerodte::model::TickRule::us_option_standard();
  std::int64_t raw = 2'900'000'000;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        round_to_valid(rule, Price::from_raw(raw), zerodte::core::RoundMode::kNearest));
    raw = raw > 3'200'000'000 ? 2'900'000'000 : raw + 7'000'001;
  }
}
BENCHMARK(BM_RoundToValid);

}  // namespace
BENCHMARK_MAIN();
