// `zerodte feeds ...`: live market-data adapters ([feeds]).
//   feeds check                         which credential variables are set (never their values)
//   feeds av-plan [--calls-per-minute]  the AlphaVantage call budget over one simulated day
//   feeds replay FILE --vendor V        decode a raw recording with the vendor's own decoder
//   feeds stream --vendor V ...         connect, log in, subscribe, print/record (needs network)
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <map>
#include <thread>

#include "zerodte/adapters/alpaca/data/alpaca_data.hpp"
#include "zerodte/adapters/alphavantage/av_scheduler.hpp"
#include "zerodte/adapters/net/feeds_config.hpp"
#include "zerodte/adapters/polygon/polygon_feed.hpp"
#include "zerodte/app/command_registry.hpp"
#include "zerodte/core/config/schema_registry.hpp"
#include "zerodte/core/time_zone.hpp"
#include "zerodte/data/recorder.hpp"

namespace {

namespace net = zerodte::adapters::net;
namespace alpaca = zerodte::adapters::alpaca;
namespace polygon = zerodte::adapters::polygon;
namespace av = zerodte::adapters::alphavantage;
namespace core = zerodte::core;
namespace model = zerodte::model;
namespace engine = zerodte::engine;

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= s.size()) {
    const auto e = s.find(',', b);
    auto item = s.substr(b, e == std::string::npos ? std::string::npos : e - b);
    if (!item.empty()) out.push_back(item);
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

int check() {
  for (const char* v :
       {"ALPACA_API_KEY_ID", "ALPACA_API_SECRET_KEY", "POLYGON_API_KEY", "ALPHAVANTAGE_API_KEY"}) {
    const char* x = std::getenv(v);
    fmt::print("{:<24} {}\n", v, (x && *x) ? "set" : "not set");
  }
  return 0;
}

int av_plan(std::int64_t per_minute, const std::string& date_text, int historical, bool json) {
  auto date = core::Date::parse(date_text);
  if (!date) {
    fmt::print(stderr, "feeds av-plan: {}\n", date.error().message);
    return 2;
  }
  av::AvBudget b;
  b.calls_per_minute = per_minute;
  av::AvScheduler s(b, av::default_streams());
  for (int i = 0; i < historical; ++i)
    s.queue_historical({"historical", "HISTORICAL_OPTIONS", "SPY", {}, {}});
  auto t = core::local_to_utc(b.time_zone, *date, {0, 0, 0});
  if (!t) {
    fmt::print(stderr, "feeds av-plan: {}\n", t.error().message);
    return 2;
  }
  const auto end = *t + std::chrono::hours(24);
  std::map<std::string, std::size_t> issued;
  std::deque<core::Timestamp> win;
  std::size_t peak = 0, total = 0;
  core::Timestamp first_hist{};
  for (auto now = *t; now < end; now = s.next_wake(now)) {
    for (const auto& c : s.due(now)) {
      ++issued[c.stream];
      ++total;
      if (c.stream == "historical" && !first_hist.is_set()) first_hist = now;
      win.push_back(now);
      while (win.front() <= now - std::chrono::minutes(1))
        win.pop_front();
      peak = std::max(peak, win.size());
    }
  }
  std::string hist_at = first_hist.is_set() ? core::to_iso8601(first_hist) : "-";
  if (json) {
    fmt::print(
        "{{\"date\":\"{}\",\"calls_per_minute\":{},\"total_calls\":{},\"peak_per_minute\":{}",
        date_text, per_minute, total, peak);
    for (const auto& [k, v] : s.stats())
      fmt::print(",\"{}\":{{\"issued\":{},\"dropped\":{},\"delayed\":{}}}", k, v.issued, v.dropped,
                 v.delayed);
    fmt::print(",\"first_historical\":\"{}\"}}\n", hist_at);
  } else {
    fmt::print("AlphaVantage plan for {} (budget {} calls/min): {} calls, peak {} in any minute\n",
               date_text, per_minute, total, peak);
    for (const auto& [k, v] : s.stats())
      fmt::print("  {:<11} issued {:>6}  dropped {:>5}  delayed {:>5}\n", k, v.issued, v.dropped,
                 v.delayed);
    fmt::print("  first historical call: {}\n", hist_at);
  }
  return peak <= static_cast<std::size_t>(per_minute) ? 0 : 1;
}

std::string describe(const engine::Event& e, const model::InstrumentRegistry& reg) {
  auto sym = [&](core::InstrumentId id) {
    const auto* i = reg.try_get(id);
    return i ? std::string(i->symbol.view()) : std::string("?");
  };
  return std::visit(
      [&](const auto& ev) -> std::string {
        using T = std::decay_t<decltype(ev)>;
        if constexpr (std::is_same_v<T, model::Trade>)
          return fmt::format("trade {} {} x{}", sym(ev.hdr.instrument), ev.price.to_string(),
                             ev.size);
        else if constexpr (std::is_same_v<T, model::Quote>)
          return fmt::format("quote {} {} / {}", sym(ev.hdr.instrument), ev.bid.to_string(),
                             ev.ask.to_string());
        else if constexpr (std::is_same_v<T, model::Bar>)
          return fmt::format("bar {} {} o={} c={} v={}", sym(ev.hdr.instrument),
                             core::to_iso8601(ev.hdr.ts_event), ev.open.to_string(),
                             ev.close.to_string(), ev.volume);
        else if constexpr (std::is_same_v<T, model::OptionQuote>)
          return fmt::format("option {} {} / {}", sym(ev.hdr.instrument), ev.bid.to_string(),
                             ev.ask.to_string());
        else if constexpr (std::is_same_v<T, model::FeedStatus>)
          return fmt::format("status {} {} {}", ev.feed.view(), static_cast<int>(ev.state),
                             ev.detail.view());
        else if constexpr (std::is_same_v<T, std::shared_ptr<const model::NewsItem>>)
          return fmt::format("news {} {}", ev->id, ev->headline);
        else
          return std::string(engine::event_type_name(engine::Event{ev}));
      },
      e);
}

int replay(const std::string& path, const std::string& vendor, bool print_all) {
  auto reader = zerodte::data::RecordingReader::open(path);
  if (!reader) {
    fmt::print(stderr, "feeds replay: {}\n", reader.error().message);
    return 2;
  }
  model::InstrumentRegistry reg;
  zerodte::data::WireDecoder dec;
  if (vendor == "alpaca")
    dec = alpaca::alpaca_wire_decoder(reg);
  else if (vendor == "polygon")
    dec = polygon::polygon_wire_decoder(reg);
  else {
    fmt::print(stderr, "feeds replay: --vendor must be alpaca or polygon, not '{}'\n", vendor);
    return 2;
  }
  zerodte::data::RecordingReplaySource src(std::move(*reader), dec);
  std::map<std::string, std::size_t> counts;
  while (auto e = src.next()) {
    ++counts[std::string(engine::event_type_name(*e))];
    if (print_all) fmt::print("{}\n", describe(*e, reg));
  }
  if (src.error()) {
    fmt::print(stderr, "feeds replay: {}\n", src.error()->message);
    return 1;
  }
  for (const auto& [k, v] : counts)
    fmt::print("{:<16} {}\n", k, v);
  return 0;
}

std::atomic<bool> g_stop{false};
void on_signal(int) {
  g_stop = true;
}

struct StreamArgs {
  std::string vendor = "alpaca", stream = "stocks", url, rest_url, record;
  std::string trades, quotes, bars, subs;
  int seconds = 30;
};

int stream(const StreamArgs& a) {
  model::InstrumentRegistry reg;
  core::LiveClock clock;
  std::unique_ptr<net::FeedProtocol> proto;
  std::unique_ptr<alpaca::AlpacaRestClient> arest;
  std::unique_ptr<polygon::PolygonRestClient> prest;
  if (a.vendor == "alpaca") {
    alpaca::AlpacaDataConfig cfg;
    if (!a.url.empty()) cfg.stream_base = a.url;
    if (!a.rest_url.empty()) cfg.rest_base = a.rest_url;
    cfg.trades = split(a.trades);
    cfg.quotes = split(a.quotes);
    cfg.bars = split(a.bars);
    cfg.option_quotes = cfg.quotes;
    auto creds = alpaca::AlpacaCredentials::from_env(cfg);
    if (!creds) {
      fmt::print(stderr, "feeds stream: {}\n", creds.error().message);
      return 2;
    }
    const auto kind = a.stream == "options" ? alpaca::AlpacaStream::kOptions
                      : a.stream == "news"  ? alpaca::AlpacaStream::kNews
                                            : alpaca::AlpacaStream::kStocks;
    arest = std::make_unique<alpaca::AlpacaRestClient>(cfg, *creds, reg, clock);
    proto = std::make_unique<alpaca::AlpacaStreamProtocol>(kind, cfg, *creds, reg, arest.get());
  } else if (a.vendor == "polygon") {
    polygon::PolygonConfig cfg;
    if (!a.url.empty()) cfg.stream_base = a.url;
    if (!a.rest_url.empty()) cfg.rest_base = a.rest_url;
    cfg.cluster = a.stream;
    auto key = polygon::polygon_key_from_env(cfg);
    if (!key) {
      fmt::print(stderr, "feeds stream: {}\n", key.error().message);
      return 2;
    }
    prest = std::make_unique<polygon::PolygonRestClient>(cfg, *key, reg, clock);
    proto = std::make_unique<polygon::PolygonStreamProtocol>(cfg, *key, split(a.subs), 0, reg,
                                                             prest.get());
  } else {
    fmt::print(stderr, "feeds stream: --vendor must be alpaca or polygon\n");
    return 2;
  }
  std::unique_ptr<zerodte::data::Recorder> rec;
  if (!a.record.empty()) {
    auto r = zerodte::data::Recorder::create(a.record);
    if (!r) {
      fmt::print(stderr, "feeds stream: {}\n", r.error().message);
      return 2;
    }
    rec = std::move(*r);
  }
  net::StreamFeed feed(*proto, net::StreamFeedConfig{}, clock,
                       [&reg](engine::Event e) { fmt::print("{}\n", describe(e, reg)); });
  if (rec) feed.set_recorder(rec.get());
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::thread timer([&] {
    for (int i = 0; i < a.seconds * 10 && !g_stop; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    g_stop = true;
  });
  auto st = feed.run(g_stop);
  g_stop = true;
  timer.join();
  if (rec) (void)rec->close();
  const auto& s = feed.stats();
  fmt::print(stderr,
             "frames {} events {} duplicates {} malformed {} reconnects {} unfilled gaps {}\n",
             s.frames.load(), s.events.load(), s.duplicates.load(), s.malformed.load(),
             s.disconnects.load() + s.silent_reconnects.load(), s.unfilled_gaps.load());
  if (!st) {
    fmt::print(stderr, "feeds stream: {}\n", st.error().message);
    return 1;
  }
  return 0;
}

void setup(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("feeds", "Live market-data adapters (Alpaca, Polygon, AlphaVantage)");
  cmd->require_subcommand(1);
  cmd->add_subcommand("check", "Which vendor credential variables are set (values never shown)")
      ->callback([&exit_code] { exit_code = check(); });

  auto* plan = cmd->add_subcommand("av-plan", "Simulate the AlphaVantage call budget for a day");
  static std::int64_t per_minute = 600;
  static std::string date = "2024-01-02";
  static int historical = 1000;
  static bool json = false;
  plan->add_option("--calls-per-minute", per_minute, "Plan limit")->check(CLI::PositiveNumber);
  plan->add_option("--date", date, "Exchange date (YYYY-MM-DD)");
  plan->add_option("--historical", historical, "Historical backfill calls queued at midnight");
  plan->add_flag("--json", json, "One JSON object");
  plan->callback([&exit_code] { exit_code = av_plan(per_minute, date, historical, json); });

  auto* rp = cmd->add_subcommand("replay", "Decode a raw feed recording (ZDTREC01)");
  static std::string path, vendor = "alpaca";
  static bool all = false;
  rp->add_option("file", path, "Recording")->required();
  rp->add_option("--vendor", vendor, "alpaca | polygon");
  rp->add_flag("--print", all, "Print every event");
  rp->callback([&exit_code] { exit_code = replay(path, vendor, all); });

  auto* st = cmd->add_subcommand("stream", "Connect to a vendor stream and print its events");
  static StreamArgs a;
  st->add_option("--vendor", a.vendor, "alpaca | polygon");
  st->add_option("--stream", a.stream, "alpaca: stocks|options|news; polygon: cluster");
  st->add_option("--url", a.url, "WebSocket base URL (default: the vendor's)");
  st->add_option("--rest-url", a.rest_url, "REST base URL (default: the vendor's)");
  st->add_option("--trades", a.trades, "alpaca: comma-separated symbols");
  st->add_option("--quotes", a.quotes, "alpaca: comma-separated symbols (options: contracts)");
  st->add_option("--bars", a.bars, "alpaca: comma-separated symbols");
  st->add_option("--subscribe", a.subs, "polygon: e.g. AM.SPY,Q.O:SPY240315C00500000");
  st->add_option("--seconds", a.seconds, "Run time");
  st->add_option("--record", a.record, "Record raw messages to this file (zstd)");
  st->callback([&exit_code] { exit_code = stream(a); });
}

const zerodte::app::CommandRegistrar kRegistrar{"feeds", 62, &setup};
const zerodte::core::config::SchemaRegistrar kSchema{"feeds", 62, &net::register_feeds_sections};

}  // namespace
