#include "zerodte/core/config/foundation_schema.hpp"

#include <fmt/format.h>

#include "zerodte/core/time_zone.hpp"

namespace zerodte::core::config {
namespace {

ValueCheck url_with_scheme(std::vector<std::string_view> schemes) {
  return [schemes](const Value& v) -> std::optional<std::string> {
    const auto& s = std::get<std::string>(v);
    if (s.empty()) return std::nullopt;
    for (auto scheme : schemes) {
      if (s.starts_with(scheme) && s.size() > scheme.size()) return std::nullopt;
    }
    std::string list;
    for (auto scheme : schemes)
      list += fmt::format("{}{}", list.empty() ? "" : " or ", scheme);
    return fmt::format("must start with {}", list);
  };
}

std::optional<std::string> non_empty(const Value& v) {
  if (std::get<std::string>(v).empty()) return "must not be empty";
  return std::nullopt;
}

std::optional<std::string> known_time_zone(const Value& v) {
  if (utc_offset(std::get<std::string>(v), Timestamp{0})) return std::nullopt;
  return "not a known IANA time zone (e.g. \"America/New_York\", \"Asia/Kolkata\", \"UTC\")";
}

void register_system(ConfigSchema& schema) {
  auto& t = schema.table("system", "Process-wide settings.");
  t.add_string("app_name", "zerodte", "Name shown in logs and the dashboard.");
  t.add_string("version", "", "Free-form label of this configuration (e.g. \"1.0.0\").");
  t.add_enum("environment", "development", {"development", "staging", "production"},
             "Deployment environment.");
  t.add_enum("trading_mode", "paper", {"paper", "live"},
             "paper: orders go to a simulated or paper venue; live: real money.");
  t.add_enum("log_level", "info", {"trace", "debug", "info", "warn", "error", "critical", "off"},
             "Minimum level logged.");
  t.add_enum("log_format", "text", {"text", "json"}, "text lines, or one JSON object per line.");
  t.add_string("log_file", "", "Also append logs to this file (empty: stderr only).");
  t.add_string("data_dir", "var", "Directory for journals, databases and caches.")
      .validate("must not be empty", non_empty);
  t.add_string("timezone", "America/New_York", "IANA time zone for schedules and reports.")
      .validate("an IANA time zone name", known_time_zone);
}

void register_broker(ConfigSchema& schema) {
  auto& t = schema.table("broker", "The venue orders go to.");
  t.add_enum("name", "sim", {"sim", "alpaca", "tradier", "ibkr", "angelone", "fix"},
             "Venue adapter; sim is the built-in simulated venue.");
  t.add_string("api_base_url", "", "REST base URL (empty: the adapter's default).")
      .validate("must start with http:// or https://", url_with_scheme({"http://", "https://"}));
  t.add_string("ws_url", "", "Streaming (WebSocket) URL (empty: the adapter's default).")
      .validate("must start with ws:// or wss://", url_with_scheme({"ws://", "wss://"}));
  t.add_string("account_id", "", "Broker account id.");
  t.add_string("client_code", "", "Client code (Angel One SmartAPI).");
  t.add_secret("api_key", "API key id; from \"${ENV_VAR}\" or \"${file:PATH}\".");
  t.add_secret("api_secret", "API secret; from \"${ENV_VAR}\" or \"${file:PATH}\".");
  t.add_bool("paper", true, "Use the broker's paper-trading endpoint where it has one.");
}

void register_data(ConfigSchema& schema) {
  auto& t = schema.table("data", "Market data input.");
  t.add_enum("source", "sim", {"sim", "replay", "live"},
             "sim: generated market data; replay: recorded files; live: vendor feeds.");
  t.add_string_list("paths", {}, "Files or directories replayed when source = \"replay\".");
  t.add_string_list("symbols", {"SPY"}, "Underlyings to subscribe to.");
  t.add_string_list("feeds", {}, "Vendor feeds used when source = \"live\" (e.g. \"polygon\").");
  t.add_check(
      [](const ConfigTable& d) {
        std::vector<CheckFailure> out;
        const auto source = d.get<std::string>("source");
        if (source == "replay" && d.get<std::vector<std::string>>("paths").empty()) {
          out.push_back({"paths", "source = \"replay\" needs at least one path"});
        }
        if (source == "live" && d.get<std::vector<std::string>>("feeds").empty()) {
          out.push_back({"feeds", "source = \"live\" needs at least one feed"});
        }
        if (d.get<std::vector<std::string>>("symbols").empty()) {
          out.push_back({"symbols", "at least one symbol is needed"});
        }
        return out;
      },
      "`source = \"replay\"` needs `paths`; `source = \"live\"` needs `feeds`; `symbols` is not "
      "empty.");
}

void register_strategy(ConfigSchema& schema) {
  // Owned by the strategy area: open until it registers its variants and parameters.
  auto& single = schema.table("strategy", "The strategy to run (seed layout: name + parameters).");
  single.selector = "name";
  single.open = true;
  single.add_string("name", "", "Strategy kind; its parameters sit beside it.");
  auto& many =
      schema.array_of_tables("strategies", "type", "Strategy instances, one per [[strategies]].");
  many.open = true;
  many.add_string("name", "", "Instance name (unique), used in logs and reports.");
  many.add_bool("enabled", true, "Whether the instance runs.");
}

void register_risk(ConfigSchema& schema) {
  auto& t = schema.table("risk", "Position sizing and loss limits (seed 004 7.1).");
  t.add_double("base_position_size_pct", 2.0, "Capital per position, % of equity.").range(0, 100);
  t.add_int("max_positions", 3, "Maximum open positions.").range(0, 1000);
  t.add_double("daily_loss_limit_pct", 3.0, "Halt new entries after this daily loss, % of equity.")
      .range(0, 100);
  t.add_int("consecutive_loss_limit", 3, "Halt new entries after this many losing trades in a row.")
      .range(0, 1000);
  t.add_double("margin_utilization_max_pct", 70.0, "Maximum margin in use, % of available.")
      .range(0, 100);

  auto& v = schema.table("risk.vix_adjustments", "Position size multipliers by VIX level.");
  v.add_double("vix_low_threshold", 15.0, "VIX below this is low.").range(0, 200);
  v.add_double("vix_low_multiplier", 1.25, "Size multiplier when VIX is low.").range(0, 10);
  v.add_double("vix_high_threshold", 25.0, "VIX above this is high.").range(0, 200);
  v.add_double("vix_high_multiplier", 0.50, "Size multiplier when VIX is high.").range(0, 10);
  v.add_double("vix_extreme_threshold", 30.0, "VIX above this is extreme.").range(0, 200);
  v.add_double("vix_extreme_multiplier", 0.25, "Size multiplier when VIX is extreme.").range(0, 10);
  v.add_check(
      [](const ConfigTable& t) {
        std::vector<CheckFailure> out;
        const double low = t.get<double>("vix_low_threshold");
        const double high = t.get<double>("vix_high_threshold");
        const double extreme = t.get<double>("vix_extreme_threshold");
        if (!(low < high)) {
          out.push_back({"vix_high_threshold",
                         fmt::format("must be above vix_low_threshold ({} <= {})", high, low)});
        }
        if (!(high < extreme)) {
          out.push_back(
              {"vix_extreme_threshold",
               fmt::format("must be above vix_high_threshold ({} <= {})", extreme, high)});
        }
        return out;
      },
      "vix_low_threshold < vix_high_threshold < vix_extreme_threshold.");
}

void register_entry_exit(ConfigSchema& schema) {
  auto& e = schema.table("entry", "When new positions may open (exchange local time).");
  e.add_time("no_entry_before", "10:00:00", "No new entries before this time.");
  e.add_time("no_entry_after", "14:30:00", "No new entries after this time.");
  e.add_int("min_oi_threshold", 1000, "Minimum open interest of a contract to trade it.")
      .at_least(0);
  e.add_check(
      [](const ConfigTable& t) {
        std::vector<CheckFailure> out;
        const auto before = t.get<TimeOfDay>("no_entry_before");
        const auto after = t.get<TimeOfDay>("no_entry_after");
        if (!(before < after)) {
          out.push_back(
              {"no_entry_after", fmt::format("must be later than no_entry_before ({} <= {})",
                                             after.to_string(), before.to_string())});
        }
        return out;
      },
      "no_entry_before < no_entry_after.");

  auto& x = schema.table("exit", "How positions close.");
  x.add_double("stop_loss_pct", 1.0, "Stop loss, % of the underlying move or premium.")
      .range(0, 100);
  x.add_double("target_pct", 3.0, "Profit target, %.").range(0, 1000);
  x.add_bool("enable_trailing_stop", true, "Trail the stop behind the best price.");
  x.add_int("exit_before_close_minutes", 30, "Flatten this many minutes before the close.")
      .range(0, 390);
}

void register_calendar(ConfigSchema& schema) {
  auto& c = schema.table("calendar", "Trading calendar.");
  c.add_enum("market", "nyse", {"nyse", "nse"}, "Exchange calendar: NYSE/Cboe or NSE.");
  schema.table("calendar.nyse", "NYSE/Cboe calendar additions.")
      .add_date_list("extra_closures", "Unscheduled full-day closures beyond the built-in table.");
  schema.table("calendar.nse", "NSE calendar additions.")
      .add_date_list("extra_holidays",
                     "NSE trading holidays (the exchange publishes them yearly).");
}

void register_server(ConfigSchema& schema) {
  auto& s = schema.table("server", "HTTP + WebSocket API and dashboard.");
  s.add_bool("enabled", true, "Serve the API and dashboard.");
  s.add_string("bind", "127.0.0.1", "Address to listen on (keep loopback unless behind a proxy).")
      .validate("must not be empty", non_empty);
  s.add_int("port", 8080, "TCP port (0: any free port).").range(0, 65535);
}

void register_journal_store(ConfigSchema& schema) {
  // Mirrors store::JournalConfig (src/zerodte/store/journal.hpp).
  auto& j = schema.table("journal", "Append-only event journal (the source of truth).");
  j.add_string("dir", "var/journal", "Directory of journal segments.")
      .validate("must not be empty", non_empty);
  j.add_enum("fsync", "per_order", {"per_order", "group_commit"},
             "per_order: order-affecting records are synced before they take effect, others every "
             "group_commit_interval; group_commit: everything synced every group_commit_interval.");
  j.add_duration("group_commit_interval", "5ms", "Period of the background flush and sync.")
      .range(0.0001, 10);
  j.add_int("segment_bytes", std::int64_t{64} << 20, "Roll to a new segment at this size.")
      .range(1 << 16, 4.0 * (1 << 30));
  j.add_bool("compress_rolled", true, "zstd-compress segments once rolled.");

  auto& s = schema.table("store", "Queryable projections of the journal.");
  s.add_enum("backend", "sqlite", {"sqlite", "postgres", "none"}, "Database for projections.");
  s.add_string("sqlite_path", "var/zerodte.db", "SQLite database file.");
  s.add_secret("postgres_url",
               "PostgreSQL connection URL; from \"${ENV_VAR}\" or \"${file:PATH}\".");
}

}  // namespace

void register_foundation_sections(ConfigSchema& schema) {
  register_system(schema);
  register_broker(schema);
  register_data(schema);
  register_strategy(schema);
  register_risk(schema);
  register_entry_exit(schema);
  register_calendar(schema);
  register_server(schema);
  register_journal_store(schema);
  schema.add_check(
      [](const ConfigTable& root) {
        std::vector<CheckFailure> out;
        if (root.get<std::string>("system.trading_mode") == "live") {
          if (root.get<std::string>("broker.name") == "sim") {
            out.push_back(
                {"broker.name", "trading_mode = \"live\" needs a real broker, not \"sim\""});
          }
          if (root.get<bool>("broker.paper")) {
            out.push_back({"broker.paper", "trading_mode = \"live\" needs paper = false"});
          }
          if (root.get<std::string>("data.source") != "live") {
            out.push_back({"data.source", "trading_mode = \"live\" needs source = \"live\""});
          }
        }
        return out;
      },
      "`system.trading_mode = \"live\"` needs `broker.name` other than `sim`, `broker.paper = "
      "false` and `data.source = \"live\"`.");
}

log::Options log_options(const Config& config) {
  log::Options o;
  o.level =
      log::parse_level(config.get<std::string>("system.log_level")).value_or(log::Level::kInfo);
  o.format =
      log::parse_format(config.get<std::string>("system.log_format")).value_or(log::Format::kText);
  o.file = config.get<std::string>("system.log_file");
  o.logger_name = config.get<std::string>("system.app_name");
  return o;
}

}  // namespace zerodte::core::config
