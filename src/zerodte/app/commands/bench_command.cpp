// `zerodte bench AREA [--json]`: runs the benchmark an area registered with BenchRegistrar
// (app/bench_registry.hpp). `zerodte bench --list` lists the areas.
// Exit codes: the benchmark's own; 2 for an unknown area.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <string>

#include "zerodte/app/bench_registry.hpp"
#include "zerodte/app/command_registry.hpp"

namespace {

struct BenchOptions {
  std::string area;
  bool json = false;
  bool list = false;
};

int run(const BenchOptions& o) {
  auto& entries = zerodte::app::bench_entries();
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.area < b.area; });
  if (o.list || o.area.empty()) {
    for (const auto& e : entries)
      fmt::print("{}\n", e.area);
    return o.list ? 0 : 2;
  }
  for (const auto& e : entries)
    if (e.area == o.area) return e.fn(o.json);
  fmt::print(stderr, "zerodte bench: no benchmark for area '{}' (try --list)\n", o.area);
  return 2;
}

void setup(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<BenchOptions>();
  auto* cmd =
      app.add_subcommand("bench", "Run an area's benchmark (e.g. zerodte bench analytics --json)");
  cmd->add_option("area", opts->area, "area to benchmark");
  cmd->add_flag("--json", opts->json, "print one JSON object");
  cmd->add_flag("--list", opts->list, "list areas with a benchmark");
  cmd->callback([opts, &exit_code] { exit_code = run(*opts); });
}

const zerodte::app::CommandRegistrar kRegistrar{"bench", 90, &setup};

}  // namespace
