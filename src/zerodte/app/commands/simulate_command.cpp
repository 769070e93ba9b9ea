// `zerodte simulate --date 2025-03-14 --out day.dbn.zst [--seed N] [--symbols SPY,QQQ,IWM,SPX,NVDA]
//                  [--from HH:MM --to HH:MM] [--no-options] [--news] [--option-interval S]
//                  [--print] [--limit N]`
// Generates a seeded simulated trading day (docs/SIMULATOR.md) and writes it as DBN (zstd when
// the name ends in .zst), or prints it. `--bars FILE.csv` instead quotes option chains around
// real minute bars ("chains from bars", calibrated to their realized volatility).
// Exit codes: 0 ok, 2 bad arguments or output error.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "zerodte/adapters/databento/dbn_encoder.hpp"
#include "zerodte/analytics/bar_csv.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/data/event_format.hpp"
#include "zerodte/data/file_sources.hpp"
#include "zerodte/data/sim/chains_from_bars.hpp"
#include "zerodte/data/sim/market_simulator.hpp"

namespace {

namespace core = zerodte::core;
namespace data = zerodte::data;
namespace sim = zerodte::data::sim;
namespace model = zerodte::model;
namespace db = zerodte::adapters::databento;

struct Options {
  std::string date = "2025-03-14";
  std::string out;
  std::uint64_t seed = 1;
  std::vector<std::string> symbols{"SPY", "QQQ", "IWM"};
  std::string from, to;
  bool no_options = false;
  bool news = false;
  int option_interval = 30;
  int strikes = 15;
  bool print = false;
  std::size_t limit = 0;
  std::string bars;
  std::string bars_symbol;
};

int fail(const core::Error& e) {
  fmt::print(stderr, "error: {}\n", e.message);
  return 2;
}

int emit(zerodte::engine::EventSource& src, model::InstrumentRegistry& reg,
         std::span<const core::InstrumentId> ids, core::Date date, core::Timestamp start,
         core::Timestamp end, const Options& o) {
  if (o.out.empty()) {
    std::size_t n = 0;
    while (auto e = src.next()) {
      if (o.print) std::puts(data::format_event(*e, &reg).c_str());
      if (++n == o.limit) break;
    }
    if (!o.print) fmt::print("{} events\n", n);
    return 0;
  }
  const bool zst = o.out.size() > 4 && o.out.substr(o.out.size() - 4) == ".zst";
  auto w = data::FileWriter::create(o.out, zst ? 3 : 0);
  if (!w) return fail(w.error());
  auto stats = db::write_events_as_dbn(src, reg, ids, "ZDTE.SIM", date, start, end, std::move(*w));
  if (!stats) return fail(stats.error());
  fmt::print("{}: {} records ({} definitions), {} events not representable in DBN (news)\n", o.out,
             stats->records, stats->definitions, stats->skipped);
  return 0;
}

int run(const Options& o) {
  auto date = core::Date::parse(o.date);
  if (!date) return fail(date.error());
  model::InstrumentRegistry reg;
  if (!o.bars.empty()) {
    const std::string sym =
        o.bars_symbol.empty() ? data::symbol_from_filename(o.bars) : o.bars_symbol;
    zerodte::analytics::BarCsvOptions bo;
    auto id = reg.intern_us_symbol(sym);
    if (!id) return fail(id.error());
    bo.instrument = *id;
    auto series = zerodte::analytics::read_bar_csv(o.bars, bo);
    if (!series) return fail(series.error());
    if (series->bars.empty())
      return fail(core::Error{core::ErrorCode::kInvalid, o.bars + ": no bars"});
    sim::ChainsFromBarsConfig cfg;
    cfg.seed = o.seed;
    cfg.strikes_each_side = o.strikes;
    cfg.every_n_bars = std::max(1, o.option_interval / 60);
    const auto first = series->bars.front().hdr.ts_event;
    const auto last = series->bars.back().close_time();
    if (!o.out.empty()) {
      // DBN definitions precede the data: a first (deterministic) pass interns every contract.
      auto dry = sim::ChainsFromBarsSource::create(series->bars, sym, reg, cfg);
      if (!dry) return fail(dry.error());
      while ((*dry)->next()) {
      }
    }
    auto src = sim::ChainsFromBarsSource::create(std::move(series->bars), sym, reg, cfg);
    if (!src) return fail(src.error());
    std::vector<core::InstrumentId> ids;
    for (std::uint32_t i = 1; i <= reg.size(); ++i)
      ids.emplace_back(i);
    return emit(**src, reg, ids, core::TradingCalendar::nyse().local_date(first), first, last, o);
  }
  sim::SimConfig cfg;
  cfg.date = *date;
  cfg.seed = o.seed;
  cfg.options = !o.no_options;
  cfg.news.enabled = o.news;
  cfg.option_quote_interval_s = o.option_interval;
  const bool spx = std::find(o.symbols.begin(), o.symbols.end(), "SPX") != o.symbols.end();
  const bool nvda = std::find(o.symbols.begin(), o.symbols.end(), "NVDA") != o.symbols.end();
  cfg.underlyings.clear();
  for (auto& u : sim::default_underlyings(spx, nvda)) {
    if (std::find(o.symbols.begin(), o.symbols.end(), u.symbol) == o.symbols.end()) continue;
    u.strikes_each_side = o.strikes;
    cfg.underlyings.push_back(u);
  }
  if (cfg.underlyings.empty()) {
    return fail(
        core::Error{core::ErrorCode::kInvalid, "--symbols: choose from SPY, QQQ, IWM, SPX, NVDA"});
  }
  for (const auto& [text, field] : {std::pair{o.from, &cfg.start}, std::pair{o.to, &cfg.end}}) {
    if (text.empty()) continue;
    auto t = core::TimeOfDay::parse(text);
    if (!t) return fail(t.error());
    *field = *t;
  }
  auto s = sim::MarketSimulator::create(cfg, reg);
  if (!s) return fail(s.error());
  const auto ids = (*s)->instruments();
  return emit(**s, reg, ids, *date, (*s)->start_time(), (*s)->end_time(), o);
}

void setup(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("simulate", "Generate a simulated trading day (DBN output)");
  cmd->add_option("--date", o->date, "Trading day (YYYY-MM-DD)")->capture_default_str();
  cmd->add_option("--out", o->out, "Output DBN file (.dbn or .dbn.zst); omit to print/count");
  cmd->add_option("--seed", o->seed, "Random seed")->capture_default_str();
  cmd->add_option("--symbols", o->symbols, "Underlyings: SPY,QQQ,IWM[,SPX,NVDA]")->delimiter(',');
  cmd->add_option("--from", o->from, "Start time, New York (HH:MM[:SS])");
  cmd->add_option("--to", o->to, "End time, New York (HH:MM[:SS])");
  cmd->add_flag("--no-options", o->no_options, "No option chains");
  cmd->add_flag("--news", o->news, "Emit news posts (leading and lagging moves)");
  cmd->add_option("--option-interval", o->option_interval,
                  "Seconds between re-quotes of a contract")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--strikes", o->strikes, "Strikes each side of the money")->capture_default_str();
  cmd->add_flag("--print", o->print, "Print events instead of writing DBN");
  cmd->add_option("--limit", o->limit, "Stop printing after N events");
  cmd->add_option("--bars", o->bars, "Chains from bars: a bar CSV to quote options around");
  cmd->add_option("--bars-symbol", o->bars_symbol,
                  "Underlying of --bars (default: from file name)");
  cmd->callback([o, &exit_code] { exit_code = run(*o); });
}

const zerodte::app::CommandRegistrar kRegistrar{"simulate", 61, &setup};

}  // namespace
