// opening_range_backtest [SEED [YYYY-MM-DD]]: the example strategy over a simulated day.
#include <fmt/format.h>

#include <cstdlib>
#include <exception>
#include <string>

#include "example_backtest.hpp"

int main(int argc, char** argv) {
  example::BacktestOptions o;
  if (argc > 1) o.seed = std::strtoull(argv[1], nullptr, 10);
  if (argc > 2) {
    auto d = zerodte::core::Date::parse(argv[2]);
    if (!d) {
      fmt::print(stderr, "{}\n", d.error().to_string());
      return 2;
    }
    o.date = *d;
  }
  try {
    const auto r = example::run_backtest(o);
    fmt::print("{} events, {} bars, {} orders, {} fills\n", r.events, r.bars, r.orders, r.fills);
    for (const auto& d : r.decisions)
      fmt::print("{}\n", d);
  } catch (const std::exception& e) {
    fmt::print(stderr, "opening_range_backtest: {}\n", e.what());
    return 1;
  }
  return 0;
}
