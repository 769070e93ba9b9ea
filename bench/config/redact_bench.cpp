// Cost of redaction per log message: core::log::redact() against a std::regex peer doing the same
// pattern masking, and a logger with the redacting sink against a plain one (both to a null sink).
#include <benchmark/benchmark.h>

#include <memory>
#include <regex>
#include <string>

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include "zerodte/core/log/redacting_sink.hpp"
#include "zerodte/core/log/redactor.hpp"

namespace {

using namespace zerodte::core::log;

const std::string kMessage =
    "order 42 accepted: SPY   240119C00450000 buy 3 @ 1.25 limit, venue=alpaca, latency_us=812, "
    "request GET /v2/orders?symbol=SPY&status=open apikey=PK12345678 Authorization: Bearer "
    "eyJhbGciOi.payload.sig";

void register_n(int n) {
  clear_secrets_for_testing();
  for (int i = 0; i < n; ++i)
    register_secret("secret-value-" + std::to_string(i) + "-xyzw");
}

void BM_Redact(benchmark::State& state) {
  register_n(static_cast<int>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(redact(kMessage));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kMessage.size()));
  clear_secrets_for_testing();
}
BENCHMARK(BM_Redact)->Arg(0)->Arg(4)->Arg(32);

// Peer: the textbook approach, one regex over the same credential patterns.
void BM_RedactRegexPeer(benchmark::State& state) {
  const std::regex pattern(
      R"(((?:authorization|apikey|api_key|password|secret|token|apca-api-secret-key)"
      R"(["']?\s*[:=]\s*["']?(?:bearer\s+|basic\s+)?)[^\s&,;"'}]+))",
      std::regex::icase | std::regex::optimize);
  for (auto _ : state)
    benchmark::DoNotOptimize(std::regex_replace(kMessage, pattern, "$1***"));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kMessage.size()));
}
BENCHMARK(BM_RedactRegexPeer);

void BM_LoggerPlain(benchmark::State& state) {
  spdlog::logger logger("plain", std::make_shared<spdlog::sinks::null_sink_st>());
  for (auto _ : state)
    logger.info("fill {} @ {} {}", 42, 1.25, kMessage);
}
BENCHMARK(BM_LoggerPlain);

void BM_LoggerRedacting(benchmark::State& state) {
  register_n(4);
  auto null = std::make_shared<spdlog::sinks::null_sink_st>();
  spdlog::logger logger("redacting",
                        std::make_shared<RedactingSinkMt>(std::vector<spdlog::sink_ptr>{null}));
  for (auto _ : state)
    logger.info("fill {} @ {} {}", 42, 1.25, kMessage);
  clear_secrets_for_testing();
}
BENCHMARK(BM_LoggerRedacting);

}  // namespace
