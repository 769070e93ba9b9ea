// The overseer's per-event cost (it sees every event of the kernel), the explanation store, and
// the publish text paths (tier rendering, MarkdownV2 escaping and chunking).
//   bench_overseer --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include "zerodte/overseer/explanation.hpp"
#include "zerodte/overseer/overseer.hpp"
#include "zerodte/publish/markdown_v2.hpp"
#include "zerodte/publish/signal_alert.hpp"

namespace {

using namespace zerodte;                                                   // NOLINT
const core::Timestamp kT0 = core::Timestamp::from_seconds(1'763'737'200);  // 2025-11-21 15:00Z

// Quotes of 64 instruments, 4 per millisecond, through on_market (no kernel: the component's
// own cost). Nothing is anomalous, so this is the steady state.
void BM_OverseerQuote(benchmark::State& st) {
  overseer::OverseerConfig cfg;
  overseer::Overseer o(cfg, nullptr, nullptr);
  std::int64_t i = 0;
  for (auto _ : st) {
    const core::Timestamp t = kT0 + core::Duration{i * 250'000};
    o.on_market(core::InstrumentId{static_cast<std::uint32_t>(1 + (i & 63))}, t,
                t + core::Duration{200'000});
    ++i;
  }
  st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_OverseerQuote);

// Option quotes with vendor Greeks (sanity checks on gamma, IV and delta).
void BM_OverseerOptionQuote(benchmark::State& st) {
  overseer::Overseer o({}, nullptr, nullptr);
  model::OptionQuote q{};
  q.has_greeks = true;
  q.greeks = {0.18, 0.52, 0.04, -0.3, 0.1, 0.01};
  std::int64_t i = 0;
  for (auto _ : st) {
    q.hdr.instrument = core::InstrumentId{static_cast<std::uint32_t>(100 + (i & 255))};
    q.hdr.ts_event = kT0 + core::Duration{i * 1'000'000};
    q.hdr.ts_recv = q.hdr.ts_event;
    o.on_option_quote(q);
    ++i;
  }
  st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_OverseerOptionQuote);

// The periodic freshness check over 64 busy instruments.
void BM_OverseerCheck(benchmark::State& st) {
  overseer::OverseerConfig cfg;
  cfg.only_in_session = false;
  overseer::Overseer o(cfg, nullptr, nullptr);
  for (int k = 0; k < 64 * 30; ++k) {
    const core::Timestamp t = kT0 + core::Duration{std::int64_t{k} * 15'625'000};
    o.on_market(core::InstrumentId{static_cast<std::uint32_t>(1 + (k & 63))}, t, t);
  }
  for (auto _ : st)
    o.check(kT0 + std::chrono::seconds(31));
  st.SetItemsProcessed(st.iterations() * 64);
}
BENCHMARK(BM_OverseerCheck);

void BM_ExplanationAddAndQuery(benchmark::State& st) {
  std::int64_t i = 0;
  overseer::ExplanationStore store;
  overseer::ExplanationRecord r;
  r.kind = overseer::ExplanationKind::kTrade;
  r.strategy = "gamma_scalp";
  r.triggered_by = {"gex_spike", "regime_bullish"};
  r.analytics = {{"gex", -1.2e9}, {"vpin", 0.7}};
  for (auto _ : st) {
    r.id = "SIG-" + std::to_string(i);
    r.ts = kT0 + core::Duration{i * 1'000'000};
    benchmark::DoNotOptimize(store.add(r));
    benchmark::DoNotOptimize(store.by_id(r.id));
    ++i;
  }
  st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_ExplanationAddAndQuery);

void BM_RenderTiers(benchmark::State& st) {
  publish::SignalAlert s;
  s.underlying = "SPY";
  s.strike = core::Price::from_units(440);
  s.entry = core::Price::from_cents(250);
  s.stop = core::Price::from_cents(210);
  s.target = core::Price::from_units(5);
  for (auto _ : st) {
    for (auto t : {publish::Tier::kPremium, publish::Tier::kBasic, publish::Tier::kFree})
      benchmark::DoNotOptimize(publish::render(s, t));
  }
  st.SetItemsProcessed(st.iterations() * 3);
}
BENCHMARK(BM_RenderTiers);

void BM_TelegramEscapeAndChunk(benchmark::State& st) {
  std::string text;
  while (text.size() < 12'000)
    text += "Trade 12: SPY 440C 2.50 -> 3.10 (+24.0%) [gex_spike, regime_bullish]\n";
  for (auto _ : st)
    benchmark::DoNotOptimize(publish::chunk_text(publish::escape_markdown_v2(text), 4096));
  st.SetBytesProcessed(st.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_TelegramEscapeAndChunk);

}  // namespace
BENCHMARK_MAIN();
