// `zerodte quant greeks --input F.csv [--output O.csv]`
//   columns type,spot,strike,years,rate,dividend,vol[,style] -> + price,delta,gamma,vega,theta,rho
// `zerodte quant iv --input F.csv [--output O.csv]`
//   columns type,spot,strike,years,rate,dividend,price[,style] -> + iv,error
// `zerodte quant chain --cboe F.csv [--json] [--expiry YYYY-MM-DD|all] [--rate R]
//                      [--quote-delay-minutes M] [--trading-time] [--dealers CONVENTION]`
//   recomputes IVs/Greeks from mids and prints the GEX profile, zero-gamma flip, walls, max pain,
//   expected move (text, or one JSON object).
// Exit codes: 0 ok; 1 some rows had errors (reported on stderr, other rows computed);
//             2 unreadable input or bad options.
#include <fmt/core.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/quant/batch_csv.hpp"
#include "zerodte/quant/cboe_quotedata.hpp"
#include "zerodte/quant/chain_analytics.hpp"

namespace {

namespace quant = zerodte::quant;

struct QuantOptions {
  std::string input, output, cboe, expiry = "nearest", dealers = "long-calls-short-puts";
  bool json = false, trading_time = false;
  double rate = 0.05;
  int quote_delay_minutes = 0;
  int strikes_shown = 40;
};

int run_batch(const QuantOptions& o, bool greeks) {
  std::ifstream in(o.input);
  if (!in) {
    fmt::print(stderr, "zerodte quant: cannot open {}\n", o.input);
    return 2;
  }
  std::ofstream file;
  if (!o.output.empty()) {
    file.open(o.output);
    if (!file) {
      fmt::print(stderr, "zerodte quant: cannot write {}\n", o.output);
      return 2;
    }
  }
  std::ostream& out = o.output.empty() ? std::cout : file;
  auto r = greeks ? quant::run_greeks_csv(in, out, o.input) : quant::run_iv_csv(in, out, o.input);
  if (!r) {
    fmt::print(stderr, "zerodte quant: {}\n", r.error().message);
    return 2;
  }
  for (const auto& e : r->row_errors)
    fmt::print(stderr, "{}\n", e);
  return r->row_errors.empty() ? 0 : 1;
}

std::string num(double v) {
  return std::isfinite(v) ? fmt::format("{}", v) : "null";
}

int run_chain(const QuantOptions& o) {
  quant::CboeLoadOptions lo;
  lo.basis = o.trading_time ? quant::TimeBasis::kTrading : quant::TimeBasis::kCalendar;
  lo.quote_delay = std::chrono::minutes(o.quote_delay_minutes);
  auto load = quant::load_cboe_quotedata(o.cboe, lo);
  if (!load) {
    fmt::print(stderr, "zerodte quant chain: {}\n", load.error().message);
    return 2;
  }
  for (const auto& e : load->row_errors)
    fmt::print(stderr, "{}\n", e.message);
  auto& c = load->chain;
  c.rate = o.rate;
  const auto stats = quant::compute_chain(c);
  quant::AnalyticsOptions ao;
  if (o.dealers == "short-calls-short-puts") {
    ao.convention = quant::DealerConvention::kShortCallsShortPuts;
  } else if (o.dealers == "long-calls-long-puts") {
    ao.convention = quant::DealerConvention::kLongCallsLongPuts;
  } else if (o.dealers != "long-calls-short-puts") {
    fmt::print(stderr,
               "zerodte quant chain: --dealers must be long-calls-short-puts, "
               "short-calls-short-puts or long-calls-long-puts\n");
    return 2;
  }
  if (o.expiry == "nearest") {
    std::uint32_t best = 0;
    for (std::uint32_t e = 0; e < c.expiries.size(); ++e) {
      if (c.expiries[e].years > 0 &&
          (c.expiries[best].years <= 0 || c.expiries[e].years < c.expiries[best].years)) {
        best = e;
      }
    }
    ao.expiries = {best};
  } else if (o.expiry != "all") {
    auto d = zerodte::core::Date::parse(o.expiry);
    if (!d) {
      fmt::print(stderr, "zerodte quant chain: --expiry: {}\n", d.error().message);
      return 2;
    }
    for (std::uint32_t e = 0; e < c.expiries.size(); ++e) {
      if (c.expiries[e].date == *d) ao.expiries.push_back(e);
    }
    if (ao.expiries.empty()) {
      fmt::print(stderr, "zerodte quant chain: no expiry {} in {}\n", o.expiry, o.cboe);
      return 2;
    }
  }
  const auto a = quant::analyse_chain(c, ao);
  const std::string conv = o.dealers;
  if (o.json) {
    std::string s = fmt::format(
        "{{\"source\":\"{}\",\"spot\":{},\"as_of\":\"{}\",\"dealer_convention\":\"{}\","
        "\"contracts\":{},\"priced\":{},\"no_quote\":{},\"out_of_bounds\":{},\"filled\":{},"
        "\"total_gex\":{},\"zero_gamma\":{},\"call_wall\":{},\"put_wall\":{},"
        "\"pc_volume_ratio\":{},\"pc_oi_ratio\":{},\"expiries\":[",
        o.cboe, c.spot, zerodte::core::to_iso8601(c.as_of), conv, c.size(), stats.priced,
        stats.no_quote, stats.out_of_bounds, stats.filled, num(a.total_gex),
        a.zero_gamma ? num(*a.zero_gamma) : "null", num(a.call_wall), num(a.put_wall),
        num(a.pc_volume_ratio), num(a.pc_oi_ratio));
    for (std::size_t i = 0; i < a.expiries.size(); ++i) {
      const auto& e = a.expiries[i];
      const auto& ex = c.expiries[e.expiry];
      s += fmt::format(
          "{}{{\"date\":\"{}\",\"root\":\"{}\",\"years\":{},\"forward\":{},\"atm_iv\":{},"
          "\"expected_move\":{},\"straddle\":{},\"rr25\":{},\"max_pain\":{}}}",
          i ? "," : "", ex.date.to_string(), ex.root, num(ex.years), num(ex.forward), num(e.atm_iv),
          num(e.expected_move), num(e.straddle), num(e.rr25), num(e.max_pain));
    }
    s += "],\"gex\":[";
    for (std::size_t i = 0; i < a.gex.size(); ++i) {
      const auto& g = a.gex[i];
      s += fmt::format("{}{{\"strike\":{},\"call_gex\":{},\"put_gex\":{},\"net_gex\":{}}}",
                       i ? "," : "", g.strike, num(g.call_gex), num(g.put_gex), num(g.net_gex));
    }
    s += "]}";
    fmt::print("{}\n", s);
    return load->row_errors.empty() ? 0 : 1;
  }
  fmt::print(
      "{} spot {} as of {} ({} contracts: {} priced from mids, {} no quote, {} outside "
      "bounds, {} filled from SVI)\n",
      load->underlying, c.spot, zerodte::core::to_iso8601(c.as_of), c.size(), stats.priced,
      stats.no_quote, stats.out_of_bounds, stats.filled);
  for (const auto& e : a.expiries) {
    const auto& ex = c.expiries[e.expiry];
    fmt::print(
        "expiry {} {}: T = {:.6f} y ({:.1f} min), forward {:.2f}, ATM IV {:.2f}%, expected "
        "move +-{:.2f} (straddle {:.2f}), 25d RR {:.2f} pts, max pain {}\n",
        ex.date.to_string(), ex.root, ex.years, ex.years * quant::kSecondsPerCalendarYear / 60,
        ex.forward, 100 * e.atm_iv, e.expected_move, e.straddle, 100 * e.rr25, e.max_pain);
  }
  fmt::print("dealer convention {}: total net GEX {:.4g} $ per 1% move\n", conv, a.total_gex);
  fmt::print("zero-gamma flip: {}\n", a.zero_gamma ? fmt::format("{:.2f}", *a.zero_gamma)
                                                   : std::string("none within +-10%"));
  fmt::print("call wall {}  put wall {}  P/C volume {:.3f}  P/C OI {:.3f}\n", a.call_wall,
             a.put_wall, a.pc_volume_ratio, a.pc_oi_ratio);
  fmt::print("GEX profile ({} strikes nearest spot):\n{:>10} {:>14} {:>14} {:>14}\n",
             o.strikes_shown, "strike", "call_gex", "put_gex", "net_gex");
  std::size_t centre = 0;
  for (std::size_t i = 0; i < a.gex.size(); ++i) {
    if (std::abs(a.gex[i].strike - c.spot) < std::abs(a.gex[centre].strike - c.spot)) centre = i;
  }
  const std::size_t half = static_cast<std::size_t>(o.strikes_shown / 2);
  const std::size_t first = centre > half ? centre - half : 0;
  for (std::size_t i = first; i < std::min(a.gex.size(), first + o.strikes_shown); ++i) {
    const auto& g = a.gex[i];
    fmt::print("{:>10} {:>14.4g} {:>14.4g} {:>14.4g}\n", g.strike, g.call_gex, g.put_gex,
               g.net_gex);
  }
  return load->row_errors.empty() ? 0 : 1;
}

void setup(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<QuantOptions>();
  auto* cmd = app.add_subcommand("quant", "Option pricing, Greeks, implied vol, chain analytics");
  cmd->require_subcommand(1);
  auto* greeks = cmd->add_subcommand(
      "greeks", "type,spot,strike,years,rate,dividend,vol[,style] -> price and Greeks");
  auto* iv = cmd->add_subcommand("iv", "type,spot,strike,years,rate,dividend,price[,style] -> iv");
  for (auto* sub : {greeks, iv}) {
    sub->add_option("--input,-i", o->input, "input CSV")->required();
    sub->add_option("--output,-o", o->output, "output CSV (default: stdout)");
  }
  greeks->callback([o, &exit_code] { exit_code = run_batch(*o, true); });
  iv->callback([o, &exit_code] { exit_code = run_batch(*o, false); });
  auto* chain = cmd->add_subcommand("chain", "Cboe quotedata chain: IVs, Greeks, GEX profile");
  chain->add_option("--cboe", o->cboe, "Cboe delayed-quotes quotedata.csv")->required();
  chain->add_flag("--json", o->json, "one JSON object");
  chain->add_option("--expiry", o->expiry, "YYYY-MM-DD, nearest (default) or all");
  chain->add_option("--rate", o->rate, "risk-free rate for discounting (default 0.05)");
  chain->add_option("--quote-delay-minutes", o->quote_delay_minutes,
                    "quotes are this much older than the page time (Cboe delayed: 15)");
  chain->add_flag("--trading-time", o->trading_time, "time to expiry in trading time");
  chain->add_option("--dealers", o->dealers,
                    "long-calls-short-puts (default) | short-calls-short-puts | "
                    "long-calls-long-puts");
  chain->add_option("--strikes", o->strikes_shown, "strikes shown in the text profile");
  chain->callback([o, &exit_code] { exit_code = run_chain(*o); });
}

const zerodte::app::CommandRegistrar kRegistrar{"quant", 30, &setup};

}  // namespace
