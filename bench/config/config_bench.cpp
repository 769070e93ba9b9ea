// Loading and validating config/paper.toml (a start-up cost, measured to keep it negligible).
#include <benchmark/benchmark.h>

#include "zerodte/core/config/config.hpp"
#include "zerodte/core/config/foundation_schema.hpp"

namespace {

using namespace zerodte::core::config;

void BM_LoadPaperConfig(benchmark::State& state) {
  ConfigSchema schema;
  register_foundation_sections(schema);
  LoadOptions options;
  options.register_secrets = false;
  const std::string path = std::string(ZERODTE_SOURCE_DIR) + "/config/paper.toml";
  for (auto _ : state) {
    auto cfg = load_config_file(path, schema, options);
    if (!cfg) state.SkipWithError("config/paper.toml did not validate");
    benchmark::DoNotOptimize(cfg);
  }
}
BENCHMARK(BM_LoadPaperConfig)->Unit(benchmark::kMicrosecond);

void BM_BuildFoundationSchema(benchmark::State& state) {
  for (auto _ : state) {
    ConfigSchema schema;
    register_foundation_sections(schema);
    benchmark::DoNotOptimize(schema);
  }
}
BENCHMARK(BM_BuildFoundationSchema)->Unit(benchmark::kMicrosecond);

}  // namespace
BENCHMARK_MAIN();
