// Sentiment throughput and latency on real finance tweets (Twitter Financial News):
//  - posts/s per core for each scorer (lexicon goal >= 200k/s, linear >= 50k/s), VADER as peer;
//  - preprocessing (normalise, tickers, language, dedupe) per post;
//  - news-to-signal latency inside the kernel: a NewsItem dispatched -> preprocessed -> scored ->
//    consensus -> TickerSentiment published (p50/p99 reported as counters).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

#include "zerodte/engine/kernel.hpp"
#include "zerodte/sentiment/dataset.hpp"
#include "zerodte/sentiment/lexicon_scorer.hpp"
#include "zerodte/sentiment/linear_scorer.hpp"
#include "zerodte/sentiment/preprocessor.hpp"
#include "zerodte/sentiment/sentiment_engine.hpp"

namespace zs = zerodte::sentiment;

namespace {

const std::vector<std::string>& texts() {
  static const std::vector<std::string> t = [] {
    zs::DatasetSpec spec;
    spec.path = ZERODTE_SHARED_DATA "/sentiment/twitter-financial-news/sent_train.csv";
    spec.label_map = "0=negative,1=positive,2=neutral";
    auto d = zs::load_dataset(spec);
    std::vector<std::string> out;
    if (d) {
      for (auto& e : *d)
        out.push_back(e.text);
    }
    return out;
  }();
  return t;
}

void run_scorer(benchmark::State& state, zs::Scorer& s) {
  const auto& t = texts();
  if (t.empty()) {
    state.SkipWithError("no data");
    return;
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = s.score(t[i]);
    benchmark::DoNotOptimize(r);
    if (++i == t.size()) i = 0;
  }
  state.counters["posts_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Lexicon(benchmark::State& state) {
  zs::LexiconScorer s(zs::LexiconMode::kFinance);
  run_scorer(state, s);
}
void BM_Vader(benchmark::State& state) {
  zs::LexiconScorer s(zs::LexiconMode::kVader);
  run_scorer(state, s);
}
void BM_Linear(benchmark::State& state) {
  auto s = zs::LinearScorer::open(zs::default_linear_model_path());
  if (!s) {
    state.SkipWithError(s.error().to_string().c_str());
    return;
  }
  run_scorer(state, **s);
}

void BM_Preprocess(benchmark::State& state) {
  const auto& t = texts();
  zs::Preprocessor pre;
  zerodte::model::NewsItem item;
  std::size_t i = 0;
  std::int64_t ts = 1'700'000'000;
  for (auto _ : state) {
    item.id = std::to_string(i);
    item.text = t[i % t.size()];
    auto p = pre.prepare(item, zerodte::core::Timestamp::from_seconds(ts++));
    benchmark::DoNotOptimize(p);
    ++i;
  }
  state.counters["posts_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// Dispatch -> TickerSentiment publication inside the kernel, measured per post.
void BM_NewsToTickerSignal(benchmark::State& state) {
  const auto& t = texts();
  zerodte::core::SimClock clock{zerodte::core::Timestamp::from_seconds(1'700'000'000)};
  zerodte::engine::Kernel kernel{clock};
  std::vector<std::unique_ptr<zs::Scorer>> fast;
  if (state.range(0) == 1) {
    auto s = zs::LinearScorer::open(zs::default_linear_model_path());
    if (!s) {
      state.SkipWithError("no model");
      return;
    }
    fast.push_back(std::move(*s));
  } else {
    fast.push_back(std::make_unique<zs::LexiconScorer>());
  }
  auto engine = std::make_shared<zs::SentimentEngine>(zs::SentimentEngineConfig{}, std::move(fast));
  kernel.add_component(engine);
  std::chrono::steady_clock::time_point t_signal{};
  kernel.bus().subscribe_all<zs::TickerSentiment>([&](const auto&) {
    if (t_signal == std::chrono::steady_clock::time_point{})
      t_signal = std::chrono::steady_clock::now();
  });
  kernel.start();
  std::vector<double> lat_us;
  std::size_t i = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto n = std::make_shared<zerodte::model::NewsItem>();
    n->id = std::to_string(i);
    n->text = "$SPY " + t[i % t.size()] + " #" + std::to_string(i);  // unique, with a ticker
    clock.advance_to(clock.now() + std::chrono::milliseconds(10));
    n->ts_event = n->ts_recv = clock.now();
    zerodte::engine::Event ev{std::shared_ptr<const zerodte::model::NewsItem>(std::move(n))};
    t_signal = {};
    state.ResumeTiming();
    const auto t0 = std::chrono::steady_clock::now();
    kernel.dispatch(ev);
    if (t_signal != std::chrono::steady_clock::time_point{}) {
      lat_us.push_back(std::chrono::duration<double, std::micro>(t_signal - t0).count());
    }
    ++i;
  }
  if (!lat_us.empty()) {
    std::sort(lat_us.begin(), lat_us.end());
    state.counters["p50_us"] = lat_us[lat_us.size() / 2];
    state.counters["p99_us"] = lat_us[std::min(lat_us.size() - 1, lat_us.size() * 99 / 100)];
    state.counters["signals"] = static_cast<double>(lat_us.size());
  }
}

}  // namespace

BENCHMARK(BM_Lexicon);
BENCHMARK(BM_Vader);
BENCHMARK(BM_Linear);
BENCHMARK(BM_Preprocess);
BENCHMARK(BM_NewsToTickerSignal)->Arg(0)->Arg(1)->Iterations(20000);

BENCHMARK_MAIN();
