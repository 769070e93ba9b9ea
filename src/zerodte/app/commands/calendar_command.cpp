// `zerodte calendar --date 2025-11-28 [--market nyse|nse] [--json] [--extra-holiday DATE ...]`:
// session hours (exchange-local and UTC), early close, holiday name, next/previous trading day
// and the 0DTE expiries of a date. Without --date: today in the exchange's time zone.
// Exit codes: 0 ok, 2 bad input (date, market).
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/calendar.hpp"
#include "zerodte/core/clock.hpp"

namespace {

using zerodte::core::Date;
using zerodte::core::TradingCalendar;

struct Options {
  std::string date;
  std::string market = "nyse";
  bool json = false;
  std::vector<std::string> extra_holidays;
};

constexpr std::string_view kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", c);
        else
          out += c;
    }
  }
  return out + "\"";
}

std::string json_or_null(const std::optional<std::string>& s) {
  return s ? json_string(*s) : "null";
}

// "2025-11-28T14:30:00Z": seconds precision is enough for sessions.
std::string utc_text(zerodte::core::Timestamp t) {
  return zerodte::core::to_iso8601(t).substr(0, 19) + "Z";
}

int bad_input(const std::string& message) {
  fmt::print(stderr, "zerodte calendar: {}\n", message);
  return 2;
}

int run(const Options& opt) {
  const auto market = zerodte::core::parse_market(opt.market);
  if (!market) return bad_input(fmt::format("--market: {}", market.error().message));
  std::vector<Date> extras;
  for (const auto& text : opt.extra_holidays) {
    const auto d = Date::parse(text);
    if (!d) return bad_input(fmt::format("--extra-holiday: {}", d.error().message));
    extras.push_back(*d);
  }
  if (!extras.empty() && *market != zerodte::core::Market::kNse) {
    return bad_input("--extra-holiday applies to --market nse only (NYSE holidays are by rule)");
  }
  const TradingCalendar cal = *market == zerodte::core::Market::kNse
                                  ? TradingCalendar::nse_with_holidays(extras)
                                  : TradingCalendar::nyse();
  Date date{};
  if (opt.date.empty()) {
    date = cal.local_date(zerodte::core::wall_clock_now());
  } else {
    const auto d = Date::parse(opt.date);
    if (!d) return bad_input(fmt::format("--date: {}", d.error().message));
    date = *d;
  }
  if (date.year < 1990 || date.year > 2200) {
    return bad_input(
        fmt::format("--date: {} is outside the supported years 1990-2200", date.to_string()));
  }

  const auto session = cal.session(date);
  const auto holiday = cal.holiday_name(date);
  const auto early_reason = cal.early_close_reason(date);
  const auto expiries = cal.zero_dte_expiries(date);
  const std::string_view weekday = kWeekdays[date.weekday()];
  const std::string next = cal.next_trading_day(date).to_string();
  const std::string previous = cal.previous_trading_day(date).to_string();
  std::vector<std::string> roots, details, quoted_roots;
  for (const auto& e : expiries) {
    roots.push_back(e.root);
    quoted_roots.push_back(json_string(e.root));
    details.push_back(fmt::format(R"({{"root":{},"underlying":{},"settlement":"{}"}})",
                                  json_string(e.root), json_string(e.underlying),
                                  e.pm_settled ? "PM" : "AM"));
  }

  if (opt.json) {
    auto local = [&](auto member) {
      return session ? json_string(((*session).*member).to_string()) : std::string("null");
    };
    auto utc = [&](auto member) {
      return session ? json_string(utc_text((*session).*member)) : "null";
    };
    fmt::print(R"({{"date":"{}","market":"{}","time_zone":"{}","weekday":"{}","trading_day":{},)"
               R"("open":{},"close":{},"open_utc":{},"close_utc":{},"early_close":{},)"
               R"("early_close_reason":{},"holiday":{},"zero_dte":[{}],"expiries":[{}],)"
               R"("next_trading_day":"{}","previous_trading_day":"{}"}})"
               "\n",
               date.to_string(), zerodte::core::to_string(*market), cal.time_zone(), weekday,
               session.has_value(), local(&zerodte::core::Session::open_local),
               local(&zerodte::core::Session::close_local), utc(&zerodte::core::Session::open),
               utc(&zerodte::core::Session::close), session && session->early_close,
               json_or_null(early_reason), json_or_null(holiday), fmt::join(quoted_roots, ","),
               fmt::join(details, ","), next, previous);
    return 0;
  }

  fmt::print("{} {} ({}), {}\n", zerodte::core::to_string(*market), date.to_string(), weekday,
             cal.time_zone());
  if (session) {
    fmt::print("  trading day:    yes{}\n",
               session->early_close ? fmt::format(" (early close: {})", *early_reason) : "");
    fmt::print("  session:        {}-{} local ({} - {})\n", session->open_local.to_string(),
               session->close_local.to_string(), utc_text(session->open), utc_text(session->close));
  } else {
    fmt::print("  trading day:    no ({})\n", holiday ? *holiday : std::string("weekend"));
  }
  fmt::print("  0DTE expiries:  {}\n",
             roots.empty() ? "none" : fmt::format("{}", fmt::join(roots, " ")));
  fmt::print("  previous / next trading day: {} / {}\n", previous, next);
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "calendar", "Trading calendar: session hours, holidays, early closes and 0DTE expiries");
  cmd->add_option("--date", opt->date, "Date YYYY-MM-DD (default: today in the exchange's zone)");
  cmd->add_option("--market", opt->market, "nyse (default) or nse");
  cmd->add_flag("--json", opt->json, "Print one JSON object");
  cmd->add_option("--extra-holiday", opt->extra_holidays,
                  "Extra NSE holiday YYYY-MM-DD (repeatable; as config [calendar.nse])");
  cmd->callback([opt, &exit_code] { exit_code = run(*opt); });
}

const zerodte::app::CommandRegistrar kRegistrar{"calendar", 10, &setup};

}  // namespace
