// `zerodte instrument SYMBOL... [--json]`: what zerodte makes of a symbol - OCC option (any form:
// "SPY   240119C00450000", "SPY240119C00450000", "O:SPY240119C00450000"), index ("SPX",
// "I:SPX") or equity/ETF ticker - with the contract terms it would trade under: settlement,
// exercise, multiplier, tick rule, OCC forms.
// `zerodte instrument --nse ROOT --expiry YYYY-MM-DD --strike K --right call|put [--lot N]`:
// the same for an NSE index option (lot and freeze quantity from the dated tables).
// Exit codes: 0 ok, 2 bad input (every bad symbol is reported on stderr).
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/model/instrument.hpp"
#include "zerodte/model/instrument_registry.hpp"

namespace {

using zerodte::core::Date;
using zerodte::core::Price;
using zerodte::model::Instrument;
using zerodte::model::InstrumentRegistry;
using zerodte::model::OptionRight;

struct Options {
  std::vector<std::string> symbols;
  std::string nse_root;
  std::string expiry;
  std::string strike;
  std::string right;
  std::optional<std::int64_t> lot;
  bool json = false;
};

// Symbols, roots and messages here are printable ASCII, but escape defensively.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string tick_text(const zerodte::model::TickRule& t) {
  if (t.tick_below == t.tick_above) return t.tick_above.to_string();
  return fmt::format("{} below {}, {} at/above", t.tick_below.to_string(), t.threshold.to_string(),
                     t.tick_above.to_string());
}

void print_json(const Instrument& i) {
  std::string out = fmt::format(
      R"({{"symbol":{},"asset_class":"{}","market":"{}","currency":"{}","multiplier":{},)"
      R"("lot_size":{},"freeze_quantity":{},"tick":{{"class":"{}","threshold":"{}",)"
      R"("below":"{}","above":"{}"}})",
      json_string(i.symbol.view()), to_string(i.asset_class),
      i.market == zerodte::core::Market::kNse ? "nse" : "nyse", to_string(i.currency), i.multiplier,
      i.lot_size, i.freeze_quantity, to_string(i.tick_rule.tick_class),
      i.tick_rule.threshold.to_string(), i.tick_rule.tick_below.to_string(),
      i.tick_rule.tick_above.to_string());
  if (i.option) {
    const auto& o = *i.option;
    out += fmt::format(
        R"(,"underlying":{},"underlying_id":{},"root":{},"expiry":"{}","right":"{}",)"
        R"("strike":"{}","exercise":"{}","settlement":"{}","settlement_time":"{}",)"
        R"("adjusted":{})",
        json_string(o.underlying.view()), i.underlying_id.value, json_string(o.root.view()),
        o.expiry.to_string(), to_string(o.right), o.strike.to_string(), to_string(o.exercise),
        to_string(o.settlement), to_string(o.settlement_time), o.adjusted);
    if (auto occ = zerodte::model::occ_symbol_of(i)) {
      out += fmt::format(R"(,"occ":{{"padded":{},"compact":{},"polygon":{}}})",
                         json_string(occ->padded()), json_string(occ->compact()),
                         json_string(occ->polygon()));
    }
  }
  fmt::print("{}}}\n", out);
}

void print_text(const Instrument& i) {
  fmt::print("{}\n", i.symbol.view());
  fmt::print("  class:        {} ({}, {})\n", to_string(i.asset_class),
             i.market == zerodte::core::Market::kNse ? "NSE" : "US", to_string(i.currency));
  if (i.option) {
    const auto& o = *i.option;
    fmt::print("  option:       {} {} {} on {} (root {}{})\n", o.expiry.to_string(),
               to_string(o.right), o.strike.to_string(), o.underlying.view(), o.root.view(),
               o.adjusted ? ", adjusted" : "");
    fmt::print("  settlement:   {} {}, {} exercise\n", to_string(o.settlement_time),
               to_string(o.settlement), to_string(o.exercise));
    if (auto occ = zerodte::model::occ_symbol_of(i)) {
      fmt::print("  OCC forms:    \"{}\"  {}  {}\n", occ->padded(), occ->compact(), occ->polygon());
    }
  }
  fmt::print(
      "  multiplier:   {}   lot: {}{}\n", i.multiplier, i.lot_size,
      i.freeze_quantity > 0 ? fmt::format("   freeze: {} units/order", i.freeze_quantity) : "");
  fmt::print("  tick:         {} ({})\n", tick_text(i.tick_rule),
             to_string(i.tick_rule.tick_class));
}

int run(const Options& opt) {
  InstrumentRegistry reg;
  std::vector<zerodte::core::InstrumentId> ids;
  int failures = 0;
  auto report = [&](const zerodte::core::Error& e) {
    fmt::print(stderr, "zerodte instrument: {}\n", e.message);
    ++failures;
    return 2;
  };
  if (!opt.nse_root.empty()) {
    const auto expiry = Date::parse(opt.expiry);
    const auto strike = Price::parse(opt.strike);
    if (!expiry) return report(expiry.error().with_context("--expiry"));
    if (!strike) return report(strike.error().with_context("--strike"));
    std::optional<OptionRight> right;
    if (opt.right == "call" || opt.right == "C" || opt.right == "CE") right = OptionRight::kCall;
    if (opt.right == "put" || opt.right == "P" || opt.right == "PE") right = OptionRight::kPut;
    if (!right) {
      return report({zerodte::core::ErrorCode::kParse,
                     fmt::format("--right: '{}' is not call/put (C/P, CE/PE)", opt.right)});
    }
    auto id = reg.intern_nse_index_option(opt.nse_root, *expiry, *right, *strike, opt.lot);
    if (!id) return report(id.error());
    ids.push_back(*id);
  }
  for (const auto& s : opt.symbols) {
    auto id = reg.intern_us_symbol(s);
    if (!id) {
      report(id.error());
      continue;
    }
    ids.push_back(*id);
  }
  if (ids.empty() && failures == 0) {
    fmt::print(stderr,
               "zerodte instrument: give SYMBOL... or --nse ROOT --expiry --strike --right\n");
    return 2;
  }
  for (auto id : ids) {
    if (opt.json) {
      print_json(reg.get(id));
    } else {
      print_text(reg.get(id));
    }
  }
  return failures == 0 ? 0 : 2;
}

void setup(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "instrument", "Describe symbols: OCC options (any form), indices, equities, NSE options");
  cmd->add_option("symbols", opt->symbols, "US symbols: OCC in any form, I:SPX, SPX, AAPL, ...");
  cmd->add_option("--nse", opt->nse_root, "NSE index option root (NIFTY, BANKNIFTY, ...)");
  cmd->add_option("--expiry", opt->expiry, "NSE option expiry YYYY-MM-DD");
  cmd->add_option("--strike", opt->strike, "NSE option strike");
  cmd->add_option("--right", opt->right, "NSE option right: call|put");
  cmd->add_option("--lot", opt->lot, "NSE lot size override (from the contract master)");
  cmd->add_flag("--json", opt->json, "One JSON object per line");
  cmd->callback([opt, &exit_code] { exit_code = run(*opt); });
}

const zerodte::app::CommandRegistrar kRegistrar{"instrument", 40, &setup};

}  // namespace
